import type { DuckDBConnection } from '@duckdb/node-api';
import type { RulePeerUsage, UsageEvidence } from '../findings/evidence.js';
import { formatCidr, type IpFamily } from '../net/ip-address.js';
import {
  DAILY_RULE_USAGE_SQL,
  INTERFACE_COVERAGE_SQL,
  REJECTED_TRAFFIC_SQL,
  RULE_OVERLAPS_SQL,
  RULE_PEERS_SQL,
  RULE_PORTS_SQL,
} from './attribution-sql.js';
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
    daily: (await rows(DAILY_RULE_USAGE_SQL)).map(dailyRuleUsageOf),
    coverage: (await rows(INTERFACE_COVERAGE_SQL)).map(coverageOf),
    ports: (await rows(RULE_PORTS_SQL)).map(portUsageOf),
    peers: (await rows(RULE_PEERS_SQL)).map(peerOf),
    overlaps: (await rows(RULE_OVERLAPS_SQL)).map(overlapOf),
    rejected: (await rows(REJECTED_TRAFFIC_SQL)).map(rejectedOf),
  };
}

function peerOf(row: Row): RulePeerUsage {
  const family = numberOf(row['family']) as IpFamily;
  const first = BigInt(row['network'] as bigint);
  const prefixLength = family === 4 ? 24 : 64;
  const hostBits = BigInt((family === 4 ? 32 : 128) - prefixLength);
  const last = first | ((1n << hostBits) - 1n);
  return {
    ruleId: String(row['rule_id']),
    network: formatCidr({ family, prefixLength, first, last }),
    hits: numberOf(row['hits']),
  };
}
