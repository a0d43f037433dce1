import { BIGINT, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import { StaleSgError } from '../errors.js';
import { REJECTS_TABLE } from './flow-log-sources.js';
import { FILES_TYPE, filesParameter } from './files-parameter.js';
import type { ReadyFile } from './prepare-flow-log-file.js';
import { lineOfRecord } from './line-of-record.js';
import { checkedRecordsSql, normalizedRecordsSql } from './record-sql.js';

/** The window of a read, unix seconds; records starting outside it are left out. */
export interface ReadWindow {
  readonly since?: number;
  readonly until?: number;
}

/**
 * An address that neither family's parser reads. Attribution counts its
 * records as malformed (`counted_flows`); strict mode looks for them here
 * already, file by file, so that its error can name the file and line. Needs
 * the macros of `ADDRESS_MACROS_SQL`.
 */
function badAddressSql(address: string): string {
  return `(${address} IS NOT NULL AND ip_value(${address}) IS NULL)`;
}

/**
 * Whether any record read so far is malformed: rejected by the checks, with
 * an address that does not parse, or on a line DuckDB could not read. Strict
 * mode asks after each statement; as it stops at the first malformed record,
 * any found is that statement's.
 */
export async function anyMalformed(connection: DuckDBConnection): Promise<boolean> {
  const checked = await connection.runAndReadAll('SELECT count(*) FROM flows WHERE malformed');
  if (Number(checked.getRows()[0]?.[0] ?? 0) > 0) return true;
  if ((await unreadableLineCount(connection)) > 0) return true;

  // Each distinct address once: the macro is costly to plan, and to run.
  const addresses = await connection.runAndReadAll(
    `SELECT count(*) FROM (
       SELECT src AS address FROM flows UNION SELECT dst FROM flows)
     WHERE ${badAddressSql('address')}`,
  );
  return Number(addresses.getRows()[0]?.[0] ?? 0) > 0;
}

export async function unreadableLineCount(connection: DuckDBConnection): Promise<number> {
  if (!(await hasRejectsTable(connection))) return 0;
  const reader = await connection.runAndReadAll(
    `SELECT count(*) FROM (SELECT DISTINCT scan_id, file_id, line FROM ${REJECTS_TABLE})`,
  );
  return Number(reader.getRows()[0]?.[0] ?? 0);
}

/** DuckDB creates the rejects table on the first scan that uses it. */
async function hasRejectsTable(connection: DuckDBConnection): Promise<boolean> {
  const reader = await connection.runAndReadAll(
    `SELECT count(*) FROM duckdb_tables() WHERE table_name = '${REJECTS_TABLE}'`,
  );
  return Number(reader.getRows()[0]?.[0] ?? 0) > 0;
}

/** Strict mode: names the file and line of the first malformed record. */
export async function failOnFirstMalformed(
  connection: DuckDBConnection,
  group: readonly ReadyFile[],
  window: ReadWindow,
): Promise<never> {
  for (const ready of group) {
    const line = await firstMalformedLine(connection, ready, window);
    if (line !== undefined) {
      throw new StaleSgError(
        'INVALID_FLOW_LOG',
        `${ready.file.path}: line ${line}: malformed flow log record`,
      );
    }
  }
  throw new StaleSgError('INVALID_FLOW_LOG', 'a flow log record is malformed');
}

/**
 * The line of the file's first malformed record: the first line DuckDB
 * rejected, or the line of the first record that failed the checks,
 * whichever comes first. Parquet files have no lines; their record number
 * stands in.
 */
async function firstMalformedLine(
  connection: DuckDBConnection,
  ready: ReadyFile,
  window: ReadWindow,
): Promise<number | undefined> {
  const rejected = await rejectedLines(connection, ready.readPath);
  const unreadable = rejected[0];
  const record = await firstMalformedRecord(connection, ready, window);
  if (record === undefined) return unreadable;
  if (ready.formatKey.startsWith('parquet:')) return record;

  // A record is at least as far down as its number, after the header.
  const header = ready.formatKey.startsWith('header:');
  if (unreadable !== undefined && unreadable <= record + (header ? 1 : 0)) return unreadable;

  const line = await lineOfRecord(ready.readPath, record, { header, rejected: new Set(rejected) });
  const found = [line, unreadable].filter((n): n is number => n !== undefined);
  return found.length === 0 ? undefined : Math.min(...found);
}

/** The number (from 1, in file order) of the file's first malformed record, if any. */
async function firstMalformedRecord(
  connection: DuckDBConnection,
  ready: ReadyFile,
  window: ReadWindow,
): Promise<number | undefined> {
  const { source } = ready;
  const checked = checkedRecordsSql(
    normalizedRecordsSql(source.sequentialFrom, source.columns, source.extraChecks),
  );
  // As in flowRowsSql, a bad address counts only in a record of the window.
  const reader = await connection.runAndReadAll(
    `WITH numbered AS (
       SELECT
         row_number() OVER () AS n, ok,
         ($since IS NULL OR start >= $since) AND ($until IS NULL OR start < $until) AS in_window,
         [coalesce(pkt_srcaddr, srcaddr), coalesce(pkt_dstaddr, dstaddr)] AS addresses
       FROM (${checked})
     ),
     addresses AS (SELECT n, ok, in_window, unnest(addresses) AS address FROM numbered)
     SELECT min(n) FROM addresses
     WHERE NOT ok OR (in_window AND ${badAddressSql('address')})`,
    {
      ...filesParameter([ready.readPath]),
      since: window.since ?? null,
      until: window.until ?? null,
    },
    { ...FILES_TYPE, since: BIGINT, until: BIGINT },
  );
  const first = reader.getRows()[0]?.[0];
  return first === null || first === undefined ? undefined : Number(first);
}

/** The lines of the file that DuckDB's CSV reader rejected, in order. */
async function rejectedLines(connection: DuckDBConnection, path: string): Promise<number[]> {
  if (!(await hasRejectsTable(connection))) return [];
  const reader = await connection.runAndReadAll(
    `SELECT DISTINCT e.line FROM ${REJECTS_TABLE} e
     JOIN ${REJECTS_TABLE}_scans s USING (scan_id, file_id)
     WHERE s.file_path = $path
     ORDER BY e.line`,
    { path },
    { path: VARCHAR },
  );
  return reader.getRows().map((row) => Number(row[0]));
}
