import { describe, expect, it } from 'vitest';
import { retentionHorizon } from '../../src/store/retention-horizon.js';
import { at, batchUsage, DAY, MARCH_1, NO_COUNTS, source } from './store-fixtures.js';
import { useTempStores } from './temp-store.js';

const DAYS = ['2024-03-01', '2024-03-02', '2024-03-03'];

/** A batch of one day, processed at noon of that day. */
function dayBatch(index: number) {
  const day = DAYS[index] ?? '';
  const start = MARCH_1 + index * DAY;
  const usage = {
    hits: 1,
    exclusiveHits: 1,
    packets: 1,
    bytes: 1,
    firstSeen: start,
    lastSeen: start,
  };
  return {
    source: source(`/logs/${day}.log`),
    processedAt: at(`${day}T12:00:00Z`),
    usage: batchUsage({
      totals: [{ ruleId: 'sgr-1', ...usage }],
      daily: [{ ruleId: 'sgr-1', day, ...usage }],
      coverage: [{ interfaceId: 'eni-1', day, records: 1 }],
      rejected: [
        {
          interfaceId: 'eni-1',
          direction: 'ingress',
          peer: '203.0.113.9',
          protocol: 6,
          port: 22,
          records: 1,
          lastSeen: start,
        },
      ],
      counts: { ...NO_COUNTS, records: 1, firstStart: start, lastEnd: start },
    }),
  };
}

describe('prune', () => {
  const temp = useTempStores();

  async function storeWithThreeDays() {
    const store = await temp.open();
    const runId = await store.startRun(at('2024-03-01T00:00:00Z'));
    for (const index of DAYS.keys()) {
      const batch = dayBatch(index);
      await store.commitBatch(runId, [batch.source], batch.usage, batch.processedAt);
    }
    await store.commitBatch(
      runId,
      [source('/logs/empty.log')],
      batchUsage(),
      at('2024-03-01T13:00:00Z'),
    );
    return store;
  }

  it('deletes daily rows and source records before the horizon, keeping the totals', async () => {
    const store = await storeWithThreeDays();
    const totals = (await store.readUsage()).totals;

    const pruned = await store.prune(1, at('2024-03-03T15:00:00Z'));

    expect(pruned).toEqual({ dailyRows: 4, sources: 2 });
    const usage = await store.readUsage();
    expect(usage.totals).toEqual(totals);
    expect(usage.evidence.daily.map((row) => row.day)).toEqual(['2024-03-02', '2024-03-03']);
    expect(usage.evidence.coverage.map((row) => row.day)).toEqual(['2024-03-02', '2024-03-03']);
    expect(usage.evidence.rejected.map((row) => row.records)).toEqual([2]);
    expect(usage.counts.records).toBe(2);
    expect([...(await store.processedSources()).keys()].sort()).toEqual([
      '/logs/2024-03-02.log',
      '/logs/2024-03-03.log',
    ]);
    expect(await store.describe()).toMatchObject({ firstDay: '2024-03-02', lastDay: '2024-03-03' });
  });

  it('deletes nothing more when run again', async () => {
    const store = await storeWithThreeDays();
    await store.prune(1, at('2024-03-03T15:00:00Z'));

    expect(await store.prune(1, at('2024-03-03T16:00:00Z'))).toEqual({ dailyRows: 0, sources: 0 });
  });

  it('refuses a retention that is not a whole number of days', async () => {
    const store = await temp.open();

    await expect(store.prune(1.5, at('2024-03-03'))).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: 'retention must be a whole number of days, 0 or more, found 1.5',
    });
  });
});

describe('retentionHorizon', () => {
  it.each([
    { days: 0, now: '2024-03-03T15:00:00Z', horizon: '2024-03-03T00:00:00.000Z' },
    { days: 1, now: '2024-03-03T15:00:00Z', horizon: '2024-03-02T00:00:00.000Z' },
    { days: 1, now: '2024-03-03T00:00:00Z', horizon: '2024-03-02T00:00:00.000Z' },
    { days: 30, now: '2024-03-31T23:59:59.999Z', horizon: '2024-03-01T00:00:00.000Z' },
    { days: 365, now: '2024-12-31T12:00:00Z', horizon: '2024-01-01T00:00:00.000Z' },
  ])('keeps $days days before $now from $horizon', ({ days, now, horizon }) => {
    expect(retentionHorizon(days, at(now)).toISOString()).toBe(horizon);
  });

  it.each([-1, 0.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses %s days', (days) => {
    expect(() => retentionHorizon(days, at('2024-03-03'))).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});
