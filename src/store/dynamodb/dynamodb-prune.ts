import type { ProcessedSource } from '../processed-sources.js';
import type { PruneResult } from '../prune-store.js';
import { retentionHorizon } from '../retention-horizon.js';
import { utcDayOf } from '../utc-days.js';
import type { TableIo } from './dynamodb-io.js';
import type { Item, ItemKey } from './dynamodb-layout.js';
import { count, optionalNumber, optionalText, text } from './dynamodb-values.js';

/** Kinds with one item per UTC day (and key); items without a day are never pruned. */
const DAILY_KINDS = ['daily', 'coverage', 'rejected', 'counts'];

/**
 * Deletes, as the DuckDB store does, the daily items of days before the
 * retention horizon and the records of sources processed before it, with
 * the completed batch logs of that time. Totals, ports, peers, overlaps,
 * the inventory and the runs stay. See `retentionHorizon` for why a run
 * with retention must skip flow logs older than the horizon.
 */
export async function pruneDynamoDb(
  io: TableIo,
  retainDays: number,
  now: Date,
): Promise<PruneResult> {
  const horizon = retentionHorizon(retainDays, now);
  const horizonDay = utcDayOf(horizon);
  const items = await io.scanKinds([...DAILY_KINDS, 'source', 'batch']);

  const daily = items.filter((item) => {
    const day = optionalText(item['day']);
    return DAILY_KINDS.includes(text(item['kind'])) && day !== null && day < horizonDay;
  });
  const old = (item: Item) => new Date(text(item['processedAt'] ?? item['at'])) < horizon;
  const sources = items.filter((item) => item['kind'] === 'source' && old(item));
  const batches = items.filter(
    (item) => item['kind'] === 'batch' && item['completedAt'] !== undefined && old(item),
  );

  await io.deleteAll([...daily, ...sources].map(keyOf));
  for (const batch of batches) await io.deleteAll((await io.query(text(batch['pk']))).map(keyOf));
  return { dailyRows: daily.length, sources: sources.length };
}

/** Every recorded source by key, from one Scan. */
export async function readDynamoDbSources(io: TableIo): Promise<Map<string, ProcessedSource>> {
  const sources = new Map<string, ProcessedSource>();
  for (const item of await io.scanKinds(['source'])) {
    const key = text(item['key']);
    sources.set(key, {
      key,
      size: count(item['size']),
      mtimeMs: optionalNumber(item['mtimeMs']),
      etag: optionalText(item['etag']),
      runId: text(item['runId']),
      processedAt: new Date(text(item['processedAt'])),
    });
  }
  return sources;
}

function keyOf(item: Item): ItemKey {
  return { pk: text(item['pk']), sk: text(item['sk']) };
}
