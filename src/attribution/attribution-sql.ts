/**
 * Attribution in SQL, over the `flows` table and the inventory tables. Each
 * step is a named CTE; docs/attribution.md explains them with examples.
 * Bind `$ephemeral_from` and `$ephemeral_to`.
 */

/** Every distinct address text in the flows, parsed once. */
export const FLOW_ADDRESSES_SQL = `
CREATE OR REPLACE TEMP TABLE flow_addresses AS
WITH texts AS (
  SELECT src AS text FROM flows WHERE src IS NOT NULL
  UNION
  SELECT dst FROM flows WHERE dst IS NOT NULL
)
SELECT text, ip_family(text)::TINYINT AS family, ip_value(text) AS value
FROM texts;
`;

/**
 * Records that count: well formed, with addresses that parse. An address
 * that does not parse makes its records malformed.
 */
export const COUNTED_FLOWS_SQL = `
CREATE OR REPLACE TEMP TABLE counted_flows AS
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
  AND (f.dst IS NULL OR d.value IS NOT NULL);
`;

export const SUMMARY_SQL = `
SELECT
  (SELECT coalesce(sum(records), 0) FROM counted_flows) AS records,
  (SELECT coalesce(sum(records), 0) FROM counted_flows
    WHERE log_status = 'OK' AND action = 'ACCEPT') AS accepted,
  (SELECT coalesce(sum(records), 0) FROM counted_flows
    WHERE log_status = 'OK' AND action = 'REJECT') AS rejected,
  (SELECT coalesce(sum(records), 0) FROM flows) AS read,
  (SELECT min(first_start) FROM counted_flows) AS first_start,
  (SELECT max(last_end) FROM counted_flows) AS last_end;
`;

/** Interfaces that appear in any counted record, NODATA and SKIPDATA included. */
export const COVERED_INTERFACES_SQL = `
SELECT DISTINCT interface_id FROM counted_flows WHERE interface_id IS NOT NULL;
`;

/**
 * Counted `OK` records with their direction relative to their interface:
 * flow-direction where the format has it, else ingress when the destination
 * is an address of the interface, egress when the source is; NULL when
 * neither (such records match no rule).
 */
export const DIRECTED_FLOWS_SQL = `
CREATE OR REPLACE TEMP TABLE directed_flows AS
SELECT
  f.*,
  coalesce(f.flow_direction,
    CASE
      WHEN EXISTS (
        SELECT 1 FROM interface_addresses i
        WHERE i.interface_id = f.interface_id
          AND i.family = f.dst_family AND i.value = f.dst_value) THEN 'ingress'
      WHEN EXISTS (
        SELECT 1 FROM interface_addresses i
        WHERE i.interface_id = f.interface_id
          AND i.family = f.src_family AND i.value = f.src_value) THEN 'egress'
    END) AS direction
FROM counted_flows f
WHERE f.log_status = 'OK' AND f.action IN ('ACCEPT', 'REJECT');
`;

/**
 * Every (request group, rule) pair that matched, in `rule_matches`. The steps:
 * - sided: local and peer ends of each accepted record;
 * - voted: per conversation, which direction the tcp-flags say was opened
 *   (SYN in a direction, or SYN-ACK in the opposite one);
 * - requests: the request side: by flags, else by ports (the non-ephemeral
 *   port is the server's), else both sides;
 * - request_groups: requests that match the same rules, summed per day;
 * - matches: request groups against the rules of the interface's groups;
 * - scored: how many rules matched each request group, for exclusive hits.
 */
