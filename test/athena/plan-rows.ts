import type { GetQueryResultsOutput } from '@aws-sdk/client-athena';
import { INTEGER, type DuckDBConnection } from '@duckdb/node-api';

import { ADDRESS_MACROS_SQL } from '../../src/attribution/address-sql.js';
import { FLOWS_TABLE_SQL } from '../../src/attribution/flow-tables.js';
import { loadInventoryTables } from '../../src/attribution/inventory-tables.js';
import { DUCKDB_DIALECT } from '../../src/attribution/sql-dialect.js';
import { planQuerySql, RESULT_COLUMNS } from '../../src/athena/attribution-query.js';
import type { ResultRow } from '../../src/athena/attribution-results.js';
import { withDuckDb } from '../../src/engine/duckdb-session.js';
import { findFlowLogFiles } from '../../src/flow-logs/find-flow-log-files.js';
import { ingestFlowLogs } from '../../src/flow-logs/ingest-flow-logs.js';
import type { Inventory } from '../../src/inventory/inventory.js';

/** Rows per GetQueryResults page, the most Athena gives. */
const PAGE_SIZE = 1000;

/**
 * Runs `work` on a DuckDB connection holding the engine's inputs: the
 * `flows` table of the flow logs and the inventory tables, with the address
 * macros, as the DuckDB engine builds them before attributing.
 */
export async function withEngineInputs<T>(
  inventory: Inventory,
  flowLogsDir: string,
  tempDir: string,
  work: (connection: DuckDBConnection) => Promise<T>,
): Promise<T> {
  const files = await findFlowLogFiles([flowLogsDir]);
  return withDuckDb({ tempDirectory: tempDir }, async (connection) => {
    await connection.run(FLOWS_TABLE_SQL);
    await ingestFlowLogs(connection, files, { strict: false, tempDir });
    await loadInventoryTables(connection, inventory);
    await connection.run(ADDRESS_MACROS_SQL);
    return work(connection);
  });
}

/**
 * The rows Athena would return: the plan as one query (`planQuerySql`)
 * rendered in DuckDB's dialect over the engine's inputs. Every value is
 * text or NULL, as in Athena's result pages.
 */
export async function planRows(connection: DuckDBConnection): Promise<ResultRow[]> {
  const reader = await connection.runAndReadAll(
    planQuerySql(DUCKDB_DIALECT, []),
    { ephemeral_from: 32768, ephemeral_to: 65535 },
    { ephemeral_from: INTEGER, ephemeral_to: INTEGER },
  );
  return reader.getRowObjects() as ResultRow[];
}

/** `planRows` over flow logs and an inventory. */
export function planRowsOf(
  inventory: Inventory,
  flowLogsDir: string,
  tempDir: string,
): Promise<ResultRow[]> {
  return withEngineInputs(inventory, flowLogsDir, tempDir, planRows);
}

/**
 * The GetQueryResults answers for `rows`, 1000 to a page, as Athena pages a
 * SELECT: the first page starts with a row of the column names, and each
 * page but the last carries the NextToken (`page-1`, `page-2`, ...) of the next.
 */
export function resultPages(rows: readonly ResultRow[]): GetQueryResultsOutput[] {
  const header = { Data: RESULT_COLUMNS.map((name) => ({ VarCharValue: name })) };
  const data = rows.map((row) => ({
    Data: RESULT_COLUMNS.map((name) => {
      const value = row[name];
      return value === null || value === undefined ? {} : { VarCharValue: value };
    }),
  }));
  const all = [header, ...data];
  const metadata = { ColumnInfo: RESULT_COLUMNS.map((name) => ({ Name: name, Type: 'varchar' })) };

  const pages: GetQueryResultsOutput[] = [];
  for (let index = 0; index * PAGE_SIZE < all.length; index += 1) {
    const last = (index + 1) * PAGE_SIZE >= all.length;
    pages.push({
      ResultSet: {
        ResultSetMetadata: metadata,
        Rows: all.slice(index * PAGE_SIZE, (index + 1) * PAGE_SIZE),
      },
      ...(last ? {} : { NextToken: `page-${index + 1}` }),
    });
  }
  return pages;
}
