import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  BIGINT,
  LIST,
  VARCHAR,
  listValue,
  type DuckDBConnection,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import { StaleSgError } from '../errors.js';
import type { SkippedSource } from '../report/report.js';
import { REQUIRED_FIELDS, parquetColumn } from './flow-log-fields.js';
import { REJECTS_TABLE, parquetSource, textSource, type RecordSource } from './flow-log-sources.js';
import { reasonOf, type FlowLogFile } from './find-flow-log-files.js';
import { aggregateRecordsSql, checkedRecordsSql, normalizedRecordsSql } from './record-sql.js';
import { gunzipFile, readFirstLine } from './stage-text-file.js';
import { detectTextFormat } from './text-format.js';

export interface IngestOptions {
  /** Unix seconds; records starting outside [since, until) are left out. */
  readonly since?: number;
  readonly until?: number;
  readonly strict: boolean;
  /** Where gzip files are decompressed for reading; removed afterwards. */
  readonly tempDir: string;
  readonly onProgress?: (done: { files: number; bytes: number }) => void;
}

export interface IngestResult {
  readonly skipped: readonly SkippedSource[];
  /** Lines the CSV reader could not read at all; malformed records too. */
  readonly unreadableLines: number;
}

/** A file ready to read: its own path or its decompressed copy, and how to read it. */
interface ReadyFile {
  readonly file: FlowLogFile;
  readonly readPath: string;
  readonly source: RecordSource;
  readonly formatKey: string;
}

const BATCH_FILES = 64;
const BATCH_BYTES = 256 * 1024 * 1024;
const STAGING_CONCURRENCY = 4;

/**
 * Reads flow log files into the `flows` table, batch by batch. A file that
 * cannot be read (corrupt gzip, unknown layout, unreadable Parquet) is
 * skipped and reported, and the rest go on; with `strict`, it fails the run,
 * and so does a malformed record.
 */
