import type { SqlDialect } from './sql-dialect.js';

/**
 * Attribution as one plan: named relations, each a SELECT over the ones
 * before it, and the outputs read from them. DuckDB runs the relations as
 * temporary tables (`attribution-sql.ts`); Athena runs them as the CTEs of
 * one query (`athena/attribution-query.ts`). Both render this file through
 * a `SqlDialect`, so the semantics are written once; docs/attribution.md
 * explains the steps with examples.
 *
 * Inputs: `flows` (records aggregated by everything attribution looks at,
 * see `flow-tables.ts`) and the inventory relations `interface_groups`,
 * `interface_addresses` (interface_id, family, value), `rules` and
 * `rule_ranges` (rule_id, family, first, last).
 */

export interface PlanRelation {
  readonly name: string;
  /** DuckDB defines it as a view instead of filling a temporary table. */
  readonly view?: boolean;
  readonly sql: (d: SqlDialect) => string;
}

/** Every distinct address text in the flows, parsed once. */
const FLOW_ADDRESSES: PlanRelation = {
  name: 'flow_addresses',
  sql: (d) => `
WITH texts AS (
  SELECT src AS text FROM flows WHERE src IS NOT NULL
  UNION
  SELECT dst FROM flows WHERE dst IS NOT NULL
)
SELECT text, ${d.addressFamily('text')} AS family, ${d.addressValue('text')} AS value
FROM texts`,
};

/**
 * Records that count: well formed, with addresses that parse. An address
 * that does not parse makes its records malformed.
 */
const COUNTED_FLOWS: PlanRelation = {
  name: 'counted_flows',
  sql: () => `
SELECT
  f.*,
  s.family AS src_family,
  s.value AS src_value,
  d.family AS dst_family,
  d.value AS dst_value
FROM flows f
LEFT JOIN flow_addresses s ON s.text = f.src
LEFT JOIN flow_addresses d ON d.text = f.dst
WHERE NOT f.malformed
  AND (f.src IS NULL OR s.value IS NOT NULL)
  AND (f.dst IS NULL OR d.value IS NOT NULL)`,
};

/**
 * Counted `OK` records with their direction relative to their interface:
 * flow-direction where the format has it, else ingress when the destination
 * is an address of the interface, egress when the source is; NULL when
 * neither (such records match no rule). Two hash joins against the
 * interfaces' own addresses (distinct, so that no record is repeated) do
 * what a correlated EXISTS per record did at several times the cost.
 *
 * DuckDB keeps this relation as a view: it is read twice, both times
 * filtered, and copying millions of wide rows into a table cost more than
 * the joins (docs/benchmarks.md).
 */
/** Each interface's own addresses, once each. */
const OWN_ADDRESSES = '(SELECT DISTINCT interface_id, family, value FROM interface_addresses)';

const DIRECTED_FLOWS: PlanRelation = {
  name: 'directed_flows',
  view: true,
  sql: () => `
SELECT
  f.*,
  coalesce(f.flow_direction,
    CASE
      WHEN own_dst.interface_id IS NOT NULL THEN 'ingress'
      WHEN own_src.interface_id IS NOT NULL THEN 'egress'
    END) AS direction
FROM counted_flows f
LEFT JOIN ${OWN_ADDRESSES} own_dst
  ON own_dst.interface_id = f.interface_id
  AND own_dst.family = f.dst_family AND own_dst.value = f.dst_value
LEFT JOIN ${OWN_ADDRESSES} own_src
  ON own_src.interface_id = f.interface_id
  AND own_src.family = f.src_family AND own_src.value = f.src_value
WHERE f.log_status = 'OK' AND f.action IN ('ACCEPT', 'REJECT')`,
};

const CONVERSATION = `PARTITION BY interface_id, local_family, local_value, local_port,
      peer_family, peer_value, peer_port, protocol`;

const REQUEST_GROUP = 'interface_id, direction, protocol, dstport, peer_family, peer_value, day';

