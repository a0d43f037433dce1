import { MIGRATIONS } from '../../src/store/migrations.js';
import { describe, expect, it } from 'vitest';
import { at, batchUsage, group, inventory, rule, source } from './store-fixtures.js';
import { useTempStores } from './temp-store.js';

describe('describe', () => {
  const temp = useTempStores();

  it('describes an empty store', async () => {
    const store = await temp.open();

    expect(await store.describe()).toEqual({
      path: store.path,
      schemaVersion: MIGRATIONS.length,
      snapshots: 0,
      lastSnapshotAt: null,
      rules: 0,
      sources: 0,
      runs: 0,
      firstDay: null,
      lastDay: null,
    });
  });

  it('counts what the store holds and the days its flow logs cover', async () => {
    const store = await temp.open();
    const rules = [rule('sgr-1', 'sg-1'), rule('sgr-2', 'sg-1')];
    await store.saveInventory(inventory({ groups: [group('sg-1')], rules }), at('2024-03-01'));
    await store.saveInventory(
      inventory({ groups: [group('sg-1')], rules: rules.slice(1) }),
      at('2024-03-02'),
    );
    const runId = await store.startRun(at('2024-03-02'));
    const coverage = [
      { interfaceId: 'eni-1', day: '2024-02-28', records: 1 },
      { interfaceId: 'eni-1', day: '2024-03-01', records: 1 },
    ];
    await store.commitBatch(
      runId,
      [source('/a'), source('/b')],
      batchUsage({ coverage }),
      at('2024-03-02'),
    );

    expect(await store.describe()).toEqual({
      path: store.path,
      schemaVersion: MIGRATIONS.length,
      snapshots: 2,
      lastSnapshotAt: at('2024-03-02'),
      rules: 1,
      sources: 2,
      runs: 1,
      firstDay: '2024-02-28',
      lastDay: '2024-03-01',
    });
  });
});
