import { VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import { StaleSgError } from '../errors.js';
import { REJECTS_TABLE } from './flow-log-sources.js';
import { FILES_TYPE, filesParameter } from './files-parameter.js';
import type { ReadyFile } from './prepare-flow-log-file.js';
import { checkedRecordsSql, normalizedRecordsSql } from './record-sql.js';

/** Malformed records so far: those the checks rejected and lines DuckDB could not read. */
export async function malformedCount(connection: DuckDBConnection): Promise<number> {
  const reader = await connection.runAndReadAll(
    'SELECT coalesce(sum(records), 0)::BIGINT FROM flows WHERE malformed',
  );
  return Number(reader.getRows()[0]?.[0] ?? 0) + (await unreadableLineCount(connection));
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
): Promise<never> {
  for (const ready of group) {
    const line = await firstMalformedLine(connection, ready);
    if (line !== undefined) {
      throw new StaleSgError(
        'INVALID_FLOW_LOG',
        `${ready.file.path}: line ${line}: malformed flow log record`,
      );
    }
  }
  throw new StaleSgError('INVALID_FLOW_LOG', 'a flow log record is malformed');
}

async function firstMalformedLine(
  connection: DuckDBConnection,
  ready: ReadyFile,
): Promise<number | undefined> {
  const unreadable = await firstUnreadableLine(connection, ready.readPath);
  if (unreadable !== undefined) return unreadable;

  const { source } = ready;
  const checked = checkedRecordsSql(
    normalizedRecordsSql(source.sequentialFrom, source.columns, source.extraChecks),
  );
  const reader = await connection.runAndReadAll(
    `SELECT n FROM (SELECT row_number() OVER () AS n, ok FROM (${checked})) WHERE NOT ok ORDER BY n LIMIT 1`,
    filesParameter([ready.readPath]),
    FILES_TYPE,
  );
  const row = reader.getRows()[0];
  if (row === undefined) return undefined;

  const headerLines = ready.formatKey.startsWith('header:') ? 1 : 0;
  return Number(row[0]) + headerLines;
}

/** The first line of the file that DuckDB's CSV reader rejected, if any. */
async function firstUnreadableLine(
  connection: DuckDBConnection,
  path: string,
): Promise<number | undefined> {
  if (!(await hasRejectsTable(connection))) return undefined;
  const reader = await connection.runAndReadAll(
    `SELECT min(e.line) FROM ${REJECTS_TABLE} e
     JOIN ${REJECTS_TABLE}_scans s USING (scan_id, file_id)
     WHERE s.file_path = $path`,
    { path },
    { path: VARCHAR },
  );
  const line = reader.getRows()[0]?.[0];
  return line === null || line === undefined ? undefined : Number(line);
}
