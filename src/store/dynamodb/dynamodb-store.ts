import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isStaleSgError, StaleSgError } from '../../errors.js';
import type { Inventory } from '../../inventory/inventory.js';
import type { BatchUsage, SourceVersion } from '../batch-usage.js';
import type { LoadInventoryOptions } from '../load-stored-inventory.js';
import type { ProcessedSource } from '../processed-sources.js';
import type { PruneResult } from '../prune-store.js';
import type { RunOutcome, RunRecord } from '../run-log.js';
import { storeFailure } from '../store-failure.js';
import type { UsageStore } from '../usage-store.js';
import type { UsageWindow } from '../usage-window.js';
import { commitDynamoDbBatch, finishPendingBatches } from './dynamodb-commit.js';
import { loadDynamoDbInventory, saveDynamoDbInventory } from './dynamodb-inventory.js';
import { TableIo } from './dynamodb-io.js';
import { DEFAULT_RULES_TABLE, DEFAULT_USAGE_TABLE } from './dynamodb-layout.js';
import { pruneDynamoDb, readDynamoDbSources } from './dynamodb-prune.js';
import { readDynamoDbUsage } from './dynamodb-read-usage.js';
import { finishDynamoDbRun, listDynamoDbRuns, startDynamoDbRun } from './dynamodb-runs.js';
import { ensureTable } from './dynamodb-tables.js';

export interface DynamoDbStoreOptions {
  /** The inventory table; `sg-analysis-rules-data` by default. */
  readonly rulesTable?: string;
  /** The usage table; `sg-analysis-rules-usage` by default. */
  readonly usageTable?: string;
  /** Create missing tables (on-demand billing) instead of failing. */
  readonly createTables?: boolean;
  /** Used only when no `client` is given; else the SDK's default region chain. */
  readonly region?: string;
  /** A client of the caller's, left open by `close`; tests point one at dynalite. */
  readonly client?: DynamoDBClient;
}

/**
 * How long each attempt waits to connect, and for the next bytes of an
 * answer. The SDK has no timeouts of its own: an endpoint that takes the
 * connection and never answers would hold a run for ever.
 */
export const DYNAMODB_TIMEOUTS = { connectionTimeout: 10_000, socketTimeout: 30_000 } as const;

/**
 * The store in two DynamoDB tables, for the Lambda deployment where no
 * file survives between runs. Same contract as the DuckDB store, including
 * exactly-once batches (see `commitDynamoDbBatch`); the tables' layout is
 * described in `dynamodb-layout.ts`.
 *
 * One process at a time, as with the DuckDB store, though DynamoDB cannot
 * enforce it. Calls on one store run one after another, in call order.
 */
export class DynamoDbStore implements UsageStore {
  readonly path: string;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly client: DynamoDBClient,
    private readonly ownsClient: boolean,
    private readonly rules: TableIo,
    private readonly usage: TableIo,
  ) {
    this.path = `dynamodb:${rules.table},${usage.table}`;
  }

  /**
   * Checks (or creates) both tables and finishes any batch a crashed
   * process left pending, so what is read next is whole.
   */
  static async open(options: DynamoDbStoreOptions = {}): Promise<DynamoDbStore> {
    const rulesTable = options.rulesTable ?? DEFAULT_RULES_TABLE;
    const usageTable = options.usageTable ?? DEFAULT_USAGE_TABLE;
    const ownsClient = options.client === undefined;
    const client =
      options.client ??
      new DynamoDBClient({
        ...(options.region === undefined ? {} : { region: options.region }),
        retryMode: 'adaptive',
        requestHandler: DYNAMODB_TIMEOUTS,
      });
    const documents = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true },
    });

    try {
      await ensureTable(client, rulesTable, options.createTables === true);
      await ensureTable(client, usageTable, options.createTables === true);
      const usage = new TableIo(documents, usageTable);
      await finishPendingBatches(usage);
      return new DynamoDbStore(client, ownsClient, new TableIo(documents, rulesTable), usage);
    } catch (error) {
      if (ownsClient) client.destroy();
      throw storeFailure(error, `opening the DynamoDB store ${rulesTable}, ${usageTable}`);
    }
  }

  /** Stops further calls; destroys the client if the store made it. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.ownsClient) this.client.destroy();
  }

  saveInventory(inventory: Inventory, at: Date): Promise<void> {
    return this.exclusive('saving an inventory snapshot', () =>
      saveDynamoDbInventory(this.rules, inventory, at),
    );
  }

  loadInventory(options: LoadInventoryOptions = {}): Promise<Inventory> {
    return this.exclusive('loading the inventory', () =>
      loadDynamoDbInventory(this.rules, options),
    );
  }

  processedSources(): Promise<Map<string, ProcessedSource>> {
    return this.exclusive('reading the processed sources', () => readDynamoDbSources(this.usage));
  }

  startRun(at: Date): Promise<string> {
    return this.exclusive('starting a run', () => startDynamoDbRun(this.usage, at));
  }

  finishRun(runId: string, outcome: RunOutcome, at: Date): Promise<void> {
    return this.exclusive(`finishing run ${runId}`, () =>
      finishDynamoDbRun(this.usage, runId, outcome, at),
    );
  }

  listRuns(limit = 20): Promise<RunRecord[]> {
    return this.exclusive('listing runs', () => listDynamoDbRuns(this.usage, limit));
  }

  /**
   * Records `sources` as processed by `runId` and merges `usage` exactly
   * once; a source already recorded fails the batch with ALREADY_PROCESSED
   * before anything is written. Retrying after a failure finishes the batch.
   */
  commitBatch(
    runId: string,
    sources: readonly SourceVersion[],
    usage: BatchUsage,
    at: Date,
  ): Promise<void> {
    return this.exclusive('committing a batch', () =>
      commitDynamoDbBatch(this.usage, { runId, sources, usage, at }),
    );
  }

  readUsage(window?: UsageWindow): Promise<BatchUsage> {
    return this.exclusive('reading usage', () => readDynamoDbUsage(this.usage, window));
  }

  prune(retainDays: number, now: Date): Promise<PruneResult> {
    return this.exclusive('pruning', () => pruneDynamoDb(this.usage, retainDays, now));
  }

  /** Runs `work` after every call before it has settled, so batches apply in call order. */
  private exclusive<T>(doing: string, work: () => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      if (this.closed) throw new StaleSgError('STORE_FAILURE', `the store ${this.path} is closed`);
      try {
        return await work();
      } catch (error) {
        throw withContext(error, `${doing} in the store ${this.path} failed`);
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }
}

/**
 * The failing call's own line (a table, an action, what to fix) after what
 * the store was doing: a commit that failed reads differently from a
 * report that did. Other errors keep their code and message.
 */
function withContext(error: unknown, doing: string): Error {
  if (!isStaleSgError(error)) return storeFailure(error, doing);
  if (error.code !== 'STORE_FAILURE') return error;
  return new StaleSgError('STORE_FAILURE', `${doing}: ${error.message}`, { cause: error });
}
