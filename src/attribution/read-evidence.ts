import type { DuckDBConnection } from '@duckdb/node-api';
import type { RulePeerUsage, UsageEvidence } from '../findings/evidence.js';
import { formatCidr, parseIpAddress, type IpFamily } from '../net/ip-address.js';
import { ONE_PART, readOutputSql, type AttributionParts } from './attribution-sql.js';
import type { OutputKind } from './attribution-outputs.js';
import {
  coverageOf,
  dailyRuleUsageOf,
  numberOf,
  overlapOf,
  portUsageOf,
  rejectedOf,
  type UsageRow,
} from '../engine/usage-rows.js';

type Row = UsageRow;

/** The rows of one output, after `attributeFlows` with the same `parts`. */
export async function readOutputRows(
  connection: DuckDBConnection,
  kind: OutputKind,
  parts: AttributionParts,
): Promise<Row[]> {
  return (await connection.runAndReadAll(readOutputSql(kind, parts))).getRowObjects();
}

/**
 * Reads the evidence of the last attribution (after `attributeFlows` with the
 * same `parts`) out of DuckDB: per-rule and per-day aggregates, never records.
 */
export async function readEvidence(
  connection: DuckDBConnection,
  parts: AttributionParts = ONE_PART,
): Promise<UsageEvidence> {
  const rows = (kind: OutputKind): Promise<Row[]> => readOutputRows(connection, kind, parts);

  return {
    daily: (await rows('daily_rule_usage')).map(dailyRuleUsageOf),
    coverage: (await rows('interface_coverage')).map(coverageOf),
    ports: (await rows('rule_ports')).map(portUsageOf),
    peers: (await rows('rule_peers')).map(peerOf),
    overlaps: (await rows('rule_overlaps')).map(overlapOf),
    rejected: (await rows('rejected_traffic')).map(rejectedOf),
  };
}

/**
 * A peer network row: its first address as DuckDB's number, or as text
 * where the engine returns addresses as text (Athena).
 */
export function peerOf(row: Row): RulePeerUsage {
  const family = numberOf(row['family']) as IpFamily;
  const first = networkStart(row['network']);
  const prefixLength = family === 4 ? 24 : 64;
  const hostBits = BigInt((family === 4 ? 32 : 128) - prefixLength);
  const last = first | ((1n << hostBits) - 1n);
  return {
    ruleId: String(row['rule_id']),
    network: formatCidr({ family, prefixLength, first, last }),
    hits: numberOf(row['hits']),
  };
}

function networkStart(value: Row[string] | undefined): bigint {
  if (typeof value === 'string' && /[.:]/.test(value)) {
    const address = parseIpAddress(value);
    if (address === undefined) throw new Error(`not an address: ${value}`);
    return address.value;
  }
  return BigInt(value as bigint | string);
}
