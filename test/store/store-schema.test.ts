import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { DuckDbStore } from '../../src/store/duckdb-store.js';
import { MIGRATIONS, migrateStore, type Migration } from '../../src/store/migrations.js';

/** The version a new store has: one per migration. */
const CURRENT = MIGRATIONS.length;
const NEXT = CURRENT + 1;
import { at, group, inventory } from './store-fixtures.js';
import { queryFile, useTempStores } from './temp-store.js';

const TABLES = [
  'flow_counts_daily',
  'interface_addresses',
  'interface_coverage_daily',
  'interface_groups',
  'inventory_snapshots',
  'network_interfaces',
  'prefix_list_entries',
  'prefix_lists',
  'processed_sources',
  'rejected_traffic',
  'rule_overlaps',
  'rule_peers',
  'rule_ports',
  'rule_usage',
  'rule_usage_daily',
  'runs',
  'schema_version',
  'security_group_rules',
  'security_groups',
];

describe('the store schema', () => {
  const temp = useTempStores();

  it('creates every table, each described for people who query the file', async () => {
    const store = await temp.open();
    expect(await store.describe()).toMatchObject({ schemaVersion: CURRENT });
    store.close();

    const tables = await queryFile(
      store.path,
      'SELECT table_name, comment FROM duckdb_tables() ORDER BY table_name',
    );
    expect(tables.map((table) => table['table_name'])).toEqual(TABLES);
    const undocumented = tables.filter((table) => table['comment'] === null);
    expect(undocumented.map((table) => table['table_name'])).toEqual(['schema_version']);
  });

  it('keeps its content and version when opened again', async () => {
    const first = await temp.open();
    await first.saveInventory(inventory({ groups: [group('sg-1')] }), at('2024-03-01T00:00:00Z'));
    first.close();

    const again = await temp.open(first.path);

    expect(await again.describe()).toMatchObject({ schemaVersion: CURRENT, snapshots: 1 });
    expect((await again.loadInventory()).groups.map((g) => g.groupId)).toEqual(['sg-1']);
    again.close();
    const versions = await queryFile(again.path, 'SELECT version FROM schema_version ORDER BY 1');
    expect(versions).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
  });

  it('refuses a store written by a newer stale-sg, naming both versions', async () => {
    const store = await temp.open();
    store.close();
    await queryFile(store.path, "INSERT INTO schema_version VALUES (99, 'from the future', now())");

    const error = await DuckDbStore.open(store.path).catch((caught: unknown) => caught);

    expect(error).toMatchObject({
      code: 'STORE_FAILURE',
      message:
        `the store ${store.path} has schema version 99, but this stale-sg knows versions ` +
        `up to ${CURRENT}: open it with a newer stale-sg, or use another --db`,
    });
    await expect(temp.open(store.path)).rejects.toMatchObject({ code: 'STORE_FAILURE' });
  });

  it('applies appended migrations once, in order', async () => {
    const path = join(await temp.makeDir(), 'stale-sg.duckdb');
    const second: Migration = {
      version: NEXT,
      description: 'a column for a later feature',
      sql: 'ALTER TABLE runs ADD COLUMN host VARCHAR',
    };

    await withConnection(path, (connection) => migrateStore(connection, path));
    const version = await withConnection(path, (connection) =>
      migrateStore(connection, path, [...MIGRATIONS, second]),
    );
    const again = await withConnection(path, (connection) =>
      migrateStore(connection, path, [...MIGRATIONS, second]),
    );

    expect([version, again]).toEqual([NEXT, NEXT]);
    const versions = await queryFile(path, 'SELECT version FROM schema_version ORDER BY 1');
    expect(versions.map((row) => row['version'])).toEqual([
      ...MIGRATIONS.map((m) => m.version),
      NEXT,
    ]);
    const columns = await queryFile(
      path,
      "SELECT column_name FROM duckdb_columns() WHERE table_name = 'runs'",
    );
    expect(columns.map((row) => row['column_name'])).toContain('host');
  });

  it('rolls a failing migration back whole, leaving the version before it', async () => {
    const path = join(await temp.makeDir(), 'stale-sg.duckdb');
    const broken: Migration = {
      version: NEXT,
      description: 'fails half-way',
      sql: 'CREATE TABLE half (id INTEGER); SELECT * FROM no_such_table',
    };

    await expect(
      withConnection(path, (connection) => migrateStore(connection, path, [...MIGRATIONS, broken])),
    ).rejects.toThrow(/no_such_table/);

    const versions = await queryFile(path, 'SELECT max(version) AS version FROM schema_version');
    expect(versions).toEqual([{ version: CURRENT }]);
    const half = await queryFile(path, "SELECT * FROM duckdb_tables() WHERE table_name = 'half'");
    expect(half).toEqual([]);
  });
});

async function withConnection<T>(
  path: string,
  work: (connection: DuckDBConnection) => Promise<T>,
): Promise<T> {
  const instance = await DuckDBInstance.create(path);
  try {
    const connection = await instance.connect();
    try {
      return await work(connection);
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}
