import { describe, expect, it } from 'vitest';
import { sortInventory } from '../../../src/inventory/sort-inventory.js';
import type { UsageStore } from '../../../src/store/usage-store.js';
import {
  at,
  batchUsage,
  DAY,
  eni,
  group,
  inventory,
  MARCH_1,
  NO_COUNTS,
  rule,
  source,
} from '../store-fixtures.js';
import { useTempStores } from '../temp-store.js';
import { useDynalite } from './dynalite-server.js';

const DAYS = ['2024-03-01', '2024-03-02', '2024-03-03'];

describe('DynamoDbStore inventory, runs and pruning', () => {
  const server = useDynalite();
  const duckdb = useTempStores();

  it('marks what a snapshot no longer lists as gone, and revives it when it returns', async () => {
    const store = await server.open();
    const web = eni('eni-web', ['sg-web'], ['10.0.0.5', '10.0.0.6']);
    const full = inventory({
      groups: [group('sg-web', { tags: { team: 'web' } }), group('sg-db')],
      rules: [
        rule('sgr-2', 'sg-db', { peer: { kind: 'security-group', value: 'sg-web' } }),
        rule('sgr-1', 'sg-web', { protocol: -1, fromPort: null, toPort: null }),
      ],
      interfaces: [web],
      prefixLists: [{ prefixListId: 'pl-1', cidrs: ['192.0.2.0/24'] }],
    });
    await store.saveInventory(full, at('2024-03-01T00:00:00Z'));
    expect(await store.loadInventory()).toEqual(sortInventory(full));

    const without = { ...full, interfaces: [], rules: full.rules.slice(1) };
    await store.saveInventory(without, at('2024-03-02T00:00:00Z'));
    expect(await store.loadInventory()).toEqual(sortInventory(without));
    expect((await store.loadInventory({ includeGone: true })).interfaces).toEqual([web]);

    await store.saveInventory(full, at('2024-03-03T00:00:00Z'));
    expect(await store.loadInventory()).toEqual(sortInventory(full));
  });

  it('keeps the region of groups collected from the EC2 API, as the DuckDB store does', async () => {
    const store = await server.open();
    const groups = [group('sg-1', { region: 'eu-west-1' }), group('sg-2')];
    await store.saveInventory(inventory({ groups }), at('2024-03-01T00:00:00Z'));

    const loaded = await store.loadInventory();
    expect(loaded.groups.map((g) => [g.groupId, g.region ?? null])).toEqual([
      ['sg-1', 'eu-west-1'],
      ['sg-2', null],
    ]);
  });

  it('refuses a snapshot older than the latest', async () => {
    const store = await server.open();
    await store.saveInventory(inventory(), at('2024-03-02T00:00:00Z'));
    await expect(
      store.saveInventory(inventory(), at('2024-03-01T00:00:00Z')),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('logs runs newest first and marks a run left running as interrupted', async () => {
    const store = await server.open();
    const killed = await store.startRun(at('2024-03-01T00:00:00Z'));
    const next = await store.startRun(at('2024-03-02T00:00:00Z'));
    await store.finishRun(
      next,
      { status: 'succeeded', files: 2, records: 30 },
      at('2024-03-02T00:05:00Z'),
    );

    expect(await store.listRuns()).toEqual([
      {
        runId: next,
        startedAt: at('2024-03-02T00:00:00Z'),
        finishedAt: at('2024-03-02T00:05:00Z'),
        status: 'succeeded',
        files: 2,
        records: 30,
        message: null,
      },
      {
        runId: killed,
        startedAt: at('2024-03-01T00:00:00Z'),
        finishedAt: null,
        status: 'failed',
        files: 0,
        records: 0,
        message: 'interrupted',
      },
    ]);
    expect(await store.listRuns(1)).toHaveLength(1);
    await expect(
      store.finishRun(
        'no-such-run',
        { status: 'failed', files: 0, records: 0 },
        at('2024-03-03T00:00:00Z'),
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('prunes what the DuckDB store prunes, and keeps the all-time totals', async () => {
    const tables = await server.open();
    const embedded = await duckdb.open();
    for (const store of [tables, embedded]) await commitThreeDays(store);

    const now = at('2024-03-03T12:00:00Z');
    const pruned = await tables.prune(1, now);
    expect(pruned).toEqual(await embedded.prune(1, now));
    // The usage, coverage and counts items of the first day, and its source.
    expect(pruned).toEqual({ dailyRows: 3, sources: 1 });

    expect(await tables.readUsage()).toEqual(await embedded.readUsage());
    expect([...(await tables.processedSources()).keys()]).toEqual([
      ...(await embedded.processedSources()).keys(),
    ]);
  });
});

/** One batch a day, each processed at noon of its day. */
async function commitThreeDays(store: UsageStore): Promise<void> {
  const runId = await store.startRun(at('2024-03-01T00:00:00Z'));
  for (const [index, day] of DAYS.entries()) {
    const start = MARCH_1 + index * DAY;
    const usage = {
      hits: 1,
      exclusiveHits: 1,
      packets: 1,
      bytes: 1,
      firstSeen: start,
      lastSeen: start,
    };
    await store.commitBatch(
      runId,
      [source(`/logs/${day}.log`)],
      batchUsage({
        totals: [{ ruleId: 'sgr-1', ...usage }],
        daily: [{ ruleId: 'sgr-1', day, ...usage }],
        coverage: [{ interfaceId: 'eni-1', day, records: 1 }],
        counts: { ...NO_COUNTS, records: 1, firstStart: start, lastEnd: start },
      }),
      at(`${day}T12:00:00Z`),
    );
  }
}
