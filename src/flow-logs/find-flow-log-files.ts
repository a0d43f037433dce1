import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { StaleSgError } from '../errors.js';

/** How a file is read: plain text, gzip-compressed text, or Parquet. */
export type FlowLogFileKind = 'text' | 'gzip' | 'parquet';

export interface FlowLogFile {
  readonly path: string;
  readonly kind: FlowLogFileKind;
  readonly size: number;
  /** Modification time, whole milliseconds: with the size, the version of the file. */
  readonly mtimeMs: number;
}

/** Names of flow log files in a directory; AWS delivers `.log.gz` and `.log.parquet`. */
const FLOW_LOG_NAME = /\.(log|log\.gz|gz|parquet)$/i;

/**
 * Expands files and directories (recursively) into the flow log files to
 * read, sorted by path. A file named explicitly is read whatever its name; in
 * a directory only `.log`, `.log.gz`, `.gz` and `.parquet` files are taken.
 */
export async function findFlowLogFiles(paths: readonly string[]): Promise<FlowLogFile[]> {
  const found = new Map<string, FlowLogFile>();

  for (const path of paths) {
    const info = await stat(path).catch((error: unknown) => {
      throw new StaleSgError('NOT_FOUND', `${path}: cannot read flow logs: ${reasonOf(error)}`, {
        cause: error,
      });
    });
    const files = info.isDirectory() ? await walk(path) : [path];
    for (const file of files) found.set(file, await describe(file));
  }

  return [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && FLOW_LOG_NAME.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

async function describe(path: string): Promise<FlowLogFile> {
  const { size, mtimeMs } = await stat(path);
  return { path, size, mtimeMs: Math.trunc(mtimeMs), kind: await kindOf(path) };
}

async function kindOf(path: string): Promise<FlowLogFileKind> {
  const lower = path.toLowerCase();
  if (lower.endsWith('.parquet')) return 'parquet';
  if (lower.endsWith('.gz')) return 'gzip';
  if (lower.endsWith('.log')) return 'text';
  return sniff(path);
}

/** Tells gzip and Parquet from text by their magic bytes. */
async function sniff(path: string): Promise<FlowLogFileKind> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4), 0, 4, 0);
    if (bytesRead >= 2 && buffer[0] === 0x1f && buffer[1] === 0x8b) return 'gzip';
    if (bytesRead === 4 && buffer.toString('latin1') === 'PAR1') return 'parquet';
    return 'text';
  } finally {
    await handle.close();
  }
}

export function reasonOf(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'no such file or directory' : error.message;
  }
  return String(error);
}
