/**
 * Attribution in parts (`flow-parts.ts`) against attribution in one piece, on
 * the same ingested flows: every output, evidence included, must be the same
 * whatever the number of parts, on the demo's week of traffic and on random
 * scenarios. And the number of parts follows the rows and the memory limit.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Inventory } from '../../src/inventory/inventory.js';
import { T0, allOut, flow, inventory, reply, rule } from './fixtures.js';
import { attributeFlows } from '../../src/attribution/attribute-flows.js';
import { combinedOutputSql, type AttributionParts } from '../../src/attribution/attribution-sql.js';
import {
  FLOW_ROWS_PER_MIB,
  flowPartCount,
  flowPartViewSql,
  mebibytesOf,
} from '../../src/attribution/flow-parts.js';
import { FLOWS_TABLE_SQL } from '../../src/attribution/flow-tables.js';
import { loadInventoryTables } from '../../src/attribution/inventory-tables.js';
import { readEvidence } from '../../src/attribution/read-evidence.js';
import { loadInventoryWithLocations } from '../../src/aws/group-locations.js';
import { generateDemo } from '../../src/demo/generate-demo.js';
import { withDuckDb } from '../../src/engine/duckdb-session.js';
import { findFlowLogFiles, type FlowLogFile } from '../../src/flow-logs/find-flow-log-files.js';
import { ingestFlowLogs } from '../../src/flow-logs/ingest-flow-logs.js';
import { scenarioArb } from './arbitraries/scenario-arbitrary.js';
import { FULL_FORMAT } from './runners.js';
import { withTempDir, writeFlowLog } from '../oracle/write-flow-log.js';

const EPHEMERAL = { from: 32768, to: 65535 };

/** Everything one attribution returns, in a form `toEqual` compares. */
async function attributeAll(
  inventory: Inventory,
  files: readonly FlowLogFile[],
  tempDir: string,
  count: number,
): Promise<unknown> {
  return withDuckDb({ tempDirectory: tempDir }, async (connection) => {
    await connection.run(FLOWS_TABLE_SQL);
    await ingestFlowLogs(connection, files, { strict: false, tempDir });
    await loadInventoryTables(connection, inventory);

    const parts: AttributionParts = { count, evidence: true };
    const attribution = await attributeFlows(connection, EPHEMERAL, parts);
    const evidence = await readEvidence(connection, parts);
    return {
      usage: [...attribution.usage.values()].sort((a, b) => a.ruleId.localeCompare(b.ruleId)),
      covered: [...attribution.coveredInterfaces].sort(),
      counts: attribution.counts,
      evidence,
      flowsAfterwards: await rowCount(connection, 'flows'),
    };
  });
}

async function rowCount(connection: DuckDBConnection, table: string): Promise<number> {
  const reader = await connection.runAndReadAll(`SELECT count(*) FROM ${table}`);
  return Number(reader.getRows()[0]?.[0]);
}

describe('attribution in parts, on the demo week', () => {
  let dir = '';
  let demoInventory: Inventory;
  let files: FlowLogFile[] = [];
  let whole: unknown;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stale-sg-parts-'));
    const demo = await generateDemo({ outDir: join(dir, 'demo') });
    demoInventory = (await loadInventoryWithLocations(demo.inventoryDir)).inventory;
    files = await findFlowLogFiles([demo.flowLogsDir]);
    whole = await attributeAll(demoInventory, files, dir, 1);
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('finds traffic to compare', () => {
    const { usage, evidence } = whole as {
      usage: { hits: number; exclusiveHits: number }[];
      evidence: { overlaps: unknown[]; rejected: unknown[] };
    };
    expect(usage.filter((rule) => rule.hits > 0).length).toBeGreaterThan(5);
    expect(usage.some((rule) => rule.exclusiveHits < rule.hits)).toBe(true);
    expect(evidence.overlaps.length).toBeGreaterThan(0);
    expect(evidence.rejected.length).toBeGreaterThan(0);
  });

  it.each([2, 3, 7])('gives the same outputs in %i parts', async (count) => {
    expect(await attributeAll(demoInventory, files, dir, count)).toEqual(whole);
  });
});

