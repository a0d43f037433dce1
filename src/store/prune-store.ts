import { TIMESTAMPTZ, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import { inTransaction } from './in-transaction.js';
import { retentionHorizon } from './retention-horizon.js';
import { instantValue, utcDayOf } from './store-values.js';

/** What one prune deleted. */
export interface PruneResult {
  /** Rows of the daily tables: usage, coverage, rejected traffic and counts. */
  readonly dailyRows: number;
  /** Processed-source records. */
  readonly sources: number;
}

/** Tables with one row per UTC day (and key); rows without a day are never pruned. */
const DAILY_TABLES = [
  'rule_usage_daily',
  'interface_coverage_daily',
  'rejected_traffic',
  'flow_counts_daily',
] as const;

const pruneDailySql = (table: (typeof DAILY_TABLES)[number]) => `
DELETE FROM ${table}
WHERE day < CAST($horizon_day AS DATE)`;

const PRUNE_SOURCES_SQL = `
DELETE FROM processed_sources
WHERE processed_at < $horizon`;

/**
 * Deletes, in one transaction, the daily rows of days before the retention
 * horizon and the records of sources processed before it. The all-time
 * totals (`rule_usage`, with first and last seen), ports, peers, overlaps,
 * inventory snapshots and the run log stay. See `retentionHorizon` for why
 * a run with retention must skip flow logs older than the horizon.
 */
export async function pruneStore(
  connection: DuckDBConnection,
  retainDays: number,
  now: Date,
): Promise<PruneResult> {
  const horizon = retentionHorizon(retainDays, now);

  return inTransaction(connection, async () => {
    let dailyRows = 0;
    for (const table of DAILY_TABLES) {
      const result = await connection.run(
        pruneDailySql(table),
        { horizon_day: utcDayOf(horizon) },
        { horizon_day: VARCHAR },
      );
      dailyRows += result.rowsChanged;
    }

    const sources = await connection.run(
      PRUNE_SOURCES_SQL,
      { horizon: instantValue(horizon) },
      { horizon: TIMESTAMPTZ },
    );
    return { dailyRows, sources: sources.rowsChanged };
  });
}
