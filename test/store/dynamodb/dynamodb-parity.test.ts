import { describe, expect, it } from 'vitest';
import type { BatchUsage } from '../../../src/store/batch-usage.js';
import type { UsageStore } from '../../../src/store/usage-store.js';
import type { UsageWindow } from '../../../src/store/usage-window.js';
import { daily, MERGE_CASES, rejected, total } from '../merge-cases.js';
import { at, batchUsage, DAY, MARCH_1, source } from '../store-fixtures.js';
import { useTempStores } from '../temp-store.js';
import { useDynalite } from './dynalite-server.js';

const NOW = at('2024-03-05T00:00:00Z');
const M = MARCH_1;

/** Two batches with every part, over three days, some values unknown. */
const TWO_DAY_BATCHES: readonly BatchUsage[] = [
  batchUsage({
    totals: [total('sgr-1'), total('sgr-2', { firstSeen: null, lastSeen: null })],
    daily: [daily('sgr-1', '2024-03-01'), daily('sgr-2', '2024-03-02')],
    coverage: [{ interfaceId: 'eni-1', day: '2024-03-01', records: 3 }],
    ports: [{ ruleId: 'sgr-1', protocol: 6, port: 443, hits: 1 }],
    peers: [{ ruleId: 'sgr-1', network: '198.51.100.0/24', hits: 1 }],
    overlaps: [{ ruleIds: ['sgr-2', 'sgr-1'], hits: 1 }],
    rejected: [rejected(), rejected({ lastSeen: null, port: null, protocol: 1 })],
    counts: {
      records: 9,
      acceptedRecords: 6,
      rejectedRecords: 2,
      malformedRecords: 1,
      firstStart: M,
      lastEnd: M + DAY + 5,
    },
  }),
  batchUsage({
    totals: [total('sgr-1', { hits: 4, firstSeen: M + 5, lastSeen: M + 2 * DAY })],
    daily: [
      daily('sgr-1', '2024-03-01', { firstSeen: M + 5 }),
      daily('sgr-1', '2024-03-03', { lastSeen: M + 2 * DAY }),
    ],
    coverage: [
      { interfaceId: 'eni-1', day: '2024-03-01', records: 1 },
      { interfaceId: 'eni-2', day: '2024-03-03', records: 2 },
    ],
    ports: [{ ruleId: 'sgr-1', protocol: 6, port: 443, hits: 4 }],
    overlaps: [{ ruleIds: ['sgr-1', 'sgr-2'], hits: 2 }],
    rejected: [rejected({ records: 5, lastSeen: M + 2 * DAY })],
    counts: {
      records: 4,
      acceptedRecords: 4,
      rejectedRecords: 0,
      malformedRecords: 0,
      firstStart: M + 2 * DAY,
      lastEnd: M + 2 * DAY + 60,
    },
  }),
];

const WINDOWS: readonly (UsageWindow | undefined)[] = [
  undefined,
  { since: at('2024-03-01T12:00:00Z') },
  { until: at('2024-03-02T00:00:00Z') },
  { since: at('2024-03-02T00:00:00Z'), until: at('2024-03-03T06:00:00Z') },
];

const CASES = [
  ...MERGE_CASES.map(({ name, batches }) => ({ name, batches })),
  { name: 'every part of two batches over three days', batches: TWO_DAY_BATCHES },
];

describe('DynamoDbStore reads what the DuckDB store reads', () => {
  const duckdb = useTempStores();
  const dynamodb = useDynalite();

  async function commitAll(store: UsageStore, batches: readonly BatchUsage[]) {
    const runId = await store.startRun(NOW);
    for (const [index, usage] of batches.entries()) {
      await store.commitBatch(runId, [source(`/logs/${index}.log`)], usage, NOW);
    }
  }

  it.each(CASES)('$name', async ({ batches }) => {
    const embedded = await duckdb.open();
    const tables = await dynamodb.open();
    await commitAll(embedded, batches);
    await commitAll(tables, batches);

    for (const window of WINDOWS) {
      expect(await tables.readUsage(window)).toEqual(await embedded.readUsage(window));
    }
    expect([...(await tables.processedSources()).keys()].sort()).toEqual(
      [...(await embedded.processedSources()).keys()].sort(),
    );
  });
});