describe('attribution in parts, on conversations decided by their other direction', () => {
  // Both ports are below the ephemeral range, so the ports cannot tell the
  // server; only the SYN of the ingress record says that the egress record,
  // which carries no flags, is a response. A part holding the egress record
  // without its SYN would count it against the egress rule.
  const records = Array.from({ length: 60 }, (_, i) => {
    const opened = flow({ srcport: 1000 + i, dstport: 8000 + i, tcpFlags: 2 });
    return [opened, reply(opened, { start: T0 + 120, end: T0 + 180, tcpFlags: 16 })];
  }).flat();
  const rules = [rule('sgr-in', { ports: [8000, 8100] }), allOut('sgr-out')];

  it.each([2, 3, 5])('keeps every conversation whole in %i parts', async (count) => {
    await withTempDir(async (dir) => {
      const path = await writeFlowLog(dir, records, { fields: FULL_FORMAT });
      const files = await findFlowLogFiles([path]);
      const whole = (await attributeAll(inventory({ rules }), files, dir, 1)) as {
        usage: { ruleId: string; hits: number }[];
      };
      expect(whole.usage.map((rule) => [rule.ruleId, rule.hits])).toEqual([['sgr-in', 60]]);
      expect(await attributeAll(inventory({ rules }), files, dir, count)).toEqual(whole);
    });
  });
});

describe('attribution in parts, on random scenarios', () => {
  it('gives the same outputs in 2 to 5 parts as in one', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb(), fc.integer({ min: 2, max: 5 }), async (scenario, count) => {
        await withTempDir(async (dir) => {
          const path = await writeFlowLog(dir, scenario.records, { fields: FULL_FORMAT });
          const files = await findFlowLogFiles([path]);
          const inParts = await attributeAll(scenario.inventory, files, dir, count);
          expect(inParts).toEqual(await attributeAll(scenario.inventory, files, dir, 1));
        });
      }),
      { numRuns: 25 },
    );
  });
});

describe('flowPartCount', () => {
  it.each([
    [100, 1],
    [FLOW_ROWS_PER_MIB * 15, 1],
    [FLOW_ROWS_PER_MIB * 17, 2],
    [FLOW_ROWS_PER_MIB * 40, 3],
  ])('makes %i rows under a 16MiB limit into %i parts', async (rows, parts) => {
    await withDuckDb({ memoryLimit: '16MiB' }, async (connection) => {
      await connection.run(FLOWS_TABLE_SQL);
      await connection.run(`
        INSERT INTO flows (malformed, interface_id, srcport, dstport, records, packets, bytes, syn, synack)
        SELECT false, 'eni-' || (i % 7), i % 65536, 443, 1, 1, 100, false, false
        FROM range(${rows}) AS r(i)`);
      expect(await flowPartCount(connection)).toBe(parts);
    });
  });

  it('puts every row in exactly one part', async () => {
    await withDuckDb({}, async (connection) => {
      await connection.run(`
        CREATE TEMP TABLE all_flows AS
        SELECT 'eni-' || (i % 5) AS interface_id,
          CASE WHEN i % 11 = 0 THEN NULL ELSE (i * 7919 % 65536)::INTEGER END AS srcport,
          CASE WHEN i % 13 = 0 THEN NULL ELSE 443 END AS dstport,
          CASE WHEN i % 17 = 0 THEN NULL ELSE 6 END AS protocol
        FROM range(10000) AS r(i)`);
      let total = 0;
      for (let part = 0; part < 4; part += 1) {
        await connection.run(flowPartViewSql(part, 4));
        const rows = await rowCount(connection, 'flows');
        expect(rows).toBeGreaterThan(1000);
        total += rows;
      }
      expect(total).toBe(10000);
    });
  });

  it.each([
    ['488.2 MiB', 488.2],
    ['1.8 GiB', 1.8 * 1024],
    ['512.0 KiB', 0.5],
    ['2.0 TiB', 2 * 1024 * 1024],
  ])('reads DuckDB size %s as %f MiB', (text, mib) => {
    expect(mebibytesOf(text)).toBeCloseTo(mib);
  });

  it('refuses a size it cannot read', () => {
    expect(() => mebibytesOf('lots')).toThrow(/memory limit "lots"/);
  });
});

describe('combinedOutputSql', () => {
  it('groups a part table by its key columns and adds up the rest', () => {
    expect(combinedOutputSql('rule_usage')).toBe(
      [
        'SELECT rule_id, sum(hits) AS hits, sum(exclusive_hits) AS exclusive_hits, ' +
          'sum(packets) AS packets, sum(bytes) AS bytes, min(first_seen) AS first_seen, ' +
          'max(last_seen) AS last_seen',
        'FROM part_rule_usage',
        'GROUP BY rule_id;',
      ].join('\n'),
    );
  });

  it('adds a summary up to one row, without grouping', () => {
    expect(combinedOutputSql('summary')).not.toContain('GROUP BY');
    expect(combinedOutputSql('summary')).toContain('min(first_start) AS first_start');
  });
});
