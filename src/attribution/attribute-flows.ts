import { INTEGER, type DuckDBConnection } from '@duckdb/node-api';
import type { PortRange } from '../analyze.js';
import { flowCountsOf, numberOf, ruleUsageOf } from '../engine/usage-rows.js';
import { ADDRESS_MACROS_SQL } from './address-sql.js';
import { PLAN_TABLES_SQL, outputSql } from './attribution-sql.js';

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
  const settings = { ephemeral_from: ephemeralPorts.from, ephemeral_to: ephemeralPorts.to };
  for (const sql of PLAN_TABLES_SQL) {
    if (sql.includes('$ephemeral_from')) {
      await connection.run(sql, settings, { ephemeral_from: INTEGER, ephemeral_to: INTEGER });
    } else {
      await connection.run(sql);
    }
  }

  const usageReader = await connection.runAndReadAll(outputSql('rule_usage'));
  const usage = new Map<string, RuleUsage>();
  for (const row of usageReader.getRowObjects()) {
    const total = ruleUsageOf(row);
    usage.set(total.ruleId, total);
  }

  const covered = await connection.runAndReadAll(outputSql('covered_interfaces'));
  const coveredInterfaces = new Set(covered.getRows().map((row) => String(row[0])));

  return { usage, coveredInterfaces, counts: await flowCounts(connection) };
}

async function flowCounts(connection: DuckDBConnection): Promise<FlowCounts> {
  const reader = await connection.runAndReadAll(outputSql('summary'));
  const row = reader.getRowObjects()[0] ?? {};
  const counts = flowCountsOf(row);
  return { ...counts, malformedRecords: numberOf(row['read']) - counts.records };
}
