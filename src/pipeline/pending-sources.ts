import { dirname } from 'node:path';
import type { FlowLogFile } from '../flow-logs/find-flow-log-files.js';
import type { SourceVersion } from '../store/batch-usage.js';

/** A flow log file to read, with the version of its source that a batch records as processed. */
export interface PendingFile {
  readonly file: FlowLogFile;
  readonly version: SourceVersion;
}

/** Sources split by what the store knows of them. */
export interface ClassifiedSources<T extends { readonly version: SourceVersion }> {
  readonly fresh: readonly T[];
  /** Processed before, unchanged: skipped. */
  readonly unchanged: number;
  /** Processed before and changed since: reported, never counted twice. */
  readonly changed: readonly string[];
}

/**
 * Splits sources into new ones and those processed before. A source is
 * known by its key (path or `s3://` URL) and its version: size and
 * modification time for files, size and ETag for S3 objects.
 */
export function classifySources<T extends { readonly version: SourceVersion }>(
  sources: readonly T[],
  processed: ReadonlyMap<string, SourceVersion>,
): ClassifiedSources<T> {
  const fresh: T[] = [];
  const changed: string[] = [];
  let unchanged = 0;

  for (const source of sources) {
    const earlier = processed.get(source.version.key);
    if (earlier === undefined) fresh.push(source);
    else if (sameVersion(earlier, source.version)) unchanged++;
    else changed.push(source.version.key);
  }
  return { fresh, unchanged, changed };
}

/**
 * Groups new files into batches, one per directory: in the S3 delivery
 * layout that is one day (or hour) of one account and region, locally as in
 * the download cache. Batches depend only on the files, not on how far an
 * interrupted run got, so a run killed and started again makes the same
 * batches of what is left, and requests and responses are paired within the
 * same files either way.
 */
export function batchByDirectory(files: readonly PendingFile[]): PendingFile[][] {
  const byDirectory = new Map<string, PendingFile[]>();
  for (const pending of files) {
    const directory = dirname(pending.file.path);
    const batch = byDirectory.get(directory) ?? [];
    batch.push(pending);
    byDirectory.set(directory, batch);
  }

  return [...byDirectory.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, batch]) => batch);
}

/** The version of a local file: its path, size and modification time. */
export function fileVersionOf(file: FlowLogFile): SourceVersion {
  return { key: file.path, size: file.size, mtimeMs: file.mtimeMs, etag: null };
}

function sameVersion(a: SourceVersion, b: SourceVersion): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.etag === b.etag;
}
