import type { Inventory } from '../inventory/inventory.js';
import type { BatchUsage, SourceVersion } from './batch-usage.js';
import type { LoadInventoryOptions } from './load-stored-inventory.js';
import type { ProcessedSource } from './processed-sources.js';
import type { PruneResult } from './prune-store.js';
import type { RunOutcome, RunRecord } from './run-log.js';
import type { UsageWindow } from './usage-window.js';

/**
 * What `run`, `report`, `notify` and `remediate` need of a store, whichever
 * it is: the embedded DuckDB file or the DynamoDB tables. Every
 * implementation keeps the exactly-once guarantee of `commitBatch`: a
 * batch's sources and its usage are recorded together or not at all, and a
 * source recorded before fails the batch with ALREADY_PROCESSED.
 */
export interface UsageStore {
  /** Where the store is, for messages: a file path or table names. */
  readonly path: string;
  close(): void;
  saveInventory(inventory: Inventory, at: Date): Promise<void>;
  loadInventory(options?: LoadInventoryOptions): Promise<Inventory>;
  processedSources(): Promise<Map<string, ProcessedSource>>;
  startRun(at: Date): Promise<string>;
  finishRun(runId: string, outcome: RunOutcome, at: Date): Promise<void>;
  listRuns(limit?: number): Promise<RunRecord[]>;
  commitBatch(
    runId: string,
    sources: readonly SourceVersion[],
    usage: BatchUsage,
    at: Date,
  ): Promise<void>;
  readUsage(window?: UsageWindow): Promise<BatchUsage>;
  prune(retainDays: number, now: Date): Promise<PruneResult>;
}
