import { describe, expect, it } from 'vitest';
import type { DuckDbStore } from '../../src/store/duckdb-store.js';
import { daily, MERGE_CASES, rejected, total, type Flat } from './merge-cases.js';
import { at, batchUsage, DAY, MARCH_1, NO_COUNTS, source } from './store-fixtures.js';
import { queryFile, useTempStores } from './temp-store.js';

const NOW = at('2024-03-05T00:00:00Z');
const M = MARCH_1;

describe('commitBatch', () => {
  const temp = useTempStores();

  it.each(MERGE_CASES)('merges batches: $name', async ({ batches, expected }) => {
    const store = await temp.open();
    const runId = await store.startRun(NOW);
    for (const [index, usage] of batches.entries()) {
      await store.commitBatch(runId, [source(`/logs/${index}.log`)], usage, NOW);
    }

    const merged = await store.readUsage();
    const flat: Flat = { totals: merged.totals, counts: merged.counts, ...merged.evidence };
    const compared = Object.fromEntries(
      Object.keys(expected).map((key) => [key, flat[key as keyof Flat]]),
    );
    expect(compared).toEqual(expected);
  });

  it('keeps counts under the UTC day each batch began, or no day', async () => {
    const store = await temp.open();
    const runId = await store.startRun(NOW);
    const counts = (firstStart: number | null, records: number) =>
      batchUsage({ counts: { ...NO_COUNTS, records, firstStart, lastEnd: firstStart } });
    await store.commitBatch(runId, [source('/a')], counts(M + 3600, 1), NOW);
    await store.commitBatch(runId, [source('/b')], counts(M + DAY - 1, 2), NOW);
    await store.commitBatch(runId, [source('/c')], counts(M + DAY, 4), NOW);
    await store.commitBatch(runId, [source('/d')], counts(null, 8), NOW);
    store.close();

    const rows = await queryFile(
      store.path,
      'SELECT CAST(day AS VARCHAR) AS day, records FROM flow_counts_daily ORDER BY day NULLS FIRST',
    );
    expect(rows).toEqual([
      { day: null, records: 8n },
      { day: '2024-03-01', records: 3n },
      { day: '2024-03-02', records: 4n },
    ]);
  });

  it('records the sources with the run that took them', async () => {
    const store = await temp.open();
    const runId = await store.startRun(NOW);
    const file = source('/logs/a.log', 123);
    const object = { key: 's3://bucket/b.log.gz', size: 456, mtimeMs: null, etag: '"abc-2"' };
    await store.commitBatch(runId, [file, object], batchUsage(), NOW);

    const processed = await store.processedSources();

    expect([...processed.values()].sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      { ...file, runId, processedAt: NOW },
      { ...object, runId, processedAt: NOW },
    ]);
  });

  it('refuses a source already processed, naming it and its run, and changes nothing', async () => {
    const store = await temp.open();
    const first = await store.startRun(NOW);
    const usage = batchUsage({ totals: [total('sgr-1')] });
    await store.commitBatch(first, [source('/a'), source('/b')], usage, NOW);
    const before = await snapshot(store);

    const second = await store.startRun(NOW);
    const error = store.commitBatch(second, [source('/c'), source('/b', 999)], usage, NOW);

    await expect(error).rejects.toMatchObject({
      code: 'ALREADY_PROCESSED',
      message: `the flow log source /b was already processed by run ${first}; the batch was not recorded`,
    });
    expect(await snapshot(store)).toEqual(before);
  });

  it('refuses a source listed twice in one batch', async () => {
    const store = await temp.open();
    const runId = await store.startRun(NOW);

    await expect(
      store.commitBatch(runId, [source('/a'), source('/a')], batchUsage(), NOW),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: 'the flow log source /a appears twice in one batch',
    });
    expect((await store.processedSources()).size).toBe(0);
  });

  it('refuses values that are not counts before anything is written', async () => {
    const store = await temp.open();
    const runId = await store.startRun(NOW);
    const usage = batchUsage({ totals: [total('sgr-1', { hits: 1.5 })] });

    await expect(store.commitBatch(runId, [source('/a')], usage, NOW)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: 'hits of the usage totals: expected an integer, found 1.5',
    });
    expect((await store.processedSources()).size).toBe(0);
  });

  /**
   * Each of these fails inside the transaction, after the sources were
   * recorded and earlier merges ran: the day at the second merge, the
   * direction (a CHECK constraint) at the seventh of eight.
   */
  const FAILING_BATCHES = [
    {
      name: 'a day that is no date',
      usage: batchUsage({ totals: [total('sgr-9')], daily: [daily('sgr-9', 'not-a-day')] }),
      cause: /not-a-day/,
    },
    {
      name: 'a direction that is neither ingress nor egress',
      usage: batchUsage({
        totals: [total('sgr-9')],
        daily: [daily('sgr-9', '2024-03-01')],
        overlaps: [{ ruleIds: ['sgr-1', 'sgr-9'], hits: 1 }],
        rejected: [rejected({ direction: 'sideways' as never })],
      }),
      cause: /CHECK constraint/,
    },
  ];

  it.each(FAILING_BATCHES)(
    'leaves nothing behind when the merge fails half-way: $name',
    async ({ usage, cause }) => {
      const store = await temp.open();
      const runId = await store.startRun(NOW);
      const good = batchUsage({ totals: [total('sgr-1')], daily: [daily('sgr-1', '2024-03-01')] });
      await store.commitBatch(runId, [source('/a')], good, NOW);
      const before = await snapshot(store);

      const failed = store.commitBatch(runId, [source('/b')], usage, NOW);

      await expect(failed).rejects.toMatchObject({ code: 'STORE_FAILURE' });
      await expect(failed).rejects.toThrow(
        `committing a batch of 1 flow log source to ${store.path} failed, and none of it was recorded`,
      );
      await expect(failed).rejects.toThrow(cause);
      expect(await snapshot(store)).toEqual(before);

      await store.commitBatch(runId, [source('/b')], good, NOW);
      expect((await store.readUsage()).totals).toEqual([
        total('sgr-1', { hits: 2, exclusiveHits: 2, packets: 20, bytes: 2000 }),
      ]);
    },
  );
});

/** Everything a batch can change, to compare before and after. */
async function snapshot(store: DuckDbStore) {
  return { sources: await store.processedSources(), usage: await store.readUsage() };
}
