/**
 * `stale-sg analyze --engine athena` as a process, against a stand-in
 * Athena endpoint and a real S3-compatible server (s3rver): it uploads the
 * inventory tables, starts the window's query in the workgroup, polls it,
 * pages through the results and reports what was scanned. The stand-in
 * answers with the rows that the plan's one-query form gives in DuckDB
 * over the demo, so the report must carry the per-rule numbers of the
 * DuckDB engine. Ctrl-C stops the query; missing settings are usage errors.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GetQueryResultsOutput } from '@aws-sdk/client-athena';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { analyze } from '../../src/analyze.js';
import { loadInventoryWithLocations } from '../../src/aws/group-locations.js';
import { generateDemo } from '../../src/demo/generate-demo.js';
import type { Report } from '../../src/report/report.js';
import { CLI, runCli } from '../cli/cli-process.js';
import { startS3TestServer, type S3TestServer } from '../s3/s3-test-server.js';
import { startFakeAthena, type FakeAthenaRequest } from './fake-athena-server.js';
import { planRowsOf, resultPages } from './plan-rows.js';

let dir: string;
let inventoryDir: string;
let expected: Report;
let pages: GetQueryResultsOutput[];
let s3: S3TestServer;

const SCANNED = 2_500_000_000;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stale-sg-athena-cli-'));
  const demo = await generateDemo({ outDir: join(dir, 'demo') });
  inventoryDir = demo.inventoryDir;
  expected = await analyze({ inventory: { dir: inventoryDir }, flowLogs: [demo.flowLogsDir] });

  const { inventory } = await loadInventoryWithLocations(inventoryDir);
  pages = resultPages(await planRowsOf(inventory, demo.flowLogsDir, dir));
  s3 = await startS3TestServer(['stale-sg-data']);
}, 90_000);

afterAll(async () => {
  await s3?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Athena's answers for a query that succeeds, or that runs until it is stopped. */
function athenaAnswers(outcome: 'succeed' | 'run') {
  return (request: FakeAthenaRequest) => {
    switch (request.action) {
      case 'StartQueryExecution':
        return { status: 200, body: { QueryExecutionId: 'q-demo-1' } };
      case 'GetQueryExecution':
        return {
          status: 200,
          body: {
            QueryExecution: {
              QueryExecutionId: 'q-demo-1',
              Status: { State: outcome === 'succeed' ? 'SUCCEEDED' : 'RUNNING' },
              Statistics: { DataScannedInBytes: SCANNED, EngineExecutionTimeInMillis: 4200 },
            },
          },
        };
      case 'StopQueryExecution':
        return { status: 200, body: {} };
      case 'GetQueryResults':
        return { status: 200, body: resultPage(request.input['NextToken']) };
      default:
        return {
          status: 400,
          body: { __type: 'InvalidRequestException', Message: request.action },
        };
    }
  };
}

/** The page a GetQueryResults call asks for, by its NextToken. */
function resultPage(token: unknown): object {
  const index = typeof token === 'string' ? Number(token.replace('page-', '')) : 0;
  const page = pages[index];
  if (page === undefined) throw new Error(`no result page ${String(token)}`);
  return page;
}

function args(extra: readonly string[] = []): string[] {
  return [
    'analyze',
    '--engine',
    'athena',
    '--inventory',
    inventoryDir,
    '--flow-logs',
    's3://flow-log-bucket/vpc/',
    '--accounts',
    '111122223333',
    '--regions',
    'eu-west-1',
    '--athena-data',
    's3://stale-sg-data/runs/',
    '--workgroup',
    'stale-sg',
    '--since',
    '2026-11-01',
    '--until',
    '2026-12-31',
    '--region',
    'eu-west-1',
    '--force-path-style',
    ...extra,
  ];
}

function env(athenaUrl: string): NodeJS.ProcessEnv {
  return {
    AWS_ENDPOINT_URL_ATHENA: athenaUrl,
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_CONFIG_FILE: join(dir, 'none'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
  };
}

describe('stale-sg analyze --engine athena', () => {
  it('uploads the inventory, runs the window’s query, and reports the DuckDB engine’s numbers', async () => {
    const athena = await startFakeAthena(athenaAnswers('succeed'));
    try {
      const run = await runCli(args(['--format', 'json']), { env: env(athena.url) });
      expect(run.stderr).toContain('Athena query q-demo-1: scanned 2.5');
      expect(run.code).toBe(0);

      const report = JSON.parse(run.stdout) as Report;
      const perRule = (r: Report) =>
        Object.fromEntries(
          r.rules.map((rule) => [rule.ruleId, [rule.hits, rule.exclusiveHits, rule.bytes]]),
        );
      expect(perRule(report)).toEqual(perRule(expected));
      expect(report.sources.bytes).toBe(SCANNED);

      const start = athena.requests.find((request) => request.action === 'StartQueryExecution');
      expect(start?.input['WorkGroup']).toBe('stale-sg');
      const sql = String(start?.input['QueryString']);
      expect(sql).toContain(
        "aws_account IN ('111122223333') AND aws_region IN ('eu-west-1') AND log_date >= '2026/11/01'",
      );
      for (const rule of expected.rules) expect(sql).not.toContain(rule.ruleId);
      const pages = athena.requests.filter((request) => request.action === 'GetQueryResults');
      expect(pages.length).toBeGreaterThan(1);

      const listed = await s3
        .client()
        .send(new ListObjectsV2Command({ Bucket: 'stale-sg-data', Prefix: 'runs/inventory/' }));
      const keys = (listed.Contents ?? []).map((object) => object.Key ?? '');
      expect(keys).toHaveLength(4);
      const runId = /run_id = '([^']+)'/.exec(sql)?.[1];
      for (const key of keys) expect(key).toContain(`/${runId}/rows.json`);
    } finally {
      await athena.close();
    }
  });

  it('stops the query on Ctrl-C', async () => {
    const athena = await startFakeAthena(athenaAnswers('run'));
    try {
      const child = spawn(process.execPath, [CLI, ...args()], {
        env: { ...process.env, ...env(athena.url) },
        stdio: 'pipe',
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
      const exited = exit.then(() => true);
      while (!athena.requests.some((request) => request.action === 'GetQueryExecution')) {
        const done = await Promise.race([exited, delay(50).then(() => false)]);
        if (done) throw new Error(`analyze ended before its query ran: ${stderr}`);
      }
      child.kill('SIGINT');
      expect(await exit).toBe(1);
      const stop = athena.requests.find((request) => request.action === 'StopQueryExecution');
      expect(stop?.input['QueryExecutionId']).toBe('q-demo-1');
      expect(stderr).toMatch(/cancel/i);
    } finally {
      await athena.close();
    }
  });

  it.each([
    [['--athena-data'], /needs --athena-data/],
    [['--since', '--until'], /needs --since and --until/],
    [['--accounts'], /needs --accounts and --regions/],
  ])('refuses to run without %s', async (drop, message) => {
    const list = args();
    for (const flag of drop) {
      const at = list.indexOf(flag);
      list.splice(at, 2);
    }
    const run = await runCli(list, { env: env('http://127.0.0.1:9') });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
