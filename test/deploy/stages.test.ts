/**
 * The deployed pipeline's stages, over a real DynamoDB-compatible server
 * (dynalite) and mocked EC2, STS, S3 and Athena APIs:
 * - collect stores the snapshot, uploads the inventory tables as JSON lines
 *   and returns the window's query, which reads that upload;
 * - merge turns Athena's result pages into usage exactly once: the rows are
 *   what the plan's one-query form gives in DuckDB over the demo, and the
 *   store ends with the per-rule numbers of `analyze` on the same files;
 *   a second merge of the window adds nothing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
} from '@aws-sdk/client-athena';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { analyze } from '../../src/analyze.js';
import { loadInventoryWithLocations } from '../../src/aws/group-locations.js';
import { generateDemo } from '../../src/demo/generate-demo.js';
import type { DeploymentSettings } from '../../src/deploy/deployment-settings.js';
import { collectStage, mergeStage } from '../../src/deploy/stages.js';
import type { Inventory } from '../../src/inventory/inventory.js';
import { storedReport } from '../../src/pipeline/stored-report.js';
import type { Report } from '../../src/report/report.js';
import { planRowsOf, resultPages } from '../athena/plan-rows.js';
import { useAwsTestEnvironment } from '../aws/aws-test-environment.js';
import { ACCOUNT_ID, usEast1 } from '../aws/ec2-fixtures.js';
import { mockEc2Account } from '../aws/mock-ec2-account.js';
import { useDynalite } from '../store/dynamodb/dynalite-server.js';

const dynamo = useDynalite();
useAwsTestEnvironment('us-east-1');
beforeEach(() => {
  vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', dynamo.endpoint());
});

function settings(tables: { rulesTable: string; usageTable: string }): DeploymentSettings {
  return {
    layout: {
      database: 'stale_sg',
      table: 'flow_logs',
      bucket: 'flow-log-bucket',
      prefix: '',
      format: 'text',
      layout: 'plain',
      partitioning: 'daily',
      accounts: [ACCOUNT_ID],
      regions: ['us-east-1'],
    },
    workGroup: 'stale-sg',
    dataBucket: 'stale-sg-data',
    dataPrefix: 'stale-sg/',
    memberRoleName: null,
    ...tables,
    staleAfterDays: 30,
    windowDays: 1,
    emailFrom: null,
    emailTo: [],
    notify: 'on-findings',
  };
}

describe('collectStage', () => {
  it('stores the snapshot, uploads the inventory as data, and returns the window’s query', async () => {
    mockEc2Account({ 'us-east-1': { fixture: usEast1() } });
    const s3 = mockClient(S3Client);
    s3.on(PutObjectCommand).resolves({});
    const tables = dynamo.tables();
    (await dynamo.open(tables)).close();

    const out = await collectStage(settings(tables), { time: '2026-12-03T03:00:00Z' });
    s3.restore();

    expect(out).toMatchObject({
      since: '2026-12-02T00:00:00.000Z',
      until: '2026-12-03T00:00:00.000Z',
      inventoryLocation: 's3://stale-sg-data/stale-sg/inventory/',
    });
    const puts = s3.commandCalls(PutObjectCommand).map((call) => call.args[0].input);
    expect(puts.map((put) => put.Key)).toEqual(
      ['interface_groups', 'interface_addresses', 'rules', 'rule_ranges'].map(
        (table) => `stale-sg/inventory/stale_sg_${table}/${out.runId}/rows.json`,
      ),
    );
    const store = await dynamo.open(tables);
    const stored = await store.loadInventory();
    const rules = String(puts[2]?.Body)
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(rules.map((rule) => rule.rule_id).sort()).toEqual(
      stored.rules.map((rule) => rule.ruleId).sort(),
    );
    // The query reads the upload of its run and no inventory value is in its text.
    expect(out.queryString.match(new RegExp(`run_id = '${out.runId}'`, 'g'))).toHaveLength(4);
    for (const rule of stored.rules) expect(out.queryString).not.toContain(rule.ruleId);
    expect(out.queryString).toContain("log_date >= '2026/12/02'");
  });
});

describe('mergeStage', () => {
  let dir: string;
  let inventory: Inventory;
  let analyzed: Report;
  let rows: Readonly<Record<string, string | null>>[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stale-sg-stages-'));
    const demo = await generateDemo({ outDir: join(dir, 'demo') });
    inventory = (await loadInventoryWithLocations(demo.inventoryDir)).inventory;
    analyzed = await analyze({ inventory, flowLogs: [demo.flowLogsDir] });
    rows = [...(await planRowsOf(inventory, demo.flowLogsDir, dir))];
  }, 60_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('merges the query’s results once, with the per-rule numbers of analyze', async () => {
    const athena = mockAthenaResults(rows, 'q-0001', 123_456_789);
    const tables = dynamo.tables();
    const store = await dynamo.open(tables);
    const now = new Date('2026-12-03T03:00:00Z');
    const runId = await store.startRun(now);
    await store.saveInventory(inventory, now);

    const input = {
      runId,
      since: '2026-11-01T00:00:00.000Z',
      until: '2026-12-01T00:00:00.000Z',
      queryString: 'SELECT 1',
      inventoryLocation: 's3://stale-sg-data/stale-sg/inventory/',
      queryExecutionId: 'q-0001',
    };
    const first = await mergeStage(settings(tables), input);
    expect(first).toMatchObject({ alreadyMerged: false, dataScannedBytes: 123_456_789 });
    expect(first.records).toBe(analyzed.summary.records);

    const perRule = (report: Report) =>
      Object.fromEntries(
        report.rules.map((rule) => [
          rule.ruleId,
          [rule.hits, rule.exclusiveHits, rule.packets, rule.bytes, rule.firstSeen, rule.lastSeen],
        ]),
      );
    const merged = await storedReport(store);
    expect(perRule(merged)).toEqual(perRule(analyzed));
    expect(merged.rules.filter((rule) => rule.hits > 0).length).toBeGreaterThan(20);

    const again = await mergeStage(settings(tables), input);
    expect(again.alreadyMerged).toBe(true);
    expect(perRule(await storedReport(store))).toEqual(perRule(analyzed));
    athena.restore();
  });
});

/** Athena answering for one finished query: its statistics, and its rows 1000 to a page. */
function mockAthenaResults(
  rows: readonly Readonly<Record<string, string | null>>[],
  id: string,
  scanned: number,
) {
  const athena = mockClient(AthenaClient);
  athena.on(GetQueryExecutionCommand, { QueryExecutionId: id }).resolves({
    QueryExecution: {
      QueryExecutionId: id,
      Status: { State: 'SUCCEEDED' },
      Statistics: { DataScannedInBytes: scanned },
    },
  });
  const pages = resultPages(rows);
  pages.forEach((page, index) => {
    athena
      .on(GetQueryResultsCommand, {
        QueryExecutionId: id,
        ...(index === 0 ? {} : { NextToken: `page-${index}` }),
      })
      .resolves(page);
  });
  expect(pages.length).toBeGreaterThan(1);
  return athena;
}
