/**
 * Test helpers that put flow records on disk as AWS delivers them to S3: a
 * text file with a header line naming the fields (or none, for the default
 * format), optionally gzipped.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

import type { FlowLogField } from '../../src/flow-logs/flow-log-fields.js';
import type { FlowRecord } from '../../src/flow-logs/flow-record.js';
import { DEFAULT_FORMAT } from '../../src/flow-logs/flow-log-fields.js';
import { formatFlowRecord } from '../../src/flow-logs/format-flow-record.js';

const gzipAsync = promisify(gzip);

export interface WriteFlowLogOptions {
  /** The fields of each line, in order; DEFAULT_FORMAT by default. */
  readonly fields?: readonly FlowLogField[];
  /** Whether the first line names the fields; true by default. */
  readonly header?: boolean;
  readonly gzip?: boolean;
  /** The file name without extension; `flow-log` by default. */
  readonly name?: string;
}

/** Writes the records to `dir` and returns the file's path (`.log`, or `.log.gz`). */
export async function writeFlowLog(
  dir: string,
  records: readonly FlowRecord[],
  options: WriteFlowLogOptions = {},
): Promise<string> {
  const fields = options.fields ?? DEFAULT_FORMAT;
  const header = options.header ?? true;

  const lines = records.map((record) => formatFlowRecord(record, fields));
  const text = [...(header ? [fields.join(' ')] : []), ...lines]
    .map((line) => `${line}\n`)
    .join('');

  const path = join(dir, `${options.name ?? 'flow-log'}.log${options.gzip === true ? '.gz' : ''}`);
  const content = options.gzip === true ? await gzipAsync(text) : text;
  await writeFile(path, content);
  return path;
}

/** Runs `use` with a fresh temporary directory, and removes the directory afterwards. */
export async function withTempDir<T>(use: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'stale-sg-test-'));
  try {
    return await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
