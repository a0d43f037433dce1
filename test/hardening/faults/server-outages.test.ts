import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../../src/pipeline/run-pipeline.js';
import { DynamoDbStore } from '../../../src/store/dynamodb/dynamodb-store.js';
import { startSmtpSink, type SmtpSink } from '../../notify/smtp-sink.js';
import { putObjects, startS3TestServer, type S3TestServer } from '../../s3/s3-test-server.js';
import { runCliTo, startCli, type CliExit } from './cli-child.js';
import { writeFaultInput, type FaultInput } from './fault-input.js';
import { reportOfDuckDb, reportOfStore } from './store-state.js';
import { httpRequests, smtpCommands, startProxy, type StoppableProxy } from './stoppable-proxy.js';

/**
 * The servers a run talks to (S3, DynamoDB, SMTP) stopping in the middle
 * of it: the run fails, saying which server and which call, with no
 * credential in the message; once the server is back, the next run does
 * the rest of the work, exactly once.
 *
 * Each server sits behind a proxy that the test stops (open connections
 * reset, new ones refused) and starts again on the same port; the server
 * behind it keeps what it holds, as a restarted S3 or DynamoDB would.
 */
const ACCESS_KEY_ID = 'AKIAFAULTTESTEXAMPLE';
const SECRET_ACCESS_KEY = 'fault/test/SECRET/never-printed';
const SMTP_PASSWORD = 'smtp-password-never-printed';
const BUCKET = 'flow-logs';
/** The only key s3rver takes, as id and secret. */
const S3RVER_KEY = 'S3RVER';

let dir: string;
let input: FaultInput;
let reference: Record<string, unknown>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stale-sg-outages-'));
  // Two batches of 18 files: enough to stop a server between and within them.
  input = await writeFaultInput(dir, { days: 1, partsPerDay: 4 });
  await input.addPart(0);
  await input.addPart(1);

  const db = join(dir, 'reference', 'stale-sg.duckdb');
  await runPipeline({
    inventory: { dir: input.inventoryDir },
    flowLogs: [input.flowLogsDir],
    dbPath: db,
  });
  reference = await reportOfDuckDb(db);
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Where nothing else than the environment gives the SDK its settings. */
function awsEnv(
  endpoints: Record<string, string>,
  keys: readonly [string, string] = [ACCESS_KEY_ID, SECRET_ACCESS_KEY],
): NodeJS.ProcessEnv {
  const nowhere = join(dir, 'no-aws-config');
  return {
    ...endpoints,
    AWS_ACCESS_KEY_ID: keys[0],
    AWS_SECRET_ACCESS_KEY: keys[1],
    AWS_REGION: 'us-east-1',
    AWS_CONFIG_FILE: nowhere,
    AWS_SHARED_CREDENTIALS_FILE: nowhere,
  };
}

function runArgs(flowLogs: string = input.flowLogsDir): string[] {
  return [
    'run',
    '--inventory',
    input.inventoryDir,
    '--flow-logs',
    flowLogs,
    '--report-dir',
    join(dir, 'reports'),
    '--format',
    'json',
    '--verbose',
  ];
}

/** The one line the CLI fails with. */
function failureOf(run: CliExit): string {
  expect(run.code, run.stderr).toBe(1);
  const lines = run.stderr.split('\n').filter((line) => line.startsWith('stale-sg: '));
  const last = lines.at(-1) ?? '';
  console.log(`failed as expected: ${last}`);
  for (const secret of [ACCESS_KEY_ID, SECRET_ACCESS_KEY, S3RVER_KEY, SMTP_PASSWORD]) {
    expect(run.stderr).not.toContain(secret);
  }
  return last;
}

