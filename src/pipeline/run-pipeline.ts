import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { attributeFiles } from '../attribution/attribute-files.js';
import { loadInventoryWithLocations } from '../aws/group-locations.js';
import type { ProgressEvent } from '../analyze.js';
import type { LoadedInventory } from '../inventory/load-inventory.js';
import type { SkippedSource } from '../report/report.js';
import type { BatchUsage } from '../store/batch-usage.js';
import { DuckDbStore } from '../store/duckdb-store.js';
import type { UsageStore } from '../store/usage-store.js';
import { retentionHorizon } from '../store/retention-horizon.js';
import { batchByDirectory, type PendingFile } from './pending-sources.js';
import { resolveFlowLogSources, type S3SourceOptions } from './resolve-flow-log-sources.js';

/** Where `run` keeps S3 downloads until every batch has committed: beside the store. */
function s3CacheBeside(storePath: string): string {
  return join(dirname(storePath), 's3-cache');
}
import { storedReport, type StoredReport } from './stored-report.js';

export interface RunOptions {
  /**
   * A directory of AWS CLI exports, or an inventory already loaded (as
   * collected from the EC2 API); either is stored as a snapshot.
   */
  readonly inventory: { readonly dir: string } | LoadedInventory;
  readonly flowLogs: readonly string[];
  /** The store file; `.stale-sg/stale-sg.duckdb` by default. */
  readonly dbPath?: string;
  /** Opens another store instead of the DuckDB file (DynamoDB); the run closes it. */
  readonly store?: () => Promise<UsageStore>;
  readonly staleAfterDays?: number;
  /** Prune daily history and processed-source records older than this many days. */
  readonly retainDays?: number;
  readonly ephemeralPorts?: { readonly from: number; readonly to: number };
  readonly strict?: boolean;
  readonly tempDir?: string;
  /** DuckDB's memory limit, such as `512MB` (the default) or `2GB`; past it, work spills to disk. */
  readonly memoryLimit?: string;
  /** How to reach `s3://` flow log locations; downloads are cached in `s3-cache` beside the store. */
  readonly s3?: Partial<S3SourceOptions>;
  readonly now?: Date;
  /** Called as the run enters each step; for logs, and for tests that interrupt a run. */
  readonly onStep?: (step: RunStep) => void;
  /** Files and bytes of the new flow logs read so far, over all batches. */
  readonly onProgress?: (event: ProgressEvent) => void;
}

/**
 * The steps of a run, in order: the inventory snapshot, then for each batch
 * its reading and attribution (`ingest`) and its commit (`merge`), then
 * the report over the whole store.
 */
export type RunStep =
  | { readonly step: 'inventory' }
  | {
      readonly step: 'ingest' | 'merge';
      readonly batch: number;
      readonly batches: number;
      readonly files: number;
    }
  | { readonly step: 'report' };

export interface RunResult {
  readonly runId: string;
  readonly newFiles: number;
  readonly unchangedFiles: number;
  /** Files processed before that have changed since: reported, not counted again. */
  readonly changedFiles: readonly string[];
  readonly skipped: readonly SkippedSource[];
  readonly records: number;
  readonly report: StoredReport;
}

/**
 * The whole pipeline, as a scheduled job runs it: stores an inventory
 * snapshot, reads only the flow log files not processed before, attributes
 * them batch by batch, and merges each batch's usage into the store in one
 * transaction with the record of its files. A run killed at any moment
 * loses or duplicates nothing: the next run redoes exactly the batches that
 * did not commit.
 */
export async function runPipeline(options: RunOptions): Promise<RunResult> {
  const now = options.now ?? new Date();
  const store =
    options.store !== undefined ? await options.store() : await DuckDbStore.open(options.dbPath);
  try {
    const runId = await store.startRun(now);
    const committed: Committed = { files: 0, records: 0 };
    try {
      const result = await runInStore(store, runId, options, now, committed);
      await store.finishRun(
        runId,
        { status: 'succeeded', files: result.newFiles, records: result.records },
        new Date(),
      );
      return result;
    } catch (error) {
      await recordFailure(store, runId, committed, error);
      throw error;
    }
  } finally {
    store.close();
  }
}

/** What a run has committed so far: the batches before a failure stay in the store. */
interface Committed {
  files: number;
  records: number;
}

