import type { DuckDBValue } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/inventory/inventory.js';
import { sortInventory } from '../../src/inventory/sort-inventory.js';
import { markGoneSql, upsertPresentSql } from '../../src/store/save-inventory-snapshot.js';
import { STORED_INVENTORY_TABLES } from '../../src/store/stored-inventory-tables.js';
import { instantOf } from '../../src/store/store-values.js';
import { at, eni, group, inventory, rule } from './store-fixtures.js';
import { queryFile, useTempStores } from './temp-store.js';

const T1 = at('2024-03-01T06:00:00Z');
const T2 = at('2024-03-02T06:00:00Z');
const T3 = at('2024-03-03T06:00:00Z');

/** Two groups, one referencing the other, on two interfaces; addresses not in sorted order. */
const FIRST: Inventory = inventory({
  groups: [group('sg-2'), group('sg-1', { tags: { Name: 'web', team: 'edge' } })],
  rules: [
    rule('sgr-3', 'sg-2', { peer: { kind: 'security-group', value: 'sg-1' } }),
    rule('sgr-1', 'sg-1', { description: 'https' }),
    rule('sgr-2', 'sg-1', { direction: 'egress', protocol: -1, fromPort: null, toPort: null }),
  ],
  interfaces: [
    eni('eni-1', ['sg-1'], ['10.0.0.6', '10.0.0.5']),
    eni('eni-2', ['sg-2', 'sg-1'], ['10.0.1.5', '2001:db8::5']),
  ],
  prefixLists: [
    { prefixListId: 'pl-1', cidrs: ['10.2.0.0/16', '10.1.0.0/16'] },
    { prefixListId: 'pl-2', cidrs: [] },
  ],
});

/** sgr-2 deleted, eni-2 deleted, eni-1 lost its secondary address. */
const SECOND: Inventory = {
  ...FIRST,
  rules: FIRST.rules.filter((r) => r.ruleId !== 'sgr-2'),
  interfaces: [eni('eni-1', ['sg-1'], ['10.0.0.6'])],
};

/** sgr-2 back; a new eni-2 with another address. */
const THIRD: Inventory = {
  ...FIRST,
  interfaces: [eni('eni-1', ['sg-1'], ['10.0.0.6']), eni('eni-2', ['sg-2'], ['10.0.1.9'])],
};

