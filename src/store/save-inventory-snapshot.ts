import { TIMESTAMPTZ, type DuckDBConnection } from '@duckdb/node-api';
import { StaleSgError } from '../errors.js';
import type { Inventory } from '../inventory/inventory.js';
import { inTransaction } from './in-transaction.js';
import { dropStaged, stageRows } from './stage-rows.js';
import { STORED_INVENTORY_TABLES, type StoredInventoryTable } from './stored-inventory-tables.js';
import { instantOf, instantValue } from './store-values.js';

const LATEST_SNAPSHOT_SQL = `
SELECT max(taken_at) AS taken_at
FROM inventory_snapshots`;

/** Counts what the snapshot holds, and what went with it (rows gone at its time). */
const INSERT_SNAPSHOT_SQL = `
INSERT INTO inventory_snapshots (
  taken_at, group_count, rule_count, interface_count, prefix_list_count,
  rules_gone, interfaces_gone
)
SELECT
  $at,
  (SELECT count(*) FROM security_groups WHERE gone_at IS NULL),
  (SELECT count(*) FROM security_group_rules WHERE gone_at IS NULL),
  (SELECT count(*) FROM network_interfaces WHERE gone_at IS NULL),
  (SELECT count(*) FROM prefix_lists WHERE gone_at IS NULL),
  (SELECT count(*) FROM security_group_rules WHERE gone_at = $at),
  (SELECT count(*) FROM network_interfaces WHERE gone_at = $at)`;

/**
 * Records `inventory` as the account's state at `at`, in one transaction:
 * rows it lists are inserted or refreshed (and revived if they had gone),
 * rows it no longer lists are marked gone at `at`. Nothing is deleted, so
 * history and referenced-group matching still know what a gone interface's
 * addresses were.
 */
export async function saveInventorySnapshot(
  connection: DuckDBConnection,
  inventory: Inventory,
  at: Date,
): Promise<void> {
  await refuseOlderSnapshot(connection, at);

  try {
    for (const table of STORED_INVENTORY_TABLES) {
      await stageRows(connection, table.staging, table.rows(inventory));
    }
    await inTransaction(connection, () => writeSnapshot(connection, at));
  } finally {
    await dropStaged(
      connection,
      STORED_INVENTORY_TABLES.map((table) => table.staging),
    );
  }
}

/**
 * A snapshot older than the latest would mark as gone what has since been
 * seen again; snapshots must arrive in time order.
 */
async function refuseOlderSnapshot(connection: DuckDBConnection, at: Date): Promise<void> {
  const reader = await connection.runAndReadAll(LATEST_SNAPSHOT_SQL);
  const latest = instantOf(reader.getRows()[0]?.[0]);
  if (latest !== null && at < latest) {
    throw new StaleSgError(
      'INVALID_ARGUMENT',
      `an inventory taken at ${at.toISOString()} is older than the latest snapshot in the ` +
        `store, taken at ${latest.toISOString()}`,
    );
  }
}

async function writeSnapshot(connection: DuckDBConnection, at: Date): Promise<void> {
  const values = { at: instantValue(at) };
  const types = { at: TIMESTAMPTZ };

  for (const table of STORED_INVENTORY_TABLES) {
    await connection.run(upsertPresentSql(table), values, types);
    await connection.run(markGoneSql(table), values, types);
  }

  await connection.run(INSERT_SNAPSHOT_SQL, values, types);
}

/**
 * Inserts the snapshot's rows, or refreshes them: new attribute values, the
 * snapshot's time as `last_seen_at`, and `gone_at` cleared for a row that
 * came back. `first_seen_at` keeps the first sighting.
 */
export function upsertPresentSql(table: StoredInventoryTable): string {
  const attributes = table.staging.columns
    .map(([column]) => column)
    .filter((column) => !table.key.includes(column));
  const updates = [
    ...attributes.map((column) => `${column} = excluded.${column}`),
    'last_seen_at = excluded.last_seen_at',
    'gone_at = NULL',
  ];
  return `
INSERT INTO ${table.table} BY NAME
SELECT *, $at AS first_seen_at, $at AS last_seen_at
FROM temp.${table.staging.name}
ON CONFLICT (${table.key.join(', ')}) DO UPDATE SET
  ${updates.join(',\n  ')}`;
}

/** Marks gone, at the snapshot's time, the present rows the snapshot does not list. */
export function markGoneSql(table: StoredInventoryTable): string {
  const sameKey = table.key.map((column) => `snapshot.${column} = stored.${column}`);
  return `
UPDATE ${table.table} AS stored
SET gone_at = $at
WHERE stored.gone_at IS NULL
  AND NOT EXISTS (
    SELECT 1
    FROM temp.${table.staging.name} AS snapshot
    WHERE ${sameKey.join('\n      AND ')}
  )`;
}
