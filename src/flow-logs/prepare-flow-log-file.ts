import type { DuckDBConnection } from '@duckdb/node-api';
import { StaleSgError } from '../errors.js';
import { REQUIRED_FIELDS, parquetColumn } from './flow-log-fields.js';
import { parquetSource, textSource, type RecordSource } from './flow-log-sources.js';
import { reasonOf, type FlowLogFile } from './find-flow-log-files.js';
import { FILES_TYPE, filesParameter } from './files-parameter.js';
import { CUT_LINE } from './long-line-cutter.js';
import { readFirstLine, stageTextFile } from './stage-text-file.js';
import { detectTextFormat } from './text-format.js';

/** A file ready to read: its own path or its decompressed copy, and how to read it. */
export interface ReadyFile {
  readonly file: FlowLogFile;
  readonly readPath: string;
  readonly source: RecordSource;
  readonly formatKey: string;
}

/** Records why a file is not read; in strict mode, throws instead. */
export type Skip = (path: string, reason: string) => void;

/**
 * Where a file's text can be read: the file itself, its decompressed copy,
 * or the reason it could not be decompressed.
 */
export type StagedFile = { readonly path: string } | { readonly error: unknown };

/**
 * Unpacks a gzip file to `stagedPath` (where a text file with over-long lines
 * is copied too, see `stageTextFile`); Parquet is read where it is. Needs no
 * database, so the next batch can be staged while one is read.
 */
export async function stageFile(file: FlowLogFile, stagedPath: string): Promise<StagedFile> {
  if (file.kind === 'parquet' || file.size === 0) return { path: file.path };
  try {
    return { path: await stageTextFile(file, stagedPath) };
  } catch (error) {
    return { error };
  }
}

/**
 * Makes a staged file ready to read: works out its layout from its header or
 * Parquet schema. Returns undefined, after calling `skip`, for a file that
 * cannot be read.
 */
export async function prepareFile(
  connection: DuckDBConnection,
  file: FlowLogFile,
  staged: StagedFile,
  skip: Skip,
): Promise<ReadyFile | undefined> {
  if (file.size === 0) {
    skip(file.path, 'the file is empty');
    return undefined;
  }

  try {
    if ('error' in staged) throw staged.error;
    if (file.kind === 'parquet') return await prepareParquet(connection, file, skip);
    return await prepareText(file, staged.path, skip);
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
  if (firstLine === undefined || firstLine === CUT_LINE) {
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
