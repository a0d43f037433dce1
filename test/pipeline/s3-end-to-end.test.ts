import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../src/demo/generate-demo.js';
import { runCli } from '../cli/cli-process.js';
import { putObjects, startS3TestServer, type S3TestServer } from '../s3/s3-test-server.js';

const BUCKET = 'flow-logs';

let dir: string;
let server: S3TestServer;
let demo: { inventoryDir: string; flowLogsDir: string };
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stale-sg-s3-e2e-'));
  demo = await generateDemo({ outDir: join(dir, 'demo'), days: 3 });
  server = await startS3TestServer([BUCKET]);

  const entries = await readdir(demo.flowLogsDir, { recursive: true, withFileTypes: true });
  const objects = await Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map(async (entry) => {
        const path = join(entry.parentPath, entry.name);
        return { key: `vpc/${relative(demo.flowLogsDir, path)}`, body: await readFile(path) };
      }),
  );
  await putObjects(server.client(), BUCKET, objects);

  // The SDK reads the endpoint and credentials from the environment, as it would for AWS.
  env = {
    AWS_ENDPOINT_URL_S3: server.endpoint,
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_REGION: 'us-east-1',
  };
}, 120_000);

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

function hitsOf(stdout: string): Record<string, number> {
  const report = JSON.parse(stdout) as { rules: { ruleId: string; hits: number }[] };
  return Object.fromEntries(report.rules.map((rule) => [rule.ruleId, rule.hits]));
}

describe('flow logs from S3, from the command line', () => {
  it('analyze reads s3:// locations as it reads local files', async () => {
    const common = ['analyze', '--inventory', demo.inventoryDir, '--format', 'json'];
    const local = await runCli([...common, '--flow-logs', demo.flowLogsDir]);
    const remote = await runCli(
      [...common, '--flow-logs', `s3://${BUCKET}/vpc/`, '--force-path-style'],
      { env },
    );

    expect(remote.stderr).not.toMatch(/error/i);
    expect(remote.code).toBe(0);
    expect(hitsOf(remote.stdout)).toEqual(hitsOf(local.stdout));
    expect(JSON.parse(remote.stdout).summary).toEqual(JSON.parse(local.stdout).summary);
  });

  it('run downloads only new objects and counts them once', async () => {
    const args = [
      'run',
      '--inventory',
      demo.inventoryDir,
      '--flow-logs',
      `s3://${BUCKET}/vpc/`,
      '--force-path-style',
      '--db',
      join(dir, 'store', 's.duckdb'),
      '--report-dir',
      join(dir, 'reports'),
      '--format',
      'json',
    ];
    const first = await runCli(args, { env });
    const second = await runCli(args, { env });

    expect(first.code).toBe(0);
    expect(second.stderr).toMatch(/ 0 new files/);
    expect(hitsOf(second.stdout)).toEqual(hitsOf(first.stdout));
    // Downloads are removed once every batch has committed.
    expect(await readdir(join(dir, 'store'))).not.toContain('s3-cache');
  });

  it('says what to fix when the bucket does not exist', async () => {
    const run = await runCli(
      [
        'analyze',
        '--inventory',
        demo.inventoryDir,
        '--flow-logs',
        's3://no-such-bucket/',
        '--force-path-style',
      ],
      { env },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no-such-bucket/);
    expect(run.stderr).not.toContain('S3RVER');
  });
});
