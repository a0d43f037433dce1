import { beforeEach, describe, expect, it } from 'vitest';
import type { BatchUsage } from '../../src/store/batch-usage.js';
import type { DuckDbStore } from '../../src/store/duckdb-store.js';
import type { UsageWindow } from '../../src/store/usage-window.js';
import { at, batchUsage, DAY, MARCH_1, source } from './store-fixtures.js';
import { useTempStores } from './temp-store.js';

const NOW = at('2024-03-10T00:00:00Z');
const DAYS = ['2024-03-01', '2024-03-02', '2024-03-03'] as const;

/**
 * One batch per day: sgr-1 hit (index + 1) times, an interface covered, a
 * rejected record, and counts; sgr-old has all-time totals but no daily
 * rows (as after retention), and one port, peer and overlap come with day 0.
 */
function dayBatch(index: number): BatchUsage {
  const day = DAYS[index] ?? '';
  const start = MARCH_1 + index * DAY + 3600;
  const hits = index + 1;
  const usage = {
    hits,
    exclusiveHits: hits,
    packets: hits,
    bytes: hits,
    firstSeen: start,
    lastSeen: start + 60,
  };
  return batchUsage({
    totals: [{ ruleId: 'sgr-1', ...usage }, ...(index === 0 ? [oldTotal] : [])],
    daily: [{ ruleId: 'sgr-1', day, ...usage }],
    coverage: [{ interfaceId: 'eni-1', day, records: hits }],
    rejected: [rejectedOn(start)],
    ports: index === 0 ? [{ ruleId: 'sgr-1', protocol: 6, port: 443, hits: 1 }] : [],
    peers: index === 0 ? [{ ruleId: 'sgr-1', network: '10.0.0.0/24', hits: 1 }] : [],
    overlaps: index === 0 ? [{ ruleIds: ['sgr-1', 'sgr-old'], hits: 1 }] : [],
    counts: {
      records: hits,
      acceptedRecords: hits,
      rejectedRecords: 0,
      malformedRecords: 0,
      firstStart: start,
      lastEnd: start + 60,
    },
  });
}

const oldTotal = {
  ruleId: 'sgr-old',
  hits: 7,
  exclusiveHits: 0,
  packets: 7,
  bytes: 700,
  firstSeen: MARCH_1 - 90 * DAY,
  lastSeen: MARCH_1 - 80 * DAY,
};

function rejectedOn(lastSeen: number) {
  const traffic = { interfaceId: 'eni-1', direction: 'ingress' as const, peer: '203.0.113.9' };
  return { ...traffic, protocol: 6, port: 22, records: 1, lastSeen };
}

interface WindowCase {
  readonly name: string;
  readonly window: UsageWindow;
  /** Indexes into DAYS of the days the window covers. */
  readonly days: readonly number[];
}

const WINDOWS: readonly WindowCase[] = [
  {
    name: 'one whole day',
    window: { since: at('2024-03-02'), until: at('2024-03-03') },
    days: [1],
  },
  {
    name: 'part of a day widens to all of it',
    window: { since: at('2024-03-02T12:00:00Z'), until: at('2024-03-02T13:00:00Z') },
    days: [1],
  },
  {
    name: 'an end just past midnight takes that day',
    window: { until: at('2024-03-02T00:00:01Z') },
    days: [0, 1],
  },
  { name: 'only a start', window: { since: at('2024-03-02T23:59:59Z') }, days: [1, 2] },
  { name: 'days without usage', window: { since: at('2024-04-01') }, days: [] },
];

describe('readUsage', () => {
  const temp = useTempStores();
  let store: DuckDbStore;

  beforeEach(async () => {
    store = await temp.open();
    const runId = await store.startRun(NOW);
    for (const index of DAYS.keys()) {
      await store.commitBatch(runId, [source(`/logs/${index}.log`)], dayBatch(index), NOW);
    }
  });

  it('returns all-time totals and all evidence without a window', async () => {
    const usage = await store.readUsage();

    expect(usage.totals).toEqual([
      {
        ruleId: 'sgr-1',
        hits: 6,
        exclusiveHits: 6,
        packets: 6,
        bytes: 6,
        firstSeen: MARCH_1 + 3600,
        lastSeen: MARCH_1 + 2 * DAY + 3660,
      },
      oldTotal,
    ]);
    expect(usage.evidence.daily.map((row) => row.day)).toEqual(DAYS);
    expect(usage.evidence.rejected).toEqual([
      { ...rejectedOn(MARCH_1 + 2 * DAY + 3600), records: 3 },
    ]);
    expect(usage.counts.records).toBe(6);
  });

  it.each(WINDOWS)('sums the days of a window: $name', async ({ window, days }) => {
    const usage = await store.readUsage(window);
    const batches = days.map(dayBatch);
    const hits = days.reduce((sum, index) => sum + index + 1, 0);

    expect(usage.evidence.daily).toEqual(batches.flatMap((batch) => batch.evidence.daily));
    expect(usage.evidence.coverage).toEqual(batches.flatMap((batch) => batch.evidence.coverage));
    expect(usage.totals.map((total) => [total.ruleId, total.hits])).toEqual(
      days.length === 0 ? [] : [['sgr-1', hits]],
    );
    expect(usage.totals[0]?.firstSeen ?? null).toBe(batches[0]?.totals[0]?.firstSeen ?? null);
    expect(usage.totals[0]?.lastSeen ?? null).toBe(batches.at(-1)?.totals[0]?.lastSeen ?? null);
    expect(usage.evidence.rejected.map((row) => row.records)).toEqual(
      days.length === 0 ? [] : [days.length],
    );
    expect(usage.counts.records).toBe(hits);
  });

  it('returns ports, peers and overlaps all-time, whatever the window', async () => {
    const usage = await store.readUsage({ since: at('2024-03-03') });

    expect(usage.evidence.ports).toEqual([{ ruleId: 'sgr-1', protocol: 6, port: 443, hits: 1 }]);
    expect(usage.evidence.peers).toEqual([{ ruleId: 'sgr-1', network: '10.0.0.0/24', hits: 1 }]);
    expect(usage.evidence.overlaps).toEqual([{ ruleIds: ['sgr-1', 'sgr-old'], hits: 1 }]);
  });

  it('refuses a window that ends before it starts', async () => {
    const window = { since: at('2024-03-02'), until: at('2024-03-01') };

    await expect(store.readUsage(window)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message:
        'a usage window must end after it starts, found 2024-03-02T00:00:00.000Z to ' +
        '2024-03-01T00:00:00.000Z',
    });
  });
});