export const RULE_MATCHES_SQL = `
CREATE OR REPLACE TEMP TABLE rule_matches AS
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
      OVER conversation AS ingress_opened,
    bool_or((syn AND direction = 'egress') OR (synack AND direction = 'ingress'))
      OVER conversation AS egress_opened
  FROM sided
  WINDOW conversation AS (
    PARTITION BY interface_id, local_family, local_value, local_port,
      peer_family, peer_value, peer_port, protocol)
),
requests AS (
  SELECT * FROM voted
  WHERE CASE
    WHEN ingress_opened AND NOT egress_opened THEN direction = 'ingress'
    WHEN egress_opened AND NOT ingress_opened THEN direction = 'egress'
    WHEN protocol IN (6, 17) AND local_port IS NOT NULL AND peer_port IS NOT NULL
      AND (local_port BETWEEN $ephemeral_from AND $ephemeral_to)
        <> (peer_port BETWEEN $ephemeral_from AND $ephemeral_to)
      -- the server is the side whose port is not ephemeral
      THEN direction = CASE WHEN peer_port BETWEEN $ephemeral_from AND $ephemeral_to
        THEN 'ingress' ELSE 'egress' END
    ELSE true
  END
),
request_groups AS (
  SELECT
    interface_id, direction, protocol, dstport, peer_family, peer_value, day,
    sum(records) AS records,
    sum(packets) AS packets,
    sum(bytes) AS bytes,
    min(first_start) AS first_start,
    max(last_end) AS last_end
  FROM requests
  GROUP BY ALL
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
  count(DISTINCT rule_id) OVER (
    PARTITION BY interface_id, direction, protocol, dstport, peer_family, peer_value, day
  ) AS matching_rules
FROM matches;
`;

/** Per-rule totals. */
export const RULE_USAGE_SQL = `
SELECT
  rule_id,
  sum(records) AS hits,
  coalesce(sum(records) FILTER (WHERE matching_rules = 1), 0) AS exclusive_hits,
  sum(packets) AS packets,
  sum(bytes) AS bytes,
  min(first_start) AS first_seen,
  max(last_end) AS last_seen
FROM rule_matches
GROUP BY rule_id;
`;

/** Per-rule, per-day usage, for history and heat maps. */
export const DAILY_RULE_USAGE_SQL = `
SELECT
  rule_id,
  strftime(day, '%Y-%m-%d') AS day,
  sum(records) AS hits,
  coalesce(sum(records) FILTER (WHERE matching_rules = 1), 0) AS exclusive_hits,
  sum(packets) AS packets,
  sum(bytes) AS bytes,
  min(first_start) AS first_seen,
  max(last_end) AS last_seen
FROM rule_matches
WHERE day IS NOT NULL
GROUP BY ALL
ORDER BY rule_id, day;
`;

/** Records per interface and day, of any status: when each interface was covered. */
export const INTERFACE_COVERAGE_SQL = `
SELECT interface_id, strftime(day, '%Y-%m-%d') AS day, sum(records) AS records
FROM counted_flows
WHERE interface_id IS NOT NULL AND day IS NOT NULL
GROUP BY ALL
ORDER BY ALL;
`;

/** Hits per rule and server port, for narrowing port ranges. */
export const RULE_PORTS_SQL = `
SELECT rule_id, protocol, dstport AS port, sum(records) AS hits
FROM rule_matches
WHERE protocol IN (6, 17) AND dstport IS NOT NULL
GROUP BY ALL
ORDER BY ALL;
`;

/**
 * Hits per rule and peer network (/24 for IPv4, /64 for IPv6), for
 * narrowing wide CIDRs. The network is returned as family and first address.
 */
export const RULE_PEERS_SQL = `
SELECT
  rule_id,
  peer_family AS family,
  CASE WHEN peer_family = 4
    THEN peer_value // 256 * 256
    ELSE peer_value // (1::UHUGEINT << 64) * (1::UHUGEINT << 64)
  END AS network,
  sum(records) AS hits
FROM rule_matches
GROUP BY ALL
ORDER BY ALL;
`;

/** Request groups that several rules allowed at once, by the set of rules. */
export const RULE_OVERLAPS_SQL = `
WITH request_rules AS (
  SELECT
    list(rule_id ORDER BY rule_id) AS rule_ids,
    any_value(records) AS records
  FROM rule_matches
  WHERE matching_rules > 1
  GROUP BY interface_id, direction, protocol, dstport, peer_family, peer_value, day
)
SELECT array_to_string(rule_ids, ' ') AS rule_ids, sum(records) AS hits
FROM request_rules
GROUP BY rule_ids
ORDER BY rule_ids;
`;

/** Rejected records by interface, direction, peer, protocol and server port. */
export const REJECTED_TRAFFIC_SQL = `
SELECT
  interface_id,
  direction,
  CASE direction WHEN 'ingress' THEN src ELSE dst END AS peer,
  protocol,
  dstport AS port,
  sum(records) AS records,
  max(last_end) AS last_seen
FROM directed_flows
WHERE action = 'REJECT' AND direction IS NOT NULL
GROUP BY ALL
ORDER BY records DESC, interface_id, direction, peer, protocol, port;
`;
