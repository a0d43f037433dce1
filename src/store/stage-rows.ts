import {
  MAP,
  VARCHAR,
  mapValue,
  type DuckDBAppender,
  type DuckDBConnection,
} from '@duckdb/node-api';
import { StaleSgError } from '../errors.js';

/** Column types a staging table can have; TAGS is MAP(VARCHAR, VARCHAR). */
export type StagedType = 'VARCHAR' | 'BIGINT' | 'INTEGER' | 'DOUBLE' | 'BOOLEAN' | 'TAGS';

export type StagedCell = string | number | boolean | Readonly<Record<string, string>> | null;

/**
 * A TEMP table that rows are appended to before a transaction merges them
 * into the store. Names are constants of the store's modules, never input,
 * so they may appear in SQL text.
 */
export interface StagingTable {
  readonly name: string;
  /** What the rows are, for error messages: "usage totals". */
  readonly description: string;
  readonly columns: readonly (readonly [name: string, type: StagedType])[];
}

const SQL_TYPES: Readonly<Record<StagedType, string>> = {
  VARCHAR: 'VARCHAR',
  BIGINT: 'BIGINT',
  INTEGER: 'INTEGER',
  DOUBLE: 'DOUBLE',
  BOOLEAN: 'BOOLEAN',
  TAGS: 'MAP(VARCHAR, VARCHAR)',
};

/**
 * (Re)creates `table` as an empty TEMP table and appends `rows` to it with a
 * DuckDB appender: values never enter SQL text, and thousands of rows cost
 * one round trip. Staging outside the transaction keeps the transaction
 * itself to a few set-based statements.
 */
export async function stageRows(
  connection: DuckDBConnection,
  table: StagingTable,
  rows: Iterable<readonly StagedCell[]>,
): Promise<void> {
  const columns = table.columns.map(([name, type]) => `${name} ${SQL_TYPES[type]}`);
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${table.name} (${columns.join(', ')})`);

  const appender = await connection.createAppender(table.name, 'main', 'temp');
  try {
    for (const row of rows) appendRow(appender, table, row);
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

/** Drops staging tables once their rows are merged (or abandoned). */
export async function dropStaged(
  connection: DuckDBConnection,
  tables: readonly StagingTable[],
): Promise<void> {
  for (const table of tables) await connection.run(`DROP TABLE IF EXISTS temp.${table.name}`);
}

function appendRow(appender: DuckDBAppender, table: StagingTable, row: readonly StagedCell[]) {
  table.columns.forEach(([column, type], index) => {
    const cell = row[index] ?? null;
    if (cell === null) appender.appendNull();
    else if (!appendCell(appender, type, cell)) throw invalidCell(table, column, type, cell);
  });
  appender.endRow();
}

/** Appends `cell` if it has the column's type; false if it has not. */
function appendCell(appender: DuckDBAppender, type: StagedType, cell: StagedCell): boolean {
  if (type === 'VARCHAR' && typeof cell === 'string') appender.appendVarchar(cell);
  else if (type === 'BIGINT' && isSafeInteger(cell)) appender.appendBigInt(BigInt(cell));
  else if (type === 'INTEGER' && isInt32(cell)) appender.appendInteger(cell);
  else if (type === 'DOUBLE' && typeof cell === 'number' && Number.isFinite(cell))
    appender.appendDouble(cell);
  else if (type === 'BOOLEAN' && typeof cell === 'boolean') appender.appendBoolean(cell);
  else if (type === 'TAGS' && typeof cell === 'object' && cell !== null) appendTags(appender, cell);
  else return false;
  return true;
}

function appendTags(appender: DuckDBAppender, tags: Readonly<Record<string, string>>): void {
  const entries = Object.entries(tags).map(([key, value]) => ({ key, value }));
  appender.appendMap(mapValue(entries), MAP(VARCHAR, VARCHAR));
}

function isSafeInteger(cell: StagedCell): cell is number {
  return typeof cell === 'number' && Number.isSafeInteger(cell);
}

function isInt32(cell: StagedCell): cell is number {
  return isSafeInteger(cell) && cell >= -(2 ** 31) && cell < 2 ** 31;
}

function invalidCell(
  table: StagingTable,
  column: string,
  type: StagedType,
  cell: StagedCell,
): StaleSgError {
  const expected = type === 'BIGINT' || type === 'INTEGER' ? 'an integer' : `a ${type} value`;
  return new StaleSgError(
    'INVALID_ARGUMENT',
    `${column} of the ${table.description}: expected ${expected}, found ${JSON.stringify(cell)}`,
  );
}
