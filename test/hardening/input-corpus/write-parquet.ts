import { withDuckDb } from '../../../src/engine/duckdb-session.js';

/**
 * Writes a Parquet file with DuckDB from a SELECT over `range(rows) t(i)`,
 * so that columns may vary by row. The statement is test-authored, never
 * user input; the path is quoted as a SQL string.
 */
export async function writeParquet(path: string, select: string, rows = 2): Promise<void> {
  await withDuckDb({}, async (connection) => {
    const target = `'${path.replaceAll("'", "''")}'`;
    await connection.run(`COPY (${select} FROM range(${rows}) t(i)) TO ${target} (FORMAT parquet)`);
  });
}

/** Every column of an accepted HTTPS request, with AWS's Parquet names and types; `i` numbers the rows. */
export const PARQUET_COLUMNS: Readonly<Record<string, string>> = {
  version: '2::INTEGER',
  account_id: "'123456789012'",
  interface_id: "'eni-0a1b2c3d4e5f60718'",
  srcaddr: "'198.51.100.' || (i + 1)",
  dstaddr: "'10.0.0.5'",
  srcport: '50123::INTEGER',
  dstport: '443::INTEGER',
  protocol: '6::INTEGER',
  packets: '10::BIGINT',
  bytes: '1000::BIGINT',
  start: '1700000000::BIGINT',
  end: '1700000060::BIGINT',
  action: "'ACCEPT'",
  log_status: "'OK'",
};

/**
 * A SELECT list of the Parquet columns with some replaced (by a SQL
 * expression) or left out (`null`).
 */
export function parquetSelect(changes: Readonly<Record<string, string | null>> = {}): string {
  const columns = Object.entries({ ...PARQUET_COLUMNS, ...changes })
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .map(([name, sql]) => `${sql} AS "${name}"`);
  return `SELECT ${columns.join(', ')}`;
}