export async function ingestFlowLogs(
  connection: DuckDBConnection,
  files: readonly FlowLogFile[],
  options: IngestOptions,
): Promise<IngestResult> {
  const staging = await mkdtemp(join(options.tempDir, 'stale-sg-'));
  const skipped: SkippedSource[] = [];
  const progress = { files: 0, bytes: 0 };

  try {
    for (const batch of batches(files)) {
      const ready = await prepareBatch(connection, batch, staging, skip);
      for (const group of groupByFormat(ready)) await readGroup(connection, group, options, skip);
      await Promise.all(ready.filter((r) => r.readPath !== r.file.path).map((r) => rm(r.readPath)));

      progress.files += batch.length;
      progress.bytes += batch.reduce((sum, file) => sum + file.size, 0);
      options.onProgress?.({ ...progress });
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return { skipped, unreadableLines: await unreadableLineCount(connection) };

  function skip(path: string, reason: string): void {
    if (options.strict) throw new StaleSgError('INVALID_FLOW_LOG', `${path}: ${reason}`);
    skipped.push({ path, reason });
  }
}

function* batches(files: readonly FlowLogFile[]): Generator<FlowLogFile[]> {
  let batch: FlowLogFile[] = [];
  let bytes = 0;
  for (const file of files) {
    batch.push(file);
    bytes += file.size;
    if (batch.length >= BATCH_FILES || bytes >= BATCH_BYTES) {
      yield batch;
      [batch, bytes] = [[], 0];
    }
  }
  if (batch.length > 0) yield batch;
}

type Skip = (path: string, reason: string) => void;

async function prepareBatch(
  connection: DuckDBConnection,
  batch: readonly FlowLogFile[],
  staging: string,
  skip: Skip,
): Promise<ReadyFile[]> {
  const ready: (ReadyFile | undefined)[] = new Array(batch.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < batch.length) {
      const index = next++;
      const file = batch[index] as FlowLogFile;
      ready[index] = await prepareFile(connection, file, join(staging, `${index}.log`), skip);
    }
  };
  await Promise.all(Array.from({ length: STAGING_CONCURRENCY }, worker));
  return ready.filter((r): r is ReadyFile => r !== undefined);
}

async function prepareFile(
  connection: DuckDBConnection,
  file: FlowLogFile,
  stagedPath: string,
  skip: Skip,
): Promise<ReadyFile | undefined> {
  if (file.size === 0) {
    skip(file.path, 'the file is empty');
    return undefined;
  }

  try {
    if (file.kind === 'parquet') return await prepareParquet(connection, file, skip);

    const readPath = file.kind === 'gzip' ? stagedPath : file.path;
    if (file.kind === 'gzip') await gunzipFile(file.path, stagedPath);
    return await prepareText(file, readPath, skip);
  } catch (error) {
    if (error instanceof StaleSgError) throw error;
    skip(file.path, `cannot be read: ${reasonOf(error)}`);
    return undefined;
  }
}

async function prepareText(
  file: FlowLogFile,
  readPath: string,
  skip: Skip,
): Promise<ReadyFile | undefined> {
  const firstLine = await readFirstLine(readPath);
  if (firstLine === undefined) {
    skip(file.path, 'the first line is longer than 64 KiB; it is neither a header nor a record');
    return undefined;
  }
  if (firstLine.trim() === '') {
    skip(file.path, 'the file is empty');
    return undefined;
  }

  const detected = detectTextFormat(firstLine);
  if (!detected.ok) {
    skip(file.path, detected.reason);
    return undefined;
  }
  return { file, readPath, source: textSource(detected.format), formatKey: detected.format.key };
}

async function prepareParquet(
  connection: DuckDBConnection,
  file: FlowLogFile,
  skip: Skip,
): Promise<ReadyFile | undefined> {
  const result = await connection.run(
    'SELECT * FROM read_parquet($files) LIMIT 0',
    filesParameter([file.path]),
    FILES_TYPE,
  );
  const types = new Map(
    result.columnNames().map((name, i) => [name, result.columnType(i).toString()]),
  );

  const missing = REQUIRED_FIELDS.filter((field) => !types.has(parquetColumn(field)));
  if (missing.length > 0) {
    skip(file.path, `the Parquet file lacks the columns ${missing.map(parquetColumn).join(', ')}`);
    return undefined;
  }

  const formatKey = `parquet:${[...types].map(([name, type]) => `${name} ${type}`).join(',')}`;
  return { file, readPath: file.path, source: parquetSource(types), formatKey };
}

function groupByFormat(ready: readonly ReadyFile[]): ReadyFile[][] {
  const groups = new Map<string, ReadyFile[]>();
  for (const file of ready)
    groups.set(file.formatKey, [...(groups.get(file.formatKey) ?? []), file]);
  return [...groups.values()];
}

/**
 * Reads files of one format in one statement. If the statement fails, the
 * files are read one by one so that only the bad one is skipped; each
 * statement is atomic, so a failed one has added nothing.
 */
async function readGroup(
  connection: DuckDBConnection,
  group: readonly ReadyFile[],
  options: IngestOptions,
  skip: Skip,
): Promise<void> {
  const first = group[0];
  if (first === undefined) return;

  const malformedBefore = options.strict ? await malformedCount(connection) : 0;
  try {
    await insertRecords(
      connection,
      first.source,
      group.map((r) => r.readPath),
      options,
    );
  } catch (error) {
    if (group.length === 1) return skip(first.file.path, `cannot be read: ${reasonOf(error)}`);
    for (const file of group) await readGroup(connection, [file], options, skip);
    return;
  }

  if (options.strict && (await malformedCount(connection)) > malformedBefore) {
    await failOnFirstMalformed(connection, group);
  }
}

async function insertRecords(
  connection: DuckDBConnection,
  source: RecordSource,
  paths: readonly string[],
  options: IngestOptions,
): Promise<void> {
  const normalized = normalizedRecordsSql(source.from, source.columns, source.extraChecks);
  await connection.run(
    aggregateRecordsSql(checkedRecordsSql(normalized)),
    { ...filesParameter(paths), since: options.since ?? null, until: options.until ?? null },
    { ...FILES_TYPE, since: BIGINT, until: BIGINT },
  );
}

async function malformedCount(connection: DuckDBConnection): Promise<number> {
  const reader = await connection.runAndReadAll(
    'SELECT coalesce(sum(records), 0)::BIGINT FROM flows WHERE malformed',
  );
  return Number(reader.getRows()[0]?.[0] ?? 0) + (await unreadableLineCount(connection));
}

async function unreadableLineCount(connection: DuckDBConnection): Promise<number> {
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
async function failOnFirstMalformed(
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

const FILES_TYPE: Record<string, DuckDBType> = { files: LIST(VARCHAR) };

function filesParameter(paths: readonly string[]): Record<string, DuckDBValue> {
  return { files: listValue([...paths]) };
}
