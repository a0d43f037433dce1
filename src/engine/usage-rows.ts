import type { DuckDBValue } from '@duckdb/node-api';
import type { Attribution, FlowCounts, RuleUsage } from '../attribution/attribute-flows.js';
import type { OutputKind } from '../attribution/attribution-outputs.js';
import type {
  DailyRuleUsage,
  InterfaceCoverage,
  RejectedTraffic,
  RuleOverlap,
  RulePortUsage,
} from '../findings/evidence.js';
import type { Direction } from '../inventory/inventory.js';

/**
 * Rows of usage, as the engine's queries and the store's tables both name
 * their columns, turned into the usage types. One set of readers for both,
 * so the two cannot drift apart.
 */
export type UsageRow = Record<string, DuckDBValue>;

/** A count column; DuckDB returns BIGINT and HUGEINT as bigint, and counts fit a double. */
export function numberOf(value: DuckDBValue | undefined): number {
  return nullableNumberOf(value) ?? 0;
}

/** A numeric column that may be NULL, such as a first or last seen time. */
export function nullableNumberOf(value: DuckDBValue | undefined): number | null {
  if (value === null || value === undefined) return null;
  return Number(value);
}

export function ruleUsageOf(row: UsageRow): RuleUsage {
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

export function dailyRuleUsageOf(row: UsageRow): DailyRuleUsage {
  return { ...ruleUsageOf(row), day: String(row['day']) };
}

export function coverageOf(row: UsageRow): InterfaceCoverage {
  return {
    interfaceId: String(row['interface_id']),
    day: String(row['day']),
    records: numberOf(row['records']),
  };
}

export function portUsageOf(row: UsageRow): RulePortUsage {
  return {
    ruleId: String(row['rule_id']),
    protocol: numberOf(row['protocol']),
    port: numberOf(row['port']),
    hits: numberOf(row['hits']),
  };
}

/** `rule_ids` is the sorted rule ids joined by spaces. */
export function overlapOf(row: UsageRow): RuleOverlap {
  return { ruleIds: String(row['rule_ids']).split(' '), hits: numberOf(row['hits']) };
}

/** The direction is safe to narrow: both producers admit only ingress and egress. */
export function rejectedOf(row: UsageRow): RejectedTraffic {
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

export function flowCountsOf(row: UsageRow): FlowCounts {
  return {
    records: numberOf(row['records']),
    acceptedRecords: numberOf(row['accepted']),
    rejectedRecords: numberOf(row['rejected']),
    malformedRecords: numberOf(row['malformed']),
    firstStart: nullableNumberOf(row['first_start']),
    lastEnd: nullableNumberOf(row['last_end']),
  };
}

/** The rows of each of attribution's outputs, as whichever engine returned them. */
export type OutputRows = (kind: OutputKind) => readonly UsageRow[];

/** The outputs `attributionOf` reads. */
export const ATTRIBUTION_OUTPUTS: readonly OutputKind[] = [
  'summary',
  'covered_interfaces',
  'rule_usage',
];

/** The attribution from its outputs' rows: per-rule totals, covered interfaces, counts. */
export function attributionOf(rows: OutputRows): Attribution {
  const [summary = {}] = rows('summary');
  const counts = flowCountsOf(summary);
  const usage = rows('rule_usage').map(ruleUsageOf);
  return {
    usage: new Map(usage.map((total) => [total.ruleId, total])),
    coveredInterfaces: new Set(
      rows('covered_interfaces').map((row) => String(row['interface_id'])),
    ),
    // The summary counts every record read; those read but not counted were malformed.
    counts: { ...counts, malformedRecords: numberOf(summary['read']) - counts.records },
  };
}
