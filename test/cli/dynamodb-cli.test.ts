import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dynalite from 'dynalite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../src/demo/generate-demo.js';
import { runCli } from './cli-process.js';

let dir: string;
let demo: { inventoryDir: string; flowLogsDir: string };
let env: NodeJS.ProcessEnv;
const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stale-sg-dynamodb-cli-'));
  demo = await generateDemo({ outDir: join(dir, 'demo'), days: 3 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const nowhere = join(dir, 'no-aws-config');
  env = {
    AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
    AWS_CONFIG_FILE: nowhere,
    AWS_SHARED_CREDENTIALS_FILE: nowhere,
  };
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

function hitsOf(stdout: string): Record<string, [number, number]> {
  const report = JSON.parse(stdout) as {
    rules: { ruleId: string; hits: number; exclusiveHits: number }[];
  };
  return Object.fromEntries(report.rules.map((r) => [r.ruleId, [r.hits, r.exclusiveHits]]));
}

describe('--store dynamodb from the command line', () => {
  const run = (...extra: string[]) =>
    runCli(
      [
        'run',
        '--inventory',
        demo.inventoryDir,
        '--flow-logs',
        demo.flowLogsDir,
        '--store',
        'dynamodb',
        '--report-dir',
        join(dir, 'reports'),
        '--format',
        'json',
        ...extra,
      ],
      { env, cwd: dir },
    );

  it('refuses missing tables unless --create-tables is given, naming the table', async () => {
    const result = await run('--rules-table', 'absent-rules', '--usage-table', 'absent-usage');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/absent-(rules|usage)/);
    expect(result.stderr).toMatch(/--create-tables/);
  });

  it('runs into the two tables exactly once, with the same results as the DuckDB store', async () => {
    const first = await run('--create-tables');
    const second = await run();
    const local = await runCli(
      [
        'run',
        '--inventory',
        demo.inventoryDir,
        '--flow-logs',
        demo.flowLogsDir,
        '--db',
        join(dir, 'local.duckdb'),
        '--report-dir',
        join(dir, 'reports'),
        '--format',
        'json',
      ],
      { cwd: dir },
    );

    expect(first.code).toBe(0);
    expect(second.stderr).toMatch(/ 0 new files/);
    expect(hitsOf(second.stdout)).toEqual(hitsOf(first.stdout));
    expect(hitsOf(first.stdout)).toEqual(hitsOf(local.stdout));

    const report = await runCli(['report', '--store', 'dynamodb', '--format', 'json'], {
      env,
      cwd: dir,
    });
    expect(report.code).toBe(0);
    expect(hitsOf(report.stdout)).toEqual(hitsOf(first.stdout));
  });
});
