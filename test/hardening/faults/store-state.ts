import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { storedReport } from '../../../src/pipeline/stored-report.js';
import { formatReport } from '../../../src/report/format-report.js';
import { DuckDbStore } from '../../../src/store/duckdb-store.js';
import type { UsageStore } from '../../../src/store/usage-store.js';
import type { RunRecord } from '../../../src/store/run-log.js';

/** What a store says it has processed: each source's version, by key. */
export type ProcessedFiles = Record<string, string>;

/** The processed sources of a DuckDB store, opened and closed in this process. */
export async function processedFiles(db: string): Promise<ProcessedFiles> {
  const store = await DuckDbStore.open(db);
  try {
    const sources = await store.processedSources();
    return Object.fromEntries(
      [...sources.values()]
        .sort((a, b) => (a.key < b.key ? -1 : 1))
        .map((s) => [s.key, `${s.size}/${s.mtimeMs ?? ''}/${s.etag ?? ''}`]),
    );
  } finally {
    store.close();
  }
}

/** Every flow log file under `dir`, as `processedFiles` would name them. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

export async function runsOf(db: string): Promise<RunRecord[]> {
  const store = await DuckDbStore.open(db);
  try {
    return await store.listRuns(1000);
  } finally {
    store.close();
  }
}

/**
 * What `stale-sg report --format json` prints for a store, without the
 * time it was made: per-rule hits, packets, bytes, first and last seen,
 * verdicts, findings and the daily history. Made in this process, by the
 * same code, a process start cheaper.
 */
export async function reportOfStore(store: UsageStore): Promise<Record<string, unknown>> {
  const report = JSON.parse(formatReport(await storedReport(store), 'json')) as Record<
    string,
    unknown
  >;
  delete report['generatedAt'];
  return report;
}

/** `reportOfStore` of a DuckDB file, opened and closed here. */
export async function reportOfDuckDb(db: string): Promise<Record<string, unknown>> {
  const store = await DuckDbStore.open(db);
  try {
    return await reportOfStore(store);
  } finally {
    store.close();
  }
}

/** The report files of a directory that do not parse: a report cut off half-way. */
export async function brokenReports(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const broken: string[] = [];
  for (const name of names.filter((n) => n.endsWith('.json'))) {
    try {
      JSON.parse(await readFile(join(dir, name), 'utf8'));
    } catch {
      broken.push(name);
    }
  }
  return broken;
}
