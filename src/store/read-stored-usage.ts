import { VARCHAR, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import type { FlowCounts, RuleUsage } from '../attribution/attribute-flows.js';
import type { Direction } from '../inventory/inventory.js';
import type {
  DailyRuleUsage,
  InterfaceCoverage,
  RejectedTraffic,
  RuleOverlap,
  RulePeerUsage,
  RulePortUsage,
} from '../findings/evidence.js';
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
import { nullableNumberOf, numberOf } from './store-values.js';
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
    totals: (await read(windowed ? WINDOW_TOTALS_SQL : TOTALS_SQL)).map(totalOf),
    evidence: {
      daily: (await read(DAILY_SQL)).map(dailyOf),
      coverage: (await read(COVERAGE_SQL)).map(coverageOf),
      ports: (await read(PORTS_SQL)).map(portOf),
      peers: (await read(PEERS_SQL)).map(peerOf),
      overlaps: (await read(OVERLAPS_SQL)).map(overlapOf),
      rejected: (await read(REJECTED_SQL)).map(rejectedOf),
    },
    counts: countsOf((await read(COUNTS_SQL))[0] ?? {}),
  };
}

/** DuckDB refuses values for parameters a statement does not have. */
function usesWindow(sql: string): boolean {
  return sql.includes('$first_day');
}

function totalOf(row: Row): RuleUsage {
  return {
    ruleId: String(row['rule_id']),
    hits: numberOf(row['hits']),
    exclusiveHits: numberOf(row['exclusive_hits']),
    packets: numberOf(row['packets']),
    bytes: numberOf(row['bytes']),
    firstSeen: nullableNumberOf(row['first_seen']),
    lastSeen: nullableNumberOf(row['last_seen']),
  };
}

function dailyOf(row: Row): DailyRuleUsage {
  return { ...totalOf(row), day: String(row['day']) };
}

function coverageOf(row: Row): InterfaceCoverage {
  return {
    interfaceId: String(row['interface_id']),
    day: String(row['day']),
    records: numberOf(row['records']),
  };
}

function portOf(row: Row): RulePortUsage {
  return {
    ruleId: String(row['rule_id']),
    protocol: numberOf(row['protocol']),
    port: numberOf(row['port']),
    hits: numberOf(row['hits']),
  };
}

function peerOf(row: Row): RulePeerUsage {
  return {
    ruleId: String(row['rule_id']),
    network: String(row['network']),
    hits: numberOf(row['hits']),
  };
}

function overlapOf(row: Row): RuleOverlap {
  return { ruleIds: String(row['rule_ids']).split(' '), hits: numberOf(row['hits']) };
}

/** The direction is safe to narrow: a CHECK constraint admits no other value. */
function rejectedOf(row: Row): RejectedTraffic {
  return {
    interfaceId: String(row['interface_id']),
    direction: String(row['direction']) as Direction,
    peer: String(row['peer']),
    protocol: numberOf(row['protocol']),
    port: nullableNumberOf(row['port']),
    records: numberOf(row['records']),
    lastSeen: nullableNumberOf(row['last_seen']),
  };
}

function countsOf(row: Row): FlowCounts {
  return {
    records: numberOf(row['records']),
    acceptedRecords: numberOf(row['accepted']),
    rejectedRecords: numberOf(row['rejected']),
    malformedRecords: numberOf(row['malformed']),
    firstStart: nullableNumberOf(row['first_start']),
    lastEnd: nullableNumberOf(row['last_end']),
  };
}
