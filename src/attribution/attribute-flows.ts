import { INTEGER, type DuckDBConnection } from '@duckdb/node-api';
import type { PortRange } from '../analyze.js';
import { flowCountsOf, numberOf, ruleUsageOf } from '../engine/usage-rows.js';
import { ADDRESS_MACROS_SQL } from './address-sql.js';
import {
  COUNTED_FLOWS_SQL,
  COVERED_INTERFACES_SQL,
  DIRECTED_FLOWS_SQL,
  FLOW_ADDRESSES_SQL,
  RULE_MATCHES_SQL,
  RULE_USAGE_SQL,
  SUMMARY_SQL,
} from './attribution-sql.js';

/** What traffic did for one rule. Times are unix seconds. */
export interface RuleUsage {
  readonly ruleId: string;
  readonly hits: number;
  readonly exclusiveHits: number;
  readonly packets: number;
  readonly bytes: number;
  readonly firstSeen: number | null;
  readonly lastSeen: number | null;
}

export interface FlowCounts {
  readonly records: number;
  readonly acceptedRecords: number;
  readonly rejectedRecords: number;
  readonly malformedRecords: number;
  /** Earliest start and latest end of the counted records. */
  readonly firstStart: number | null;
  readonly lastEnd: number | null;
}

export interface Attribution {
  readonly usage: ReadonlyMap<string, RuleUsage>;
  readonly coveredInterfaces: ReadonlySet<string>;
  readonly counts: FlowCounts;
}

/**
 * Attributes the flows in the `flows` table to the rules in the inventory
 * tables. All per-record work happens in DuckDB; what comes back is one row
 * per rule with traffic, the covered interfaces, and the counts.
 */
export async function attributeFlows(
  connection: DuckDBConnection,
  ephemeralPorts: PortRange,
): Promise<Attribution> {
  await connection.run(ADDRESS_MACROS_SQL);
  await connection.run(FLOW_ADDRESSES_SQL);
  await connection.run(COUNTED_FLOWS_SQL);
  await connection.run(DIRECTED_FLOWS_SQL);
  await connection.run(
    RULE_MATCHES_SQL,
    { ephemeral_from: ephemeralPorts.from, ephemeral_to: ephemeralPorts.to },
    { ephemeral_from: INTEGER, ephemeral_to: INTEGER },
  );

  const usageReader = await connection.runAndReadAll(RULE_USAGE_SQL);
  const usage = new Map<string, RuleUsage>();
  for (const row of usageReader.getRowObjects()) {
    const total = ruleUsageOf(row);
    usage.set(total.ruleId, total);
  }

  const covered = await connection.runAndReadAll(COVERED_INTERFACES_SQL);
  const coveredInterfaces = new Set(covered.getRows().map((row) => String(row[0])));

  return { usage, coveredInterfaces, counts: await flowCounts(connection) };
}

async function flowCounts(connection: DuckDBConnection): Promise<FlowCounts> {
  const reader = await connection.runAndReadAll(SUMMARY_SQL);
  const row = reader.getRowObjects()[0] ?? {};
  const counts = flowCountsOf(row);
  return { ...counts, malformedRecords: numberOf(row['read']) - counts.records };
}