/**
 * Every (request group, rule) pair that matched. The steps:
 * - sided: local and peer ends of each accepted record;
 * - voted: per conversation, which direction the tcp-flags say was opened
 *   (SYN in a direction, or SYN-ACK in the opposite one);
 * - requests: the request side: by flags, else by ports (the non-ephemeral
 *   port is the server's), else both sides;
 * - request_groups: requests that match the same rules, summed per day;
 * - matches: request groups against the rules of the interface's groups;
 * then how many rules matched each request group, for exclusive hits. A
 * rule belongs to one group, so a request group meets each rule once and a
 * plain count is the number of distinct rules.
 */
const RULE_MATCHES: PlanRelation = {
  name: 'rule_matches',
  sql: (d) => {
    const ephemeral = (port: string): string =>
      `(${port} BETWEEN ${d.setting('ephemeral_from')} AND ${d.setting('ephemeral_to')})`;
    return `
WITH sided AS (
  SELECT
    interface_id, direction, protocol, dstport, day, records, packets, bytes,
    first_start, last_end, syn, synack,
    CASE direction WHEN 'ingress' THEN dst_family ELSE src_family END AS local_family,
    CASE direction WHEN 'ingress' THEN dst_value ELSE src_value END AS local_value,
    CASE direction WHEN 'ingress' THEN dstport ELSE srcport END AS local_port,
    CASE direction WHEN 'ingress' THEN src_family ELSE dst_family END AS peer_family,
    CASE direction WHEN 'ingress' THEN src_value ELSE dst_value END AS peer_value,
    CASE direction WHEN 'ingress' THEN srcport ELSE dstport END AS peer_port
  FROM directed_flows
  WHERE action = 'ACCEPT' AND direction IS NOT NULL
),
voted AS (
  SELECT
    *,
    bool_or((syn AND direction = 'ingress') OR (synack AND direction = 'egress'))
      OVER (${CONVERSATION}) AS ingress_opened,
    bool_or((syn AND direction = 'egress') OR (synack AND direction = 'ingress'))
      OVER (${CONVERSATION}) AS egress_opened
  FROM sided
),
requests AS (
  SELECT * FROM voted
  WHERE CASE
    WHEN ingress_opened AND NOT egress_opened THEN direction = 'ingress'
    WHEN egress_opened AND NOT ingress_opened THEN direction = 'egress'
    WHEN protocol IN (6, 17) AND local_port IS NOT NULL AND peer_port IS NOT NULL
      AND ${ephemeral('local_port')} <> ${ephemeral('peer_port')}
      -- the server is the side whose port is not ephemeral
      THEN direction = CASE WHEN ${ephemeral('peer_port')}
        THEN 'ingress' ELSE 'egress' END
    ELSE true
  END
),
request_groups AS (
  SELECT
    ${REQUEST_GROUP},
    sum(records) AS records,
    sum(packets) AS packets,
    sum(bytes) AS bytes,
    min(first_start) AS first_start,
    max(last_end) AS last_end
  FROM requests
  GROUP BY ${REQUEST_GROUP}
),
matches AS (
  SELECT q.*, r.rule_id
  FROM request_groups q
  JOIN (SELECT DISTINCT interface_id, group_id FROM interface_groups) g
    ON g.interface_id = q.interface_id
  JOIN rules r ON r.group_id = g.group_id AND r.direction = q.direction
  WHERE (r.protocol = -1 OR r.protocol = q.protocol)
    AND (q.protocol NOT IN (6, 17) OR r.protocol = -1
      OR r.from_port IS NULL OR r.to_port IS NULL
      OR q.dstport BETWEEN r.from_port AND r.to_port)
    AND EXISTS (
      SELECT 1 FROM rule_ranges p
      WHERE p.rule_id = r.rule_id
        AND p.family = q.peer_family
        AND q.peer_value BETWEEN p.first AND p.last)
)
SELECT
  *,
  count(*) OVER (PARTITION BY ${REQUEST_GROUP}) AS matching_rules
FROM matches`;
  },
};

/** The relations in the order they are built. */
export const PLAN_RELATIONS: readonly PlanRelation[] = [
  FLOW_ADDRESSES,
  COUNTED_FLOWS,
  DIRECTED_FLOWS,
  RULE_MATCHES,
];

export { PLAN_OUTPUTS, type PlanOutput } from './attribution-outputs.js';
