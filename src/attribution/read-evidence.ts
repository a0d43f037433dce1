import type { DuckDBConnection } from '@duckdb/node-api';
import type { RulePeerUsage, UsageEvidence } from '../findings/evidence.js';
import { formatCidr, parseIpAddress, type IpFamily } from '../net/ip-address.js';
import { outputSql } from './attribution-sql.js';
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

/**
 * Reads the evidence of the last attribution (after `attributeFlows`) out of
 * DuckDB: per-rule and per-day aggregates, never records.
 */
export async function readEvidence(connection: DuckDBConnection): Promise<UsageEvidence> {
  const rows = async (sql: string): Promise<Row[]> =>
    (await connection.runAndReadAll(sql)).getRowObjects();

  return {
    daily: (await rows(outputSql('daily_rule_usage'))).map(dailyRuleUsageOf),
    coverage: (await rows(outputSql('interface_coverage'))).map(coverageOf),
    ports: (await rows(outputSql('rule_ports'))).map(portUsageOf),
    peers: (await rows(outputSql('rule_peers'))).map(peerOf),
    overlaps: (await rows(outputSql('rule_overlaps'))).map(overlapOf),
    rejected: (await rows(outputSql('rejected_traffic'))).map(rejectedOf),
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