/**
 * Marks the run failed with the error's message. When that fails too (the
 * store is what failed: a full disk, DynamoDB out of reach), the original
 * error is what the user must see, so this one is dropped; the next run
 * marks the run 'interrupted' instead.
 */
async function recordFailure(
  store: UsageStore,
  runId: string,
  committed: Committed,
  error: unknown,
): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  try {
    await store.finishRun(runId, { status: 'failed', ...committed, message }, new Date());
  } catch {
    // Reported by the error the caller throws.
  }
}

async function runInStore(
  store: UsageStore,
  runId: string,
  options: RunOptions,
  now: Date,
  committed: Committed,
): Promise<RunResult> {
  const { inventory, warnings } =
    'dir' in options.inventory
      ? await loadInventoryWithLocations(options.inventory.dir)
      : options.inventory;
  options.onStep?.({ step: 'inventory' });
  await store.saveInventory(inventory, now);
  const matching = await store.loadInventory({ includeGone: true });

  // Pruning forgets old processed files; records before the horizon are
  // left out so that such a file, read again, adds nothing.
  const horizon =
    options.retainDays === undefined ? undefined : retentionHorizon(options.retainDays, now);

  const sources = await resolveFlowLogSources(options.flowLogs, {
    s3: { ...options.s3, cacheDir: options.s3?.cacheDir ?? s3CacheBeside(store.path) },
    since: horizon,
    processed: await store.processedSources(),
  });
  const batches = batchByDirectory(sources.files);
  const skipped: SkippedSource[] = [...sources.failed];
  const total = { files: sources.files.length, bytes: sumOfSizes(sources.files) };
  const before = { files: 0, bytes: 0 };

  for (const [index, batch] of batches.entries()) {
    const position = { batch: index + 1, batches: batches.length, files: batch.length };
    options.onStep?.({ step: 'ingest', ...position });
    const result = await attributeFiles(
      matching,
      batch.map((p) => p.file),
      {
        since: horizon === undefined ? undefined : horizon.getTime() / 1000,
        strict: options.strict === true,
        tempDir: options.tempDir ?? tmpdir(),
        memoryLimit: options.memoryLimit,
        ephemeralPorts: options.ephemeralPorts ?? { from: 32768, to: 65535 },
        evidence: true,
        onProgress: (done) =>
          options.onProgress?.({
            filesDone: before.files + done.files,
            filesTotal: total.files,
            bytesDone: before.bytes + done.bytes,
            bytesTotal: total.bytes,
          }),
      },
    );
    before.files += batch.length;
    before.bytes += sumOfSizes(batch);
    if (result.evidence === null) throw new Error('attributeFiles returned no evidence');

    const usage: BatchUsage = {
      totals: [...result.attribution.usage.values()],
      evidence: result.evidence,
      counts: result.attribution.counts,
    };
    options.onStep?.({ step: 'merge', ...position });
    const read = readSources(batch, result.skipped);
    await store.commitBatch(runId, read, usage, now);
    committed.files += read.length;

    skipped.push(...result.skipped);
    committed.records +=
      result.attribution.counts.records + result.attribution.counts.malformedRecords;
  }

  // Only now that every batch has committed: an interrupted run resumes
  // from the downloads already in the cache.
  options.onStep?.({ step: 'report' });
  await sources.cleanup();
  if (options.retainDays !== undefined) await store.prune(options.retainDays, now);

  const changed = sources.changed.map(
    (path) => `${path} has changed since it was processed; it is not counted again`,
  );
  const report = await storedReport(store, {
    staleAfterDays: options.staleAfterDays,
    now,
    sources: {
      files: sources.files.length + sources.unchanged + sources.changed.length,
      bytes: sources.bytes,
      skipped,
    },
    warnings: [...warnings, ...changed],
  });

  return {
    runId,
    newFiles: sources.files.length,
    unchangedFiles: sources.unchanged,
    changedFiles: sources.changed,
    skipped,
    records: committed.records,
    report,
  };
}

/** Files that could not be read are not recorded: the next run tries them again. */
function readSources(batch: readonly PendingFile[], skipped: readonly SkippedSource[]) {
  const unread = new Set(skipped.map((s) => s.path));
  return batch.filter((p) => !unread.has(p.file.path)).map((p) => p.version);
}

function sumOfSizes(files: readonly PendingFile[]): number {
  return files.reduce((sum, pending) => sum + pending.file.size, 0);
}
