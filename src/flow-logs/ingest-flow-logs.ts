import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { BIGINT, type DuckDBConnection } from '@duckdb/node-api';
import { ADDRESS_MACROS_SQL } from '../attribution/address-sql.js';
import { StaleSgError } from '../errors.js';
import type { SkippedSource } from '../report/report.js';
import type { RecordSource } from './flow-log-sources.js';
import { reasonOf, type FlowLogFile } from './find-flow-log-files.js';
import { FILES_TYPE, filesParameter } from './files-parameter.js';
import { anyMalformed, failOnFirstMalformed, unreadableLineCount } from './malformed-records.js';
import {
  prepareFile,
  stageFile,
  type ReadyFile,
  type Skip,
  type StagedFile,
} from './prepare-flow-log-file.js';
import { aggregateRecordsSql, checkedRecordsSql, normalizedRecordsSql } from './record-sql.js';

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
  const stagingDir = await mkdtemp(join(options.tempDir, 'stale-sg-'));
  const skipped: SkippedSource[] = [];
  // Strict mode checks addresses file by file (see malformed-records.ts).
  if (options.strict) await connection.run(ADDRESS_MACROS_SQL);
  const progress = { files: 0, bytes: 0 };

  // While DuckDB reads one batch, Node unpacks the next one's gzip files.
  const all = batches(files);
  let staging = stageBatch(all[0] ?? [], join(stagingDir, '0'));
  try {
    for (const [number, batch] of all.entries()) {
      const staged = await staging;
      staging = stageBatch(all[number + 1] ?? [], join(stagingDir, String(number + 1)));

      const ready = await prepareBatch(connection, batch, staged, skip);
      for (const group of groupByFormat(ready)) await readGroup(connection, group, options, skip);
      await removeStaged(batch, staged);

      progress.files += batch.length;
      progress.bytes += batch.reduce((sum, file) => sum + file.size, 0);
      options.onProgress?.({ ...progress });
    }
  } finally {
    await staging.catch(() => undefined);
    await rm(stagingDir, { recursive: true, force: true });
  }
  return { skipped, unreadableLines: await unreadableLineCount(connection) };

  function skip(path: string, reason: string): void {
    if (options.strict) throw new StaleSgError('INVALID_FLOW_LOG', `${path}: ${reason}`);
    skipped.push({ path, reason });
  }
}

function batches(files: readonly FlowLogFile[]): FlowLogFile[][] {
  const all: FlowLogFile[][] = [];
  let batch: FlowLogFile[] = [];
  let bytes = 0;
  for (const file of files) {
    batch.push(file);
    bytes += file.size;
    if (batch.length >= BATCH_FILES || bytes >= BATCH_BYTES) {
      all.push(batch);
      [batch, bytes] = [[], 0];
    }
  }
  if (batch.length > 0) all.push(batch);
  return all;
}

/** Stages a batch's files, a few at a time, under `prefix` (`prefix-0.log`, ...). */
async function stageBatch(batch: readonly FlowLogFile[], prefix: string): Promise<StagedFile[]> {
  const staged: StagedFile[] = new Array(batch.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < batch.length) {
      const index = next++;
      staged[index] = await stageFile(batch[index] as FlowLogFile, `${prefix}-${index}.log`);
    }
  };
  await Promise.all(Array.from({ length: STAGING_CONCURRENCY }, worker));
  return staged;
}

async function prepareBatch(
  connection: DuckDBConnection,
  batch: readonly FlowLogFile[],
  staged: readonly StagedFile[],
  skip: Skip,
): Promise<ReadyFile[]> {
  const ready: ReadyFile[] = [];
  for (const [index, file] of batch.entries()) {
    const prepared = await prepareFile(connection, file, staged[index] as StagedFile, skip);
    if (prepared !== undefined) ready.push(prepared);
  }
  return ready;
}

/** Deletes the batch's decompressed copies (never the flow log files themselves). */
async function removeStaged(
  batch: readonly FlowLogFile[],
  staged: readonly StagedFile[],
): Promise<void> {
  const copies = staged.flatMap((s, index) =>
    'path' in s && s.path !== batch[index]?.path ? [s.path] : [],
  );
  await Promise.all(copies.map((path) => rm(path, { force: true })));
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

  if (options.strict && (await anyMalformed(connection))) {
    await failOnFirstMalformed(connection, group, options);
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
