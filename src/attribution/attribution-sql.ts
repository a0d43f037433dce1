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
 * Per-rule usage. The steps:
 * - directed: the direction of each accepted record: flow-direction, else
 *   ingress when the destination is an address of the interface, egress when
 *   the source is;
 * - sided: local and peer ends of the record;
 * - voted: per conversation, which direction the tcp-flags say was opened
 *   (SYN in a direction, or SYN-ACK in the opposite one);
 * - requests: the request side: by flags, else by ports (the non-ephemeral
 *   port is the server's), else both sides;
 * - request_groups: requests that match the same rules, summed;
 * - matches: request groups against the rules of the interface's groups;
 * - scored: how many rules matched each request group, for exclusive hits.
 */
export const RULE_USAGE_SQL = `
WITH accepted AS (
  SELECT * FROM counted_flows WHERE log_status = 'OK' AND action = 'ACCEPT'
),
directed AS (
  SELECT
    a.*,
    coalesce(a.flow_direction,
      CASE
        WHEN EXISTS (
          SELECT 1 FROM interface_addresses i
          WHERE i.interface_id = a.interface_id
            AND i.family = a.dst_family AND i.value = a.dst_value) THEN 'ingress'
        WHEN EXISTS (
          SELECT 1 FROM interface_addresses i
          WHERE i.interface_id = a.interface_id
            AND i.family = a.src_family AND i.value = a.src_value) THEN 'egress'
      END) AS direction
  FROM accepted a
),
sided AS (
  SELECT
    interface_id, direction, protocol, dstport, records, packets, bytes,
    first_start, last_end, syn, synack,
    CASE direction WHEN 'ingress' THEN dst_family ELSE src_family END AS local_family,
    CASE direction WHEN 'ingress' THEN dst_value ELSE src_value END AS local_value,
    CASE direction WHEN 'ingress' THEN dstport ELSE srcport END AS local_port,
    CASE direction WHEN 'ingress' THEN src_family ELSE dst_family END AS peer_family,
    CASE direction WHEN 'ingress' THEN src_value ELSE dst_value END AS peer_value,
    CASE direction WHEN 'ingress' THEN srcport ELSE dstport END AS peer_port
  FROM directed
  WHERE direction IS NOT NULL
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
    interface_id, direction, protocol, dstport, peer_family, peer_value,
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
  JOIN interface_groups g ON g.interface_id = q.interface_id
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
),
scored AS (
  SELECT
    *,
    count(DISTINCT rule_id) OVER (
      PARTITION BY interface_id, direction, protocol, dstport, peer_family, peer_value
    ) AS matching_rules
  FROM matches
)
SELECT
  rule_id,
  sum(records) AS hits,
  coalesce(sum(records) FILTER (WHERE matching_rules = 1), 0) AS exclusive_hits,
  sum(packets) AS packets,
  sum(bytes) AS bytes,
  min(first_start) AS first_start,
  max(last_end) AS last_end
FROM scored
GROUP BY rule_id;
`;
