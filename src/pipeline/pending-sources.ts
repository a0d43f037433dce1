import { dirname } from 'node:path';
import type { FlowLogFile } from '../flow-logs/find-flow-log-files.js';
import type { SourceVersion } from '../store/batch-usage.js';

/** A flow log file with the version of it that a batch records as processed. */
export interface PendingFile {
  readonly file: FlowLogFile;
  readonly version: SourceVersion;
}

export interface PendingSources {
  /** New files, grouped into batches; each batch commits on its own. */
  readonly batches: readonly (readonly PendingFile[])[];
  /** Files processed before, unchanged: skipped. */
  readonly unchanged: number;
  /** Files processed before that have changed since: reported, never counted twice. */
  readonly changed: readonly string[];
}

/**
 * Splits the files of a run into those already processed and batches of new
 * ones. A batch is the new files of one directory: in the S3 delivery layout
 * that is one day (or hour) of one account and region. Batches depend only on
 * the files, not on how far an interrupted run got, so a run killed and
 * started again makes the same batches of what is left, and requests and
 * responses are paired within the same files either way.
 */
export function pendingSources(
  files: readonly FlowLogFile[],
  processed: ReadonlyMap<string, SourceVersion>,
): PendingSources {
  const byDirectory = new Map<string, PendingFile[]>();
  const changed: string[] = [];
  let unchanged = 0;

  for (const file of files) {
    const version = versionOf(file);
    const earlier = processed.get(file.path);
    if (earlier !== undefined) {
      if (sameVersion(earlier, version)) unchanged++;
      else changed.push(file.path);
      continue;
    }

    const directory = dirname(file.path);
    const batch = byDirectory.get(directory) ?? [];
    batch.push({ file, version });
    byDirectory.set(directory, batch);
  }

  const batches = [...byDirectory.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, batch]) => batch);
  return { batches, unchanged, changed };
}

function versionOf(file: FlowLogFile): SourceVersion {
  return { key: file.path, size: file.size, mtimeMs: file.mtimeMs, etag: null };
}

function sameVersion(a: SourceVersion, b: SourceVersion): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.etag === b.etag;
}
