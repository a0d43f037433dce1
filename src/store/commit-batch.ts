import { alreadyProcessed, refuseRepeatedSources } from './batch-checks.js';
import { TIMESTAMPTZ, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import { BATCH_STAGING_TABLES, stageBatch } from './batch-staging.js';
import type { BatchUsage, SourceVersion } from './batch-usage.js';
import { inTransaction } from './in-transaction.js';
import { ALREADY_PROCESSED_SQL, INSERT_SOURCES_SQL, MERGE_BATCH_SQL } from './merge-batch-sql.js';
import { storeFailure } from './store-failure.js';
import { dropStaged } from './stage-rows.js';
import { instantValue } from './store-values.js';

/** One batch as a run hands it to the store. */
export interface Batch {
  readonly runId: string;
  readonly sources: readonly SourceVersion[];
  readonly usage: BatchUsage;
  readonly at: Date;
}

/**
 * The exactly-once step. The batch's rows are staged first; then one
 * transaction records its sources as processed and merges its usage. If any
 * source is already recorded the transaction is rolled back and
 * ALREADY_PROCESSED names it; if anything else fails, it is rolled back as
 * well. So the store holds a batch's usage exactly when it holds its
 * sources, and a process killed at any moment loses or repeats nothing:
 * the next run finds the sources either recorded or not.
 */
export async function commitBatch(
  connection: DuckDBConnection,
  path: string,
  batch: Batch,
): Promise<void> {
  refuseRepeatedSources(batch.sources);
  try {
    await stageBatch(connection, batch.sources, batch.usage);
    await inTransaction(connection, () => mergeStaged(connection, batch));
  } catch (error) {
    const count = batch.sources.length;
    const what = `committing a batch of ${count} flow log source${count === 1 ? '' : 's'}`;
    throw storeFailure(error, `${what} to ${path} failed, and none of it was recorded`);
  } finally {
    await dropStaged(connection, BATCH_STAGING_TABLES);
  }
}

async function mergeStaged(connection: DuckDBConnection, batch: Batch): Promise<void> {
  await refuseProcessedSources(connection);

  await connection.run(
    INSERT_SOURCES_SQL,
    { run_id: batch.runId, processed_at: instantValue(batch.at) },
    { run_id: VARCHAR, processed_at: TIMESTAMPTZ },
  );

  for (const sql of MERGE_BATCH_SQL) await connection.run(sql);
}

/** A source already in the store: counting it again would double its usage. */
async function refuseProcessedSources(connection: DuckDBConnection): Promise<void> {
  const reader = await connection.runAndReadAll(ALREADY_PROCESSED_SQL);
  const [key, runId] = reader.getRows()[0] ?? [];
  if (key === undefined) return;

  throw alreadyProcessed(String(key), String(runId));
}
