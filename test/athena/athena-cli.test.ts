import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { createDatabaseSql, createFlowLogTableSql } from '../../src/athena/flow-log-table-ddl.js';
import { athenaCommand } from '../../src/cli/athena-command.js';
import { FAKE_ACCESS_KEY_ID, FAKE_SECRET_ACCESS_KEY } from '../aws/aws-test-environment.js';
import { runCli } from '../cli/cli-process.js';
import { startFakeAthena, type FakeAthenaRequest } from './fake-athena-server.js';
import { layout } from './fixtures.js';

/**
 * What the child processes inherit: fake keys, no config files or profile,
 * eu-west-1. Set once for the file (not per test, as useAwsTestEnvironment
 * does), because the tests run concurrently: each spawn takes a second.
 */
beforeAll(() => {
  const nowhere = join(tmpdir(), 'stale-sg-no-such-aws-config');
  vi.stubEnv('AWS_CONFIG_FILE', nowhere);
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', nowhere);
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  vi.stubEnv('AWS_ACCESS_KEY_ID', FAKE_ACCESS_KEY_ID);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', FAKE_SECRET_ACCESS_KEY);
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  for (const name of [
    'AWS_PROFILE',
    'AWS_DEFAULT_PROFILE',
    'AWS_SESSION_TOKEN',
    'AWS_DEFAULT_REGION',
    'AWS_ENDPOINT_URL',
    'AWS_ENDPOINT_URL_ATHENA',
    'AWS_MAX_ATTEMPTS',
    'AWS_RETRY_MODE',
  ]) {
    vi.stubEnv(name, undefined);
  }
});

afterAll(() => {
  vi.unstubAllEnvs();
});

const INIT = [
  'athena',
  'init',
  '--flow-logs',
  's3://example-flow-logs/central/',
  '--accounts',
  '111111111111',
  '222222222222',
  '--regions',
  'eu-west-1',
  'us-east-1',
];

/** A fake Athena on which every query succeeds, or fails with `failure` as its reason. */
async function fakeAthena(failure?: string) {
  let count = 0;
  const athena = await startFakeAthena(({ action, input }: FakeAthenaRequest) => {
    if (action === 'StartQueryExecution') {
      count += 1;
      return { status: 200, body: { QueryExecutionId: `q-${count}` } };
    }
    const Status =
      failure === undefined
        ? { State: 'SUCCEEDED' }
        : { State: 'FAILED', StateChangeReason: failure };
    const QueryExecution = { QueryExecutionId: input['QueryExecutionId'], StatementType: 'DDL' };
    return { status: 200, body: { QueryExecution: { ...QueryExecution, Status } } };
  });
  return athena;
}

describe.concurrent('stale-sg athena init, through the built binary', () => {
  it('prints the two statements with --print, and calls nothing', async () => {
    const run = await runCli([...INIT, '--format', 'parquet', '--layout', 'hive', '--print'], {
      env: { AWS_ENDPOINT_URL_ATHENA: 'http://127.0.0.1:1' },
    });

    const expected = layout({ format: 'parquet', layout: 'hive' });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      `${createDatabaseSql(expected)};\n\n${createFlowLogTableSql(expected)};\n`,
    );
  });

  it('runs the statements on Athena and says what it created', async () => {
    const athena = await fakeAthena();

    const run = await runCli([...INIT, '--workgroup', 'audit', '--output', 's3://results/'], {
      env: { AWS_ENDPOINT_URL_ATHENA: athena.url },
    }).finally(athena.close);

    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      'Created database stale_sg and table stale_sg.flow_logs (unless they existed), reading ' +
        'text flow logs of 2 accounts in 2 regions from s3://example-flow-logs/central/AWSLogs/ ' +
        '(plain layout, daily partitions)\n',
    );
    const starts = athena.requests.filter((request) => request.action === 'StartQueryExecution');
    expect(starts.map((request) => request.input)).toEqual([
      expect.objectContaining({
        QueryString: createDatabaseSql(layout()),
        WorkGroup: 'audit',
        ResultConfiguration: { OutputLocation: 's3://results/' },
      }),
      expect.objectContaining({ QueryString: createFlowLogTableSql(layout()) }),
    ]);
  });

  it("fails with Athena's reason, exit code 1, when a statement fails", async () => {
    const athena = await fakeAthena('FAILED: Execution Error, return code 1');

    const run = await runCli(INIT, { env: { AWS_ENDPOINT_URL_ATHENA: athena.url } }).finally(
      athena.close,
    );

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'stale-sg: Athena query q-1 failed: FAILED: Execution Error, return code 1\n',
    );
    expect(athena.requests.filter((r) => r.action === 'StartQueryExecution')).toHaveLength(1);
  });
});

/** Runs `athena ...` in this process, returning what it printed on standard output. */
async function parse(args: readonly string[]): Promise<string> {
  const printed: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    printed.push(String(chunk));
    return true;
  });
  try {
    await athenaCommand().parseAsync([...args], { from: 'user' });
  } finally {
    write.mockRestore();
  }
  return printed.join('');
}

describe('stale-sg athena init, in process', () => {
  it('takes the fields as the flow log writes its format, and the other settings', async () => {
    const printed = await parse([
      ...INIT.slice(1),
      '--fields',
      '${version} ${account-id}',
      'srcaddr,dstaddr',
      '--database',
      'audit',
      '--table',
      'vpc_flow',
      '--partitioning',
      'hourly',
      '--projection-start',
      '2024-02-29',
      '--print',
    ]);

    const expected = layout({
      database: 'audit',
      table: 'vpc_flow',
      partitioning: 'hourly',
      fields: ['version', 'account-id', 'srcaddr', 'dstaddr'],
    });
    expect(printed).toContain(
      createFlowLogTableSql(expected, { projectionStart: new Date('2024-02-29T00:00:00Z') }),
    );
  });

  it.each([
    {
      args: ['--accounts', '12345'],
      error: /^accounts: expected a 12-digit AWS account id, found "12345"$/,
    },
    { args: ['--fields', 'version srcip'], error: /^fields: "srcip" is not a flow log field/ },
    { args: ['--flow-logs', 'my-bucket/logs'], error: /^expected an S3 location such as s3:/ },
    { args: ['--format', 'csv'], error: /argument 'csv' is invalid/ },
    {
      args: ['--projection-start', '2024-13-01'],
      error: /expected a date such as 2021-06-01, found "2024-13-01"/,
    },
  ])('rejects $args', async ({ args, error }) => {
    // Commander prints its own errors; keep them out of the test output.
    const quiet = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);

    try {
      await expect(parse([...INIT.slice(1), ...args, '--print'])).rejects.toThrow(error);
    } finally {
      quiet.mockRestore();
    }
  });

  it('asks for a region when none is configured, before calling AWS', async () => {
    vi.stubEnv('AWS_REGION', undefined);
    try {
      await expect(parse(INIT.slice(1))).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        message:
          'no region for Athena: pass --region, or set AWS_REGION or the region of the profile',
      });
    } finally {
      vi.stubEnv('AWS_REGION', 'eu-west-1');
    }
  });

  it('explains partition projection in its help', () => {
    const init = athenaCommand().commands.find((command) => command.name() === 'init');

    const help = init?.helpInformation().replace(/\s+/g, ' ');

    expect(help).toContain('partition projection: Athena computes the S3 folders');
    expect(help).toContain('--print');
  });
});
