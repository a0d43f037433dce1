/**
 * The Athena attribution query: its text for two layouts (golden files),
 * what may and may not appear in it, and the agreement of its assembly with
 * DuckDB's engine: the same plan, rendered as one query in DuckDB's dialect
 * and read back through the Athena result mapping, gives the demo's
 * per-rule results exactly as `attributeFlows` does.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { attributeFlows } from '../../src/attribution/attribute-flows.js';
import { PLAN_OUTPUTS } from '../../src/attribution/attribution-plan.js';
import { readEvidence } from '../../src/attribution/read-evidence.js';
import { attributionFromRows } from '../../src/athena/attribution-results.js';
import { attributionQuery, RESULT_COLUMNS } from '../../src/athena/attribution-query.js';
import type { FlowLogTableLayout } from '../../src/athena/flow-log-table.js';
import { generateDemo } from '../../src/demo/generate-demo.js';
import { loadInventoryDir } from '../../src/inventory/load-inventory.js';
import { expectGolden } from './golden.js';
import { planRows, withEngineInputs } from './plan-rows.js';

const EPHEMERAL = { from: 32768, to: 65535 };
const RUN_ID = '2026-12-01T03:00:00.000Z-0123abcd';
const WINDOW = { since: new Date('2026-11-30T00:00:00Z'), until: new Date('2026-12-01T00:00:00Z') };

const TEXT_PLAIN_DAILY: FlowLogTableLayout = {
  database: 'stale_sg',
  table: 'flow_logs',
  bucket: 'flow-log-bucket',
  prefix: 'vpc/',
  format: 'text',
  layout: 'plain',
  partitioning: 'daily',
  accounts: ['111111111111'],
  regions: ['eu-west-1'],
};

const PARQUET_HIVE_HOURLY: FlowLogTableLayout = {
  ...TEXT_PLAIN_DAILY,
  format: 'parquet',
  layout: 'hive',
  partitioning: 'hourly',
  accounts: ['111111111111', '222222222222'],
  regions: ['eu-west-1', 'us-east-1'],
  fields: [
    'version',
    'interface-id',
    'srcaddr',
    'dstaddr',
    'pkt-srcaddr',
    'pkt-dstaddr',
    'srcport',
    'dstport',
    'protocol',
    'packets',
    'bytes',
    'start',
    'end',
    'action',
    'log-status',
    'tcp-flags',
    'flow-direction',
  ],
};

describe('the Athena attribution query', () => {
  it.each([
    ['attribution-text-plain-daily.sql', TEXT_PLAIN_DAILY],
    ['attribution-parquet-hive-hourly.sql', PARQUET_HIVE_HOURLY],
  ])('is the reviewed text for %s', async (golden, layout) => {
    const sql = attributionQuery({
      layout,
      window: WINDOW,
      runId: RUN_ID,
      ephemeralPorts: EPHEMERAL,
    });
    await expectGolden(golden, sql);
  });

  it('reads only the window’s partitions and the run’s inventory, and returns every output', () => {
    const sql = attributionQuery({
      layout: TEXT_PLAIN_DAILY,
      window: WINDOW,
      runId: RUN_ID,
      ephemeralPorts: EPHEMERAL,
    });
    expect(sql).toContain(
      "WHERE aws_account IN ('111111111111') AND aws_region IN ('eu-west-1') AND log_date >= '2026/11/30'",
    );
    expect(sql.match(new RegExp(`run_id = '${RUN_ID}'`, 'g'))).toHaveLength(4);
    expect(sql).toContain('BETWEEN 32768 AND 65535');
    for (const output of PLAN_OUTPUTS) expect(sql).toContain(`SELECT '${output.kind}' AS kind`);
    // Nothing of DuckDB's dialect is left.
    expect(sql).not.toMatch(/\$ephemeral|\$since|ip_value\(|UHUGEINT|GROUP BY ALL|\/\//);
  });

  it('refuses a run id or setting that is not what stale-sg makes', () => {
    const options = { layout: TEXT_PLAIN_DAILY, window: WINDOW, ephemeralPorts: EPHEMERAL };
    expect(() => attributionQuery({ ...options, runId: "x' OR '1'='1" })).toThrow(/not a run id/);
    expect(() =>
      attributionQuery({ ...options, runId: RUN_ID, ephemeralPorts: { from: 1.5, to: 2 } }),
    ).toThrow(/whole number/);
  });
});

describe('the plan as one query, in DuckDB’s dialect', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stale-sg-plan-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('gives the demo’s per-rule results and evidence exactly as the DuckDB engine', async () => {
    const demo = await generateDemo({ outDir: join(dir, 'demo') });
    const { inventory } = await loadInventoryDir(demo.inventoryDir);

    await withEngineInputs(inventory, demo.flowLogsDir, dir, async (connection) => {
      const rows = await planRows(connection);
      expect(Object.keys(rows[0] ?? {})).toEqual(RESULT_COLUMNS);
      const fromQuery = await attributionFromRows(rows);

      const engine = await attributeFlows(connection, EPHEMERAL);
      const evidence = await readEvidence(connection);

      expect(engine.usage.size).toBeGreaterThan(20);
      expect(fromQuery.attribution.usage).toEqual(engine.usage);
      expect(fromQuery.attribution.coveredInterfaces).toEqual(engine.coveredInterfaces);
      expect(fromQuery.attribution.counts).toEqual(engine.counts);
      const sorted = (items: readonly unknown[]) => items.map((i) => JSON.stringify(i)).sort();
      for (const key of ['daily', 'coverage', 'ports', 'peers', 'overlaps', 'rejected'] as const) {
        expect(evidence[key].length, key).toBeGreaterThan(0);
        expect(sorted(fromQuery.evidence[key]), key).toEqual(sorted(evidence[key]));
      }
    });
  }, 60_000);
});
