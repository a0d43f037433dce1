import { alreadyProcessed, refuseRepeatedSources } from '../batch-checks.js';
import { createHash } from 'node:crypto';
import type { Batch } from '../commit-batch.js';
import type { SourceVersion } from '../batch-usage.js';
import type { TableIo } from './dynamodb-io.js';
import { batchKey, batchOpsKey, PENDING_KEY, sourceKey, type Item } from './dynamodb-layout.js';
import { applyOperation } from './apply-operation.js';
import { usageOperations, type UsageOperation } from './usage-operations.js';

/** Characters of the batch log per item: far below the 400 KB item limit. */
const LOG_PART_CHARS = 100_000;
/** Updates in flight at once while a batch is applied. */
const CONCURRENCY = 16;

/** What a batch writes down before it changes any usage: enough to finish it later. */
interface BatchLog {
  readonly runId: string;
  readonly at: string;
  readonly sources: readonly SourceVersion[];
  readonly operations: readonly UsageOperation[];
}

/**
 * The exactly-once step, with condition expressions rather than
 * transactions: dynalite, the local server the tests use, has no
 * TransactWriteItems, and a batch can exceed a transaction's 100 items.
 *
 * 1. Refuse the batch with ALREADY_PROCESSED, writing nothing, when any of
 *    its sources is recorded.
 * 2. Write the batch down: its id joins the `PENDING` set, then its sources
 *    and operations go to `BATCH#<id>` items (the log).
 * 3. Apply it from the log: record the sources, then update each usage item
 *    with a condition that its `lastBatch` is not this batch, setting
 *    `lastBatch` in the same update; an update repeated after a crash finds
 *    its own id and adds nothing. Earliest and latest times are conditional
 *    SETs, which are harmless to repeat.
 * 4. Mark the batch complete and drop it from `PENDING`.
 *
 * A crash anywhere leaves either nothing or a pending batch, which the next
 * `open` or `commitBatch` finishes from its log before anything else is
 * applied: so no other batch touches an item between a batch's first and
 * repeated update, which is what makes `lastBatch` sufficient.
 *
 * Known shortcoming: this relies on one process writing to the tables at a
 * time, as the DuckDB store's file lock enforces; two concurrent writers
 * could interleave updates of one item and count a repeated update twice.
 */
export async function commitDynamoDbBatch(io: TableIo, batch: Batch): Promise<void> {
  refuseRepeatedSources(batch.sources);
  const batchId = batchIdOf(batch);
  const head = await io.get(batchKey(batchId));
  if (head !== undefined && head['completedAt'] !== undefined) {
    throw alreadyProcessed(batch.sources[0]?.key ?? batchId, String(head['runId']));
  }

  await finishPendingBatches(io);
  if (head !== undefined) return;

  await refuseProcessedSources(io, batch.sources);
  await writeLog(io, batchId, {
    runId: batch.runId,
    at: batch.at.toISOString(),
    sources: batch.sources,
    operations: usageOperations(batch.usage),
  });
  await applyLoggedBatch(io, batchId);
}

/** Finishes every batch a crashed or failed commit left pending, oldest first. */
export async function finishPendingBatches(io: TableIo): Promise<void> {
  const pending = await io.get(PENDING_KEY);
  const ids = pending?.['batchIds'];
  if (!(ids instanceof Set)) return;

  const heads: Item[] = [];
  for (const id of ids as Set<string>) {
    const head = await io.get(batchKey(id));
    if (head === undefined) await dropPending(io, id);
    else heads.push(head);
  }
  heads.sort((a, b) => String(a['at']).localeCompare(String(b['at'])));
  for (const head of heads) {
    const batchId = String(head['batchId']);
    if (head['completedAt'] === undefined) await applyLoggedBatch(io, batchId);
    else await dropPending(io, batchId);
  }
}

/** Run and sources identify a batch: a retry of the same commit finds its own log. */
function batchIdOf(batch: Batch): string {
  const keys = batch.sources.map((source) => source.key).sort();
  return createHash('sha256')
    .update(JSON.stringify([batch.runId, keys]))
    .digest('hex');
}

async function writeLog(io: TableIo, batchId: string, log: BatchLog): Promise<void> {
  await io.update(PENDING_KEY, {
    UpdateExpression: 'SET #kind = :kind ADD batchIds :ids',
    ExpressionAttributeNames: { '#kind': 'kind' },
    ExpressionAttributeValues: { ':kind': 'pending', ':ids': new Set([batchId]) },
  });

  const text = JSON.stringify(log);
  const parts: Item[] = [];
  for (let start = 0; start < text.length || parts.length === 0; start += LOG_PART_CHARS) {
    const part = text.slice(start, start + LOG_PART_CHARS);
    parts.push({ ...batchOpsKey(batchId, parts.length), kind: 'batch-ops', part });
  }
  await io.putAll(parts);

  await io.put({ ...batchKey(batchId), kind: 'batch', batchId, runId: log.runId, at: log.at });
}

async function applyLoggedBatch(io: TableIo, batchId: string): Promise<void> {
  const log = await readLog(io, batchId);
  await io.putAll(log.sources.map((source) => sourceItem(source, batchId, log)));

  await applyAll(io, batchId, log.operations);

  await io.update(batchKey(batchId), {
    UpdateExpression: 'SET completedAt = :now',
    ExpressionAttributeValues: { ':now': new Date().toISOString() },
  });
  await dropPending(io, batchId);
}

/**
 * Applies the operations, a few at a time. After a failure no new one
 * starts, and the failure is thrown once those in flight have settled, so
 * nothing of this call still writes when a retry begins.
 */
async function applyAll(
  io: TableIo,
  batchId: string,
  operations: readonly UsageOperation[],
): Promise<void> {
  const queue = [...operations];
  let failed = false;
  const worker = async () => {
    for (let next = queue.shift(); next !== undefined && !failed; next = queue.shift()) {
      try {
        await applyOperation(io, batchId, next);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };

  const settled = await Promise.allSettled(Array.from({ length: CONCURRENCY }, worker));
  const failure = settled.find((result) => result.status === 'rejected');
  if (failure !== undefined) throw failure.reason;
}

async function readLog(io: TableIo, batchId: string): Promise<BatchLog> {
  const items = await io.query(batchKey(batchId).pk);
  const parts = items.filter((item) => item['kind'] === 'batch-ops');
  return JSON.parse(parts.map((item) => String(item['part'])).join('')) as BatchLog;
}

function sourceItem(source: SourceVersion, batchId: string, log: BatchLog): Item {
  return {
    ...sourceKey(source.key),
    kind: 'source',
    ...source,
    runId: log.runId,
    processedAt: log.at,
    batchId,
  };
}

async function dropPending(io: TableIo, batchId: string): Promise<void> {
  await io.update(PENDING_KEY, {
    UpdateExpression: 'DELETE batchIds :ids',
    ExpressionAttributeValues: { ':ids': new Set([batchId]) },
  });
}

async function refuseProcessedSources(
  io: TableIo,
  sources: readonly SourceVersion[],
): Promise<void> {
  for (const source of sources) {
    const stored = await io.get(sourceKey(source.key));
    if (stored !== undefined) throw alreadyProcessed(source.key, String(stored['runId']));
  }
}