describe('inventory snapshots', () => {
  const temp = useTempStores();

  it('loads back what was saved, in sortInventory order', async () => {
    const store = await temp.open();
    await store.saveInventory(FIRST, T1);

    expect(await store.loadInventory()).toEqual(sortInventory(FIRST));
  });

  it('keeps the region of groups collected from the EC2 API', async () => {
    const store = await temp.open();
    const groups = [group('sg-1', { region: 'eu-west-1' }), group('sg-2')];
    await store.saveInventory(inventory({ groups }), at('2024-03-01T00:00:00Z'));

    const loaded = await store.loadInventory();
    expect(loaded.groups.map((g) => [g.groupId, g.region ?? null])).toEqual([
      ['sg-1', 'eu-west-1'],
      ['sg-2', null],
    ]);
    store.close();
  });

  it('marks what disappears as gone, keeping it for includeGone', async () => {
    const store = await temp.open();
    await store.saveInventory(FIRST, T1);
    await store.saveInventory(SECOND, T2);

    expect(await store.loadInventory()).toEqual(sortInventory(SECOND));

    const withGone = await store.loadInventory({ includeGone: true });
    expect(withGone.interfaces).toEqual([
      eni('eni-1', ['sg-1'], ['10.0.0.6']),
      eni('eni-2', ['sg-2', 'sg-1'], ['10.0.1.5', '2001:db8::5']),
    ]);
    expect(withGone.rules.map((r) => r.ruleId)).toEqual(['sgr-1', 'sgr-3']);
  });

  it('records when each row was first seen, last seen and gone', async () => {
    const store = await temp.open();
    await store.saveInventory(FIRST, T1);
    await store.saveInventory(SECOND, T2);
    store.close();

    const rules = await queryFile(
      store.path,
      `SELECT rule_id, first_seen_at, last_seen_at, gone_at
       FROM security_group_rules ORDER BY rule_id`,
    );
    expect(rules.map(times)).toEqual([
      { id: 'sgr-1', first: T1, last: T2, gone: null },
      { id: 'sgr-2', first: T1, last: T1, gone: T2 },
      { id: 'sgr-3', first: T1, last: T2, gone: null },
    ]);

    const addresses = await queryFile(
      store.path,
      `SELECT interface_id || ' ' || address AS id, first_seen_at, last_seen_at, gone_at
       FROM interface_addresses ORDER BY id`,
    );
    expect(addresses.map(times)).toEqual([
      { id: 'eni-1 10.0.0.5', first: T1, last: T1, gone: T2 },
      { id: 'eni-1 10.0.0.6', first: T1, last: T2, gone: null },
      { id: 'eni-2 10.0.1.5', first: T1, last: T1, gone: T2 },
      { id: 'eni-2 2001:db8::5', first: T1, last: T1, gone: T2 },
    ]);
  });

  it('counts each snapshot and what went with it', async () => {
    const store = await temp.open();
    await store.saveInventory(FIRST, T1);
    await store.saveInventory(SECOND, T2);
    store.close();

    const snapshots = await queryFile(
      store.path,
      `SELECT group_count, rule_count, interface_count, prefix_list_count,
              rules_gone, interfaces_gone
       FROM inventory_snapshots ORDER BY snapshot_id`,
    );
    expect(snapshots).toEqual([counts(2, 3, 2, 2, 0, 0), counts(2, 2, 1, 2, 1, 1)]);
  });

  it('revives what comes back, keeping when it was first seen', async () => {
    const store = await temp.open();
    await store.saveInventory(FIRST, T1);
    await store.saveInventory(SECOND, T2);
    await store.saveInventory(THIRD, T3);

    expect(await store.loadInventory()).toEqual(sortInventory(THIRD));
    expect((await store.loadInventory({ includeGone: true })).interfaces).toEqual(THIRD.interfaces);
    store.close();

    const revived = await queryFile(
      store.path,
      `SELECT rule_id AS id, first_seen_at, last_seen_at, gone_at
       FROM security_group_rules WHERE rule_id = 'sgr-2'`,
    );
    expect(revived.map(times)).toEqual([{ id: 'sgr-2', first: T1, last: T3, gone: null }]);
  });

  it('refuses a snapshot older than the latest', async () => {
    const store = await temp.open();
    await store.saveInventory(FIRST, T2);

    await expect(store.saveInventory(SECOND, T1)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message:
        'an inventory taken at 2024-03-01T06:00:00.000Z is older than the latest snapshot ' +
        'in the store, taken at 2024-03-02T06:00:00.000Z',
    });
    expect(await store.loadInventory()).toEqual(sortInventory(FIRST));
  });

  it('refreshes and marks gone by the table key, binding the snapshot time', () => {
    const addresses = STORED_INVENTORY_TABLES.find((t) => t.table === 'interface_addresses');

    expect(addresses && upsertPresentSql(addresses)).toBe(`
INSERT INTO interface_addresses BY NAME
SELECT *, $at AS first_seen_at, $at AS last_seen_at
FROM temp.stage_interface_addresses
ON CONFLICT (interface_id, address) DO UPDATE SET
  position = excluded.position,
  last_seen_at = excluded.last_seen_at,
  gone_at = NULL`);
    expect(addresses && markGoneSql(addresses)).toBe(`
UPDATE interface_addresses AS stored
SET gone_at = $at
WHERE stored.gone_at IS NULL
  AND NOT EXISTS (
    SELECT 1
    FROM temp.stage_interface_addresses AS snapshot
    WHERE snapshot.interface_id = stored.interface_id
      AND snapshot.address = stored.address
  )`);
  });

  it('stores a repeated id once', async () => {
    const store = await temp.open();
    await store.saveInventory({ ...FIRST, groups: [...FIRST.groups, group('sg-1')] }, T1);

    expect((await store.loadInventory()).groups.map((g) => g.groupId)).toEqual(['sg-1', 'sg-2']);
  });
});

function times(row: Record<string, DuckDBValue>) {
  return {
    id: row['rule_id'] ?? row['id'],
    first: instantOf(row['first_seen_at']),
    last: instantOf(row['last_seen_at']),
    gone: instantOf(row['gone_at']),
  };
}

function counts(
  groups: number,
  rules: number,
  interfaces: number,
  prefixLists: number,
  rulesGone: number,
  interfacesGone: number,
) {
  return {
    group_count: groups,
    rule_count: rules,
    interface_count: interfaces,
    prefix_list_count: prefixLists,
    rules_gone: rulesGone,
    interfaces_gone: interfacesGone,
  };
}
