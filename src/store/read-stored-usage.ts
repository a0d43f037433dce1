import { VARCHAR, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import {
  coverageOf,
  dailyRuleUsageOf,
  flowCountsOf,
  numberOf,
  overlapOf,
  portUsageOf,
  rejectedOf,
  ruleUsageOf,
} from '../engine/usage-rows.js';
import type { RulePeerUsage } from '../findings/evidence.js';
import type { BatchUsage } from './batch-usage.js';
import {
  COUNTS_SQL,
  COVERAGE_SQL,
  DAILY_SQL,
  OVERLAPS_SQL,
  PEERS_SQL,
  PORTS_SQL,
  REJECTED_SQL,
  TOTALS_SQL,
  WINDOW_TOTALS_SQL,
} from './read-usage-sql.js';
import { windowDays, type UsageWindow } from './usage-window.js';

type Row = Record<string, DuckDBValue>;

/**
 * The usage accumulated in the store, in the shape of one batch. Without a
 * window: all-time totals and all evidence. With one: totals summed from
 * the daily rows of the window's UTC days, daily evidence of those days,
 * and the evidence that has no day (ports, peers, overlaps) all-time.
 * Retention shortens what daily rows and counts cover, never the all-time
 * totals.
 */
export async function readStoredUsage(
  connection: DuckDBConnection,
  window?: UsageWindow,
): Promise<BatchUsage> {
  const days = windowDays(window ?? {});
  const windowed = days.firstDay !== null || days.endDay !== null;
  const read = async (sql: string): Promise<Row[]> => {
    const reader = usesWindow(sql)
      ? await connection.runAndReadAll(
          sql,
          { first_day: days.firstDay, end_day: days.endDay },
          { first_day: VARCHAR, end_day: VARCHAR },
        )
      : await connection.runAndReadAll(sql);
    return reader.getRowObjects();
  };

  return {
    totals: (await read(windowed ? WINDOW_TOTALS_SQL : TOTALS_SQL)).map(ruleUsageOf),
    evidence: {
      daily: (await read(DAILY_SQL)).map(dailyRuleUsageOf),
      coverage: (await read(COVERAGE_SQL)).map(coverageOf),
      ports: (await read(PORTS_SQL)).map(portUsageOf),
      peers: (await read(PEERS_SQL)).map(peerOf),
      overlaps: (await read(OVERLAPS_SQL)).map(overlapOf),
      rejected: (await read(REJECTED_SQL)).map(rejectedOf),
    },
    counts: flowCountsOf((await read(COUNTS_SQL))[0] ?? {}),
  };
}

/** DuckDB refuses values for parameters a statement does not have. */
function usesWindow(sql: string): boolean {
  return sql.includes('$first_day');
}

function peerOf(row: Row): RulePeerUsage {
  return {
    ruleId: String(row['rule_id']),
    network: String(row['network']),
    hits: numberOf(row['hits']),
  };
}
