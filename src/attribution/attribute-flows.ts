import { INTEGER, type DuckDBConnection } from '@duckdb/node-api';
import type { PortRange } from '../analyze.js';
import { ATTRIBUTION_OUTPUTS, attributionOf } from '../engine/usage-rows.js';
import { ADDRESS_MACROS_SQL } from './address-sql.js';
import { PLAN_OUTPUTS, type OutputKind } from './attribution-outputs.js';
import {
  ONE_PART,
  PLAN_TABLES_SQL,
  partOutputSql,
  type AttributionParts,
} from './attribution-sql.js';
import { ALL_FLOWS_TABLE, flowPartViewSql } from './flow-parts.js';
import { readOutputs } from './read-evidence.js';

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
 * per rule with traffic, the covered interfaces, and the counts. Read the
 * outputs afterwards with `readOutputs` and the same `parts`.
 */
export async function attributeFlows(
  connection: DuckDBConnection,
  ephemeralPorts: PortRange,
  parts: AttributionParts = ONE_PART,
): Promise<Attribution> {
  await connection.run(ADDRESS_MACROS_SQL);
  if (parts.count === 1) {
    await buildPlanRelations(connection, ephemeralPorts);
  } else {
    const outputs = parts.evidence
      ? PLAN_OUTPUTS.map((output) => output.kind)
      : ATTRIBUTION_OUTPUTS;
    await attributeInParts(connection, ephemeralPorts, parts.count, outputs);
  }

  return attributionOf(await readOutputs(connection, ATTRIBUTION_OUTPUTS, parts));
}

async function buildPlanRelations(
  connection: DuckDBConnection,
  ephemeralPorts: PortRange,
): Promise<void> {
  const settings = { ephemeral_from: ephemeralPorts.from, ephemeral_to: ephemeralPorts.to };
  for (const sql of PLAN_TABLES_SQL) {
    if (sql.includes('$ephemeral_from')) {
      await connection.run(sql, settings, { ephemeral_from: INTEGER, ephemeral_to: INTEGER });
    } else {
      await connection.run(sql);
    }
  }
}

/**
 * Builds the plan's relations over each part of the flows in turn, keeping
 * only each part's outputs; `flows` is the whole again afterwards.
 */
async function attributeInParts(
  connection: DuckDBConnection,
  ephemeralPorts: PortRange,
  count: number,
  outputs: readonly OutputKind[],
): Promise<void> {
  await connection.run(`ALTER TABLE flows RENAME TO ${ALL_FLOWS_TABLE};`);
  for (let part = 0; part < count; part += 1) {
    await connection.run(flowPartViewSql(part, count));
    await buildPlanRelations(connection, ephemeralPorts);
    for (const kind of outputs) await connection.run(partOutputSql(kind, part === 0));
  }

  await connection.run('DROP VIEW flows;');
  await connection.run(`ALTER TABLE ${ALL_FLOWS_TABLE} RENAME TO flows;`);
}