describe('S3 stopping during a run', () => {
  let server: S3TestServer;
  let proxy: StoppableProxy;

  beforeAll(async () => {
    server = await startS3TestServer([BUCKET]);
    const files = await readdir(input.flowLogsDir, { recursive: true, withFileTypes: true });
    const objects = await Promise.all(
      files
        .filter((entry) => entry.isFile())
        .map(async (entry) => {
          const path = join(entry.parentPath, entry.name);
          return { key: `vpc/${relative(input.flowLogsDir, path)}`, body: await readFile(path) };
        }),
    );
    await putObjects(server.client(), BUCKET, objects);
    proxy = await startProxy(Number(new URL(server.endpoint).port), httpRequests(/^GET /));
  }, 60_000);

  afterAll(async () => {
    await proxy?.stop();
    await server?.close();
  });

  // The first GET lists the bucket; the next ones download.
  it.each([
    ['while listing', 0, /s3:ListBucket on flow-logs/],
    ['mid-download', 20, /s3:GetObject on s3:\/\/flow-logs\/vpc\//],
  ])(
    'fails %s naming the bucket, and the next run reads every object once',
    async (_, allowed, names) => {
      const db = join(dir, `s3-${allowed}`, 'stale-sg.duckdb');
      const args = [...runArgs(`s3://${BUCKET}/vpc/`), '--force-path-style', '--db', db];
      const env = awsEnv({ AWS_ENDPOINT_URL_S3: proxy.endpoint }, [S3RVER_KEY, S3RVER_KEY]);

      const counted = proxy.requests;
      void proxy.stopAfter(allowed);
      const failed = await runCliTo(args, { env });
      await proxy.start();

      const message = failureOf(failed);
      expect(message).toMatch(names);
      expect(message).toMatch(/cannot reach S3/);
      expect(proxy.requests - counted).toBeGreaterThanOrEqual(allowed);

      const again = await runCliTo(args, { env });
      expect(again.code, again.stderr).toBe(0);
      expect(again.stderr).toMatch(/ 36 new files .*, 0 already processed/);
      expect(await reportOfDuckDb(db)).toEqual(reference);
    },
  );
});

describe('DynamoDB stopping during a run', () => {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  let proxy: StoppableProxy;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    proxy = await startProxy((server.address() as AddressInfo).port, httpRequests(/^POST /));
  });

  afterAll(async () => {
    await proxy?.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('fails mid-commit naming the table and the call; the next run finishes the batch once', async () => {
    const tables = ['--rules-table', 'outage-rules', '--usage-table', 'outage-usage'];
    const args = [...runArgs(), '--store', 'dynamodb', ...tables, '--create-tables'];
    const env = awsEnv({ AWS_ENDPOINT_URL_DYNAMODB: proxy.endpoint });

    const child = startCli(args, { env, cwd: dir });
    // The second batch's commit: some of its writes get through, then none.
    await child.waitForStep((step) => step.step === 'merge' && step.batch === 2);
    await proxy.stopAfter(30);
    const failed = await child.exit;
    await proxy.start();

    const message = failureOf(failed);
    // The commit's failure, not that of recording the run as failed, which fails as well.
    expect(message).toMatch(
      /^stale-sg: committing a batch in the store dynamodb:outage-rules,outage-usage failed: cannot reach DynamoDB for dynamodb:\w+ on the table outage-usage \(/,
    );

    const again = await runCliTo(args, { env, cwd: dir });
    expect(again.code, again.stderr).toBe(0);
    // Where the second batch had got to decides whether it was finished
    // from its log when the store opened, or read again.
    const files = / (\d+) new files .*, (\d+) already processed/.exec(again.stderr);
    expect(Number(files?.[1]) + Number(files?.[2])).toBe(36);

    const client = new DynamoDBClient({
      endpoint: proxy.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY },
    });
    const store = await DynamoDbStore.open({
      rulesTable: 'outage-rules',
      usageTable: 'outage-usage',
      client,
    });
    try {
      expect(await reportOfStore(store)).toEqual(reference);
    } finally {
      store.close();
      client.destroy();
    }
  });
});

describe('SMTP stopping while the findings are sent', () => {
  let sink: SmtpSink;
  let proxy: StoppableProxy;

  beforeAll(async () => {
    sink = await startSmtpSink({ login: { user: 'stale-sg', password: SMTP_PASSWORD } });
    proxy = await startProxy(sink.port, smtpCommands);
  });

  afterAll(async () => {
    await proxy?.stop();
    await sink?.close();
  });

  it('fails naming the server, keeps the usage, and the next run sends the email once', async () => {
    const db = join(dir, 'smtp', 'stale-sg.duckdb');
    const args = [
      ...runArgs(),
      '--db',
      db,
      '--notify',
      'always',
      '--email-from',
      'stale-sg@example.com',
      '--email-to',
      'ops@example.com',
      '--smtp-host',
      '127.0.0.1',
      '--smtp-port',
      String(proxy.port),
      '--smtp-user',
      'stale-sg',
    ];
    const env = { STALE_SG_SMTP_PASSWORD: SMTP_PASSWORD };

    // EHLO, MAIL FROM and RCPT TO get through; the server is gone before DATA.
    void proxy.stopAfter(3);
    const failed = await runCliTo(args, { env });
    await proxy.start();

    const message = failureOf(failed);
    expect(message).toContain(`SMTP server 127.0.0.1:${proxy.port}`);
    expect(sink.messages).toHaveLength(0);
    expect(await reportOfDuckDb(db)).toEqual(reference);

    const again = await runCliTo(args, { env });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/ 0 new files/);
    expect(sink.messages).toHaveLength(1);
    const email = await simpleParser(sink.messages[0]?.raw ?? Buffer.alloc(0));
    expect(email.to).toMatchObject({ text: 'ops@example.com' });
    expect(await reportOfDuckDb(db)).toEqual(reference);
  });
});
