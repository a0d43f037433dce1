import type { UsageStore } from './usage-store.js';
import type { DuckDBConnection } from '@duckdb/node-api';
import { StaleSgError } from '../errors.js';
import type { Inventory } from '../inventory/inventory.js';
import type { BatchUsage, SourceVersion } from './batch-usage.js';
import { commitBatch } from './commit-batch.js';
import { describeStore, type StoreDescription } from './describe-store.js';
import { loadStoredInventory, type LoadInventoryOptions } from './load-stored-inventory.js';
import { migrateStore } from './migrations.js';
import { openStoreDatabase, type StoreDatabase } from './open-store-database.js';
import { readProcessedSources, type ProcessedSource } from './processed-sources.js';
import { pruneStore, type PruneResult } from './prune-store.js';
import { readStoredUsage } from './read-stored-usage.js';
import { finishRun, listRuns, startRun, type RunOutcome, type RunRecord } from './run-log.js';
import { saveInventorySnapshot } from './save-inventory-snapshot.js';
import { storeFailure } from './store-failure.js';
import type { UsageWindow } from './usage-window.js';

/** Where the store lives unless told otherwise, relative to the working directory. */
export const DEFAULT_STORE_PATH = '.stale-sg/stale-sg.duckdb';

/**
 * The embedded store: one DuckDB file with inventory snapshots, usage
 * history, the flow log sources already processed and a log of runs (the
 * tables are described in `store-schema.ts`). A batch's sources and usage
 * commit in one transaction, so runs can be repeated or killed at any
 * moment without counting anything twice.
 *
 * One process at a time: DuckDB locks the file, and a second process gets
 * STORE_IN_USE. Calls on one store run one after another, in call order.
 */
export class DuckDbStore implements UsageStore {
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(private readonly database: StoreDatabase) {}

  /**
   * Opens the store at `path`, creating the file and its directories, and
   * migrates its schema forward. Fails with STORE_IN_USE when another
   * process has it open, and with STORE_FAILURE when the file cannot be
   * created or opened, or was written by a newer stale-sg.
   */
  static async open(path: string = DEFAULT_STORE_PATH): Promise<DuckDbStore> {
    const database = await openStoreDatabase(path);
    try {
      await migrateStore(database.connection, path);
      return new DuckDbStore(database);
    } catch (error) {
      database.close();
      throw storeFailure(error, `cannot prepare the schema of the store ${path}`);
    }
  }

  get path(): string {
    return this.database.path;
  }

  /** Closes the file; call it once pending calls have settled. Later calls do nothing. */
  close(): void {
    this.closed = true;
    this.database.close();
  }

  /** Records an inventory snapshot taken at `at`; see `saveInventorySnapshot`. */
  saveInventory(inventory: Inventory, at: Date): Promise<void> {
    return this.exclusive('saving an inventory snapshot', (connection) =>
      saveInventorySnapshot(connection, inventory, at),
    );
  }

  /** The latest inventory; with `includeGone`, also the interfaces that have gone. */
  loadInventory(options: LoadInventoryOptions = {}): Promise<Inventory> {
    return this.exclusive('loading the inventory', (connection) =>
      loadStoredInventory(connection, options),
    );
  }

  processedSources(): Promise<Map<string, ProcessedSource>> {
    return this.exclusive('reading the processed sources', readProcessedSources);
  }

  startRun(at: Date): Promise<string> {
    return this.exclusive('starting a run', (connection) => startRun(connection, at));
  }

  finishRun(runId: string, outcome: RunOutcome, at: Date): Promise<void> {
    return this.exclusive(`finishing run ${runId}`, (connection) =>
      finishRun(connection, runId, outcome, at),
    );
  }

  listRuns(limit = 20): Promise<RunRecord[]> {
    return this.exclusive('listing runs', (connection) => listRuns(connection, limit));
  }

  /**
   * Records `sources` as processed by `runId` and merges `usage`, all in one
   * transaction, or nothing. A source already recorded fails the whole
   * batch with ALREADY_PROCESSED.
   */
  commitBatch(
    runId: string,
    sources: readonly SourceVersion[],
    usage: BatchUsage,
    at: Date,
  ): Promise<void> {
    return this.exclusive('committing a batch', (connection) =>
      commitBatch(connection, this.path, { runId, sources, usage, at }),
    );
  }

  /** The accumulated usage, all-time or over the whole UTC days of `window`. */
  readUsage(window?: UsageWindow): Promise<BatchUsage> {
    return this.exclusive('reading usage', (connection) => readStoredUsage(connection, window));
  }

  /** Deletes daily rows and processed-source records past the horizon; see `pruneStore`. */
  prune(retainDays: number, now: Date): Promise<PruneResult> {
    return this.exclusive('pruning', (connection) => pruneStore(connection, retainDays, now));
  }

  describe(): Promise<StoreDescription> {
    return this.exclusive('describing the store', (connection) =>
      describeStore(connection, this.path),
    );
  }

  /**
   * Runs `work` after every call before it has settled: a transaction on
   * the store's one connection must not interleave with another call.
   */
  private exclusive<T>(doing: string, work: (connection: DuckDBConnection) => Promise<T>) {
    const run = async (): Promise<T> => {
      if (this.closed) throw new StaleSgError('STORE_FAILURE', `the store ${this.path} is closed`);
      try {
        return await work(this.database.connection);
      } catch (error) {
        throw storeFailure(error, `${doing} in the store ${this.path} failed`);
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
