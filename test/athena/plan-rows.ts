import { INTEGER } from '@duckdb/node-api';

import { ADDRESS_MACROS_SQL } from '../../src/attribution/address-sql.js';
import { FLOWS_TABLE_SQL } from '../../src/attribution/flow-tables.js';
import { loadInventoryTables } from '../../src/attribution/inventory-tables.js';
import { DUCKDB_DIALECT } from '../../src/attribution/sql-dialect.js';
import { planQuerySql } from '../../src/athena/attribution-query.js';
import type { ResultRow } from '../../src/athena/attribution-results.js';
import { withDuckDb } from '../../src/engine/duckdb-session.js';
import { findFlowLogFiles } from '../../src/flow-logs/find-flow-log-files.js';
import { ingestFlowLogs } from '../../src/flow-logs/ingest-flow-logs.js';
import type { Inventory } from '../../src/inventory/inventory.js';

/**
 * The rows Athena would return for flow logs and an inventory: the plan as
 * one query (`planQuerySql`) rendered in DuckDB's dialect and run over the
 * same `flows` and inventory tables the DuckDB engine builds. Every value is
 * text or NULL, as in Athena's result pages.
 */
export async function planRowsOf(
  inventory: Inventory,
  flowLogsDir: string,
  tempDir: string,
): Promise<ResultRow[]> {
  const files = await findFlowLogFiles([flowLogsDir]);
  return withDuckDb({ tempDirectory: tempDir }, async (connection) => {
    await connection.run(FLOWS_TABLE_SQL);
    await ingestFlowLogs(connection, files, { strict: false, tempDir });
    await loadInventoryTables(connection, inventory);
    await connection.run(ADDRESS_MACROS_SQL);
    const reader = await connection.runAndReadAll(
      planQuerySql(DUCKDB_DIALECT, []),
      { ephemeral_from: 32768, ephemeral_to: 65535 },
      { ephemeral_from: INTEGER, ephemeral_to: INTEGER },
    );
    return reader.getRowObjects() as ResultRow[];
  });
}
