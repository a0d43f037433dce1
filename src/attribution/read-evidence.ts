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
  type OutputRows,
  type UsageRow,
} from '../engine/usage-rows.js';

type Row = UsageRow;

/**
 * Reads these outputs of the last attribution (after `attributeFlows` with
 * the same `parts`) out of DuckDB.
 */
export async function readOutputs(
  connection: DuckDBConnection,
  kinds: readonly OutputKind[],
  parts: AttributionParts,
): Promise<OutputRows> {
  const byKind = new Map<OutputKind, Row[]>();
  for (const kind of kinds) {
    const reader = await connection.runAndReadAll(readOutputSql(kind, parts));
    byKind.set(kind, reader.getRowObjects());
  }
  return (kind) => {
    const rows = byKind.get(kind);
    if (rows === undefined) throw new Error(`the ${kind} output was not read`);
    return rows;
  };
}

/** The outputs `evidenceOf` reads. */
const EVIDENCE_OUTPUTS: readonly OutputKind[] = [
  'daily_rule_usage',
  'interface_coverage',
  'rule_ports',
  'rule_peers',
  'rule_overlaps',
  'rejected_traffic',
];

/**
 * Reads the evidence of the last attribution (after `attributeFlows` with the
 * same `parts`) out of DuckDB: per-rule and per-day aggregates, never records.
 */
export async function readEvidence(
  connection: DuckDBConnection,
  parts: AttributionParts = ONE_PART,
): Promise<UsageEvidence> {
  return evidenceOf(await readOutputs(connection, EVIDENCE_OUTPUTS, parts));
}

/** The evidence from its outputs' rows, as whichever engine returned them. */
export function evidenceOf(rows: OutputRows): UsageEvidence {
  return {
    daily: rows('daily_rule_usage').map(dailyRuleUsageOf),
    coverage: rows('interface_coverage').map(coverageOf),
    ports: rows('rule_ports').map(portUsageOf),
    peers: rows('rule_peers').map(peerOf),
    overlaps: rows('rule_overlaps').map(overlapOf),
    rejected: rows('rejected_traffic').map(rejectedOf),
  };
}

/**
 * A peer network row: its first address as DuckDB's number, or as text
 * where the engine returns addresses as text (Athena).
 */
function peerOf(row: Row): RulePeerUsage {
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
