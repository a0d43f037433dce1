import type { DuckDBConnection } from '@duckdb/node-api';
import type {
  DailyRuleUsage,
  InterfaceCoverage,
  RejectedTraffic,
  RuleOverlap,
  RulePeerUsage,
  RulePortUsage,
  UsageEvidence,
} from '../findings/evidence.js';
import type { Direction } from '../inventory/inventory.js';
import { formatCidr, type IpFamily } from '../net/ip-address.js';
import {
  DAILY_RULE_USAGE_SQL,
  INTERFACE_COVERAGE_SQL,
  REJECTED_TRAFFIC_SQL,
  RULE_OVERLAPS_SQL,
  RULE_PEERS_SQL,
  RULE_PORTS_SQL,
} from './attribution-sql.js';
import { toNumber } from './attribute-flows.js';

type Row = Record<string, unknown>;

/**
 * Reads the evidence of the last attribution (after `attributeFlows`) out of
 * DuckDB: per-rule and per-day aggregates, never records.
 */
export async function readEvidence(connection: DuckDBConnection): Promise<UsageEvidence> {
  const rows = async (sql: string): Promise<Row[]> =>
    (await connection.runAndReadAll(sql)).getRowObjects();

  return {
    daily: (await rows(DAILY_RULE_USAGE_SQL)).map(dailyOf),
    coverage: (await rows(INTERFACE_COVERAGE_SQL)).map(coverageOf),
    ports: (await rows(RULE_PORTS_SQL)).map(portOf),
    peers: (await rows(RULE_PEERS_SQL)).map(peerOf),
    overlaps: (await rows(RULE_OVERLAPS_SQL)).map(overlapOf),
    rejected: (await rows(REJECTED_TRAFFIC_SQL)).map(rejectedOf),
  };
}

const count = (value: unknown): number => toNumber(value) ?? 0;

function dailyOf(row: Row): DailyRuleUsage {
  return {
    ruleId: String(row['rule_id']),
    day: String(row['day']),
    hits: count(row['hits']),
    exclusiveHits: count(row['exclusive_hits']),
    packets: count(row['packets']),
    bytes: count(row['bytes']),
    firstSeen: toNumber(row['first_start']),
    lastSeen: toNumber(row['last_end']),
  };
}

function coverageOf(row: Row): InterfaceCoverage {
  return {
    interfaceId: String(row['interface_id']),
    day: String(row['day']),
    records: count(row['records']),
  };
}

function portOf(row: Row): RulePortUsage {
  return {
    ruleId: String(row['rule_id']),
    protocol: count(row['protocol']),
    port: count(row['port']),
    hits: count(row['hits']),
  };
}

function peerOf(row: Row): RulePeerUsage {
  const family = count(row['family']) as IpFamily;
  const first = BigInt(row['network'] as bigint);
  const prefixLength = family === 4 ? 24 : 64;
  const hostBits = BigInt((family === 4 ? 32 : 128) - prefixLength);
  const last = first | ((1n << hostBits) - 1n);
  return {
    ruleId: String(row['rule_id']),
    network: formatCidr({ family, prefixLength, first, last }),
    hits: count(row['hits']),
  };
}

function overlapOf(row: Row): RuleOverlap {
  const ids = row['rule_ids'] as { items: unknown[] } | unknown[];
  const items = Array.isArray(ids) ? ids : ids.items;
  return { ruleIds: items.map(String), hits: count(row['hits']) };
}

function rejectedOf(row: Row): RejectedTraffic {
  return {
    interfaceId: String(row['interface_id']),
    direction: row['direction'] as Direction,
    peer: String(row['peer']),
    protocol: count(row['protocol']),
    port: toNumber(row['port']),
    records: count(row['records']),
    lastSeen: toNumber(row['last_end']),
  };
}
