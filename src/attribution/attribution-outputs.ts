import type { SqlDialect } from './sql-dialect.js';

/**
 * What attribution returns, read from the plan's relations: per-rule and
 * per-day aggregates, never records. Each output names its columns, so that
 * Athena can return them all from one query (a UNION ALL tagged by `kind`),
 * and says how DuckDB orders it.
 */
export interface PlanOutput {
  readonly kind: OutputKind;
  /** The names of `combine`, in its order. */
  readonly columns: readonly string[];
  readonly sql: (d: SqlDialect) => string;
  /**
   * The output's columns, in order, each with how partial outputs of parts
   * of the flows add up to the whole: rows with equal `key` columns become
   * one, the others are summed or take the least or greatest value
   * (`attribute-flows.ts`, in parts).
   */
  readonly combine: Readonly<Record<string, Combine>>;
  /** DuckDB's ORDER BY, for stable results; Athena's rows are unordered. */
  readonly orderBy?: string;
}

export type Combine = 'key' | 'sum' | 'min' | 'max';

export type OutputKind =
  | 'summary'
  | 'covered_interfaces'
  | 'rule_usage'
  | 'daily_rule_usage'
  | 'interface_coverage'
  | 'rule_ports'
  | 'rule_peers'
  | 'rule_overlaps'
  | 'rejected_traffic';

const COMBINE_USAGE = {
  rule_id: 'key',
  hits: 'sum',
  exclusive_hits: 'sum',
  packets: 'sum',
  bytes: 'sum',
  first_seen: 'min',
  last_seen: 'max',
} as const;

const USAGE_AGGREGATES = `
  sum(records) AS hits,
  coalesce(sum(records) FILTER (WHERE matching_rules = 1), 0) AS exclusive_hits,
  sum(packets) AS packets,
  sum(bytes) AS bytes,
  min(first_start) AS first_seen,
  max(last_end) AS last_seen`;

const OUTPUTS: readonly Omit<PlanOutput, 'columns'>[] = [
  {
    kind: 'summary',
    combine: {
      records: 'sum',
      accepted: 'sum',
      rejected: 'sum',
      read: 'sum',
      first_start: 'min',
      last_end: 'max',
    },
    sql: () => `
SELECT
  (SELECT coalesce(sum(records), 0) FROM counted_flows) AS records,
  (SELECT coalesce(sum(records), 0) FROM counted_flows
    WHERE log_status = 'OK' AND action = 'ACCEPT') AS accepted,
  (SELECT coalesce(sum(records), 0) FROM counted_flows
    WHERE log_status = 'OK' AND action = 'REJECT') AS rejected,
  (SELECT coalesce(sum(records), 0) FROM flows) AS read,
  (SELECT min(first_start) FROM counted_flows) AS first_start,
  (SELECT max(last_end) FROM counted_flows) AS last_end`,
  },
  {
    // Interfaces that appear in any counted record, NODATA and SKIPDATA included.
    kind: 'covered_interfaces',
    combine: { interface_id: 'key' },
    sql: () => `
SELECT DISTINCT interface_id FROM counted_flows WHERE interface_id IS NOT NULL`,
  },
  {
    kind: 'rule_usage',
    combine: COMBINE_USAGE,
    sql: () => `
SELECT
  rule_id,${USAGE_AGGREGATES}
FROM rule_matches
GROUP BY rule_id`,
  },
  {
    // Per rule and day, for history and heat maps.
    kind: 'daily_rule_usage',
    combine: { ...COMBINE_USAGE, day: 'key' },
    sql: (d) => `
SELECT
  rule_id,${USAGE_AGGREGATES},
  ${d.dayText('day')} AS day
FROM rule_matches
WHERE day IS NOT NULL
GROUP BY rule_id, day`,
    orderBy: 'rule_id, day',
  },
  {
    // Records per interface and day, of any status: when each interface was covered.
    kind: 'interface_coverage',
    combine: { interface_id: 'key', day: 'key', records: 'sum' },
    sql: (d) => `
SELECT interface_id, ${d.dayText('day')} AS day, sum(records) AS records
FROM counted_flows
WHERE interface_id IS NOT NULL AND day IS NOT NULL
GROUP BY interface_id, day`,
    orderBy: 'interface_id, day',
  },
  {
    // Hits per rule and server port, for narrowing port ranges.
    kind: 'rule_ports',
    combine: { rule_id: 'key', protocol: 'key', port: 'key', hits: 'sum' },
    sql: () => `
SELECT rule_id, protocol, dstport AS port, sum(records) AS hits
FROM rule_matches
WHERE protocol IN (6, 17) AND dstport IS NOT NULL
GROUP BY rule_id, protocol, dstport`,
    orderBy: 'rule_id, protocol, port',
  },
  {
    // Hits per rule and peer network (/24 for IPv4, /64 for IPv6), for narrowing wide CIDRs.
    kind: 'rule_peers',
    combine: { rule_id: 'key', family: 'key', network: 'key', hits: 'sum' },
    sql: (d) => `
SELECT rule_id, family, network, sum(records) AS hits
FROM (
  SELECT
    rule_id,
    peer_family AS family,
    ${d.peerNetwork('peer_family', 'peer_value')} AS network,
    records
  FROM rule_matches
) peers
GROUP BY rule_id, family, network`,
    orderBy: 'rule_id, family, network',
  },
  {
    // Request groups that several rules allowed at once, by the set of rules.
    kind: 'rule_overlaps',
    combine: { rule_ids: 'key', hits: 'sum' },
    sql: (d) => `
SELECT rule_ids, sum(records) AS hits
FROM (
  SELECT ${d.joinSorted('rule_id')} AS rule_ids, max(records) AS records
  FROM rule_matches
  WHERE matching_rules > 1
  GROUP BY interface_id, direction, protocol, dstport, peer_family, peer_value, day
) request_rules
GROUP BY rule_ids`,
    orderBy: 'rule_ids',
  },
  {
    // Rejected records by interface, direction, peer, protocol and server port.
    kind: 'rejected_traffic',
    combine: {
      interface_id: 'key',
      direction: 'key',
      peer: 'key',
      protocol: 'key',
      port: 'key',
      records: 'sum',
      last_seen: 'max',
    },
    sql: () => `
SELECT
  interface_id,
  direction,
  peer,
  protocol,
  port,
  sum(records) AS records,
  max(last_end) AS last_seen
FROM (
  SELECT
    interface_id, direction, CASE direction WHEN 'ingress' THEN src ELSE dst END AS peer,
    protocol, dstport AS port, records, last_end
  FROM directed_flows
  WHERE action = 'REJECT' AND direction IS NOT NULL
) rejected
GROUP BY interface_id, direction, peer, protocol, port`,
    orderBy: 'records DESC, interface_id, direction, peer, protocol, port',
  },
];

export const PLAN_OUTPUTS: readonly PlanOutput[] = OUTPUTS.map((output) => ({
  ...output,
  columns: Object.keys(output.combine),
}));

/** The output of a kind. */
export function planOutput(kind: OutputKind): PlanOutput {
  const output = PLAN_OUTPUTS.find((candidate) => candidate.kind === kind);
  if (output === undefined) throw new Error(`no plan output ${kind}`);
  return output;
}
