/**
 * Test helpers that read back what the demo wrote: file lists, text flow logs
 * (header and lines) and Parquet files (through DuckDB).
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** Runs `body` with a fresh temporary directory and removes it afterwards. */
export async function withTempDir<T>(body: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'stale-sg-demo-'));
  try {
    return await body(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Every file under `dir`, as sorted paths relative to it. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

export interface TextFlowLog {
  readonly header: string;
  /** Each line split into fields, the header excluded. */
  readonly rows: readonly (readonly string[])[];
}

export async function readTextFlowLog(path: string): Promise<TextFlowLog> {
  const text = gunzipSync(await readFile(path)).toString('utf8');
  const [header = '', ...lines] = text.trimEnd().split('\n');
  return { header, rows: lines.map((line) => line.split(' ')) };
}

/** A text flow log's rows as objects keyed by the header's field names. */
export function rowObjects(log: TextFlowLog): Record<string, string>[] {
  const fields = log.header.split(' ');
  return log.rows.map((row) => Object.fromEntries(fields.map((field, i) => [field, row[i] ?? ''])));
}

export interface ParquetFile {
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  readonly rows: readonly Record<string, unknown>[];
}

/** Reads Parquet files with DuckDB, which opens and closes its own instance. */
export async function readParquetFiles(paths: readonly string[]): Promise<ParquetFile[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const files: ParquetFile[] = [];
    for (const path of paths) {
      const described = await connection.runAndReadAll('DESCRIBE SELECT * FROM read_parquet($1)', [
        path,
      ]);
      const columns = described.getRowObjects().map((row) => ({
        name: String(row['column_name']),
        type: String(row['column_type']),
      }));
      const read = await connection.runAndReadAll('SELECT * FROM read_parquet($1)', [path]);
      files.push({ columns, rows: read.getRowObjectsJS() });
    }
    return files;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
