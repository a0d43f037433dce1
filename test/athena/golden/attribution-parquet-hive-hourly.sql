WITH
flows AS (
    SELECT
      NOT ok AS malformed,
      CASE WHEN ok THEN interface_id END AS interface_id,
      CASE WHEN ok THEN flow_direction END AS flow_direction,
      CASE WHEN ok THEN coalesce(pkt_srcaddr, srcaddr) END AS src,
      CASE WHEN ok THEN coalesce(pkt_dstaddr, dstaddr) END AS dst,
      CASE WHEN ok THEN srcport END AS srcport,
      CASE WHEN ok THEN dstport END AS dstport,
      CASE WHEN ok THEN protocol END AS protocol,
      CASE WHEN ok THEN action END AS action,
      CASE WHEN ok THEN coalesce(log_status, 'OK') END AS log_status,
      CASE WHEN ok THEN CAST(from_unixtime(start) AS DATE) END AS day,
      count(*) AS records,
      coalesce(sum(packets), 0) AS packets,
      coalesce(sum(bytes), 0) AS bytes,
      min(start) AS first_start,
      max("end") AS last_end,
      -- tcp-flags is the OR of the flags seen in the capture window; AWS
      -- reports SYN (2), FIN (1), RST (4) and SYN-ACK (18), never a bare ACK.
      coalesce(bool_or(ok AND protocol = 6 AND bitwise_and(tcp_flags, 18) = 2), false) AS syn,
      coalesce(bool_or(ok AND protocol = 6 AND bitwise_and(tcp_flags, 18) = 18), false) AS synack
    FROM (
    SELECT
      *,
      coalesce(well_formed
        AND ("end" IS NULL OR start IS NULL OR start <= "end")
        AND (coalesce(log_status, 'OK') <> 'OK' OR (
          interface_id IS NOT NULL AND srcaddr IS NOT NULL AND dstaddr IS NOT NULL
          AND protocol IS NOT NULL AND action IS NOT NULL)), false) AS ok
    FROM (
    SELECT
      CAST(nullif("interface_id", '-') AS VARCHAR) AS "interface_id",
      CAST(nullif("srcaddr", '-') AS VARCHAR) AS "srcaddr",
      CAST(nullif("dstaddr", '-') AS VARCHAR) AS "dstaddr",
      CAST(nullif("pkt_srcaddr", '-') AS VARCHAR) AS "pkt_srcaddr",
      CAST(nullif("pkt_dstaddr", '-') AS VARCHAR) AS "pkt_dstaddr",
      TRY_CAST("srcport" AS BIGINT) AS "srcport",
      TRY_CAST("dstport" AS BIGINT) AS "dstport",
      TRY_CAST("protocol" AS BIGINT) AS "protocol",
      TRY_CAST("packets" AS BIGINT) AS "packets",
      TRY_CAST("bytes" AS BIGINT) AS "bytes",
      TRY_CAST("start" AS BIGINT) AS "start",
      TRY_CAST("end" AS BIGINT) AS "end",
      TRY_CAST("tcp_flags" AS BIGINT) AS "tcp_flags",
      CAST(nullif("action", '-') AS VARCHAR) AS "action",
      CAST(nullif("log_status", '-') AS VARCHAR) AS "log_status",
      CAST(nullif("flow_direction", '-') AS VARCHAR) AS "flow_direction"
      , coalesce((("interface_id" IS NULL OR "interface_id" = '-') OR ("interface_id" <> '' AND CAST(nullif("interface_id", '-') AS VARCHAR) IS NOT NULL AND CAST(nullif("interface_id", '-') AS VARCHAR) IS NOT NULL))
        AND (("srcaddr" IS NULL OR "srcaddr" = '-') OR ("srcaddr" <> '' AND CAST(nullif("srcaddr", '-') AS VARCHAR) IS NOT NULL AND CAST(nullif("srcaddr", '-') AS VARCHAR) IS NOT NULL))
        AND (("dstaddr" IS NULL OR "dstaddr" = '-') OR ("dstaddr" <> '' AND CAST(nullif("dstaddr", '-') AS VARCHAR) IS NOT NULL AND CAST(nullif("dstaddr", '-') AS VARCHAR) IS NOT NULL))
        AND (("pkt_srcaddr" IS NULL OR "pkt_srcaddr" = '-') OR ("pkt_srcaddr" <> '' AND CAST(nullif("pkt_srcaddr", '-') AS VARCHAR) IS NOT NULL AND CAST(nullif("pkt_srcaddr", '-') AS VARCHAR) IS NOT NULL))
        AND (("pkt_dstaddr" IS NULL OR "pkt_dstaddr" = '-') OR ("pkt_dstaddr" <> '' AND CAST(nullif("pkt_dstaddr", '-') AS VARCHAR) IS NOT NULL AND CAST(nullif("pkt_dstaddr", '-') AS VARCHAR) IS NOT NULL))
        AND ("srcport" IS NULL OR (TRY_CAST("srcport" AS BIGINT) IS NOT NULL AND TRY_CAST("srcport" AS BIGINT) BETWEEN 0 AND 65535))
        AND ("dstport" IS NULL OR (TRY_CAST("dstport" AS BIGINT) IS NOT NULL AND TRY_CAST("dstport" AS BIGINT) BETWEEN 0 AND 65535))
        AND ("protocol" IS NULL OR (TRY_CAST("protocol" AS BIGINT) IS NOT NULL AND TRY_CAST("protocol" AS BIGINT) BETWEEN 0 AND 255))
        AND ("packets" IS NULL OR (TRY_CAST("packets" AS BIGINT) IS NOT NULL AND TRY_CAST("packets" AS BIGINT) >= 0))
        AND ("bytes" IS NULL OR (TRY_CAST("bytes" AS BIGINT) IS NOT NULL AND TRY_CAST("bytes" AS BIGINT) >= 0))
        AND ("start" IS NULL OR (TRY_CAST("start" AS BIGINT) IS NOT NULL AND TRY_CAST("start" AS BIGINT) BETWEEN 0 AND 253402300799))
        AND ("end" IS NULL OR (TRY_CAST("end" AS BIGINT) IS NOT NULL AND TRY_CAST("end" AS BIGINT) BETWEEN 0 AND 253402300799))
        AND ("tcp_flags" IS NULL OR (TRY_CAST("tcp_flags" AS BIGINT) IS NOT NULL AND TRY_CAST("tcp_flags" AS BIGINT) BETWEEN 0 AND 65535))
        AND (("action" IS NULL OR "action" = '-') OR ("action" <> '' AND CAST(nullif("action", '-') AS VARCHAR) IS NOT NULL AND CAST(nullif("action", '-') AS VARCHAR) IN ('ACCEPT', 'REJECT')))
        AND (("log_status" IS NULL OR "log_status" = '-') OR ("log_status" <> '' AND CAST(nullif("log_status", '-') AS VARCHAR) IS NOT NULL AND CAST(nullif("log_status", '-') AS VARCHAR) IN ('OK', 'NODATA', 'SKIPDATA')))
        AND (("flow_direction" IS NULL OR "flow_direction" = '-') OR ("flow_direction" <> '' AND CAST(nullif("flow_direction", '-') AS VARCHAR) IS NOT NULL AND CAST(nullif("flow_direction", '-') AS VARCHAR) IN ('ingress', 'egress'))), false) AS well_formed
    FROM (SELECT * FROM "stale_sg"."flow_logs" WHERE aws_account IN ('111111111111', '222222222222') AND aws_region IN ('eu-west-1', 'us-east-1') AND log_date >= 'year=2026/month=11/day=30/hour=00' AND log_date < 'year=2026/month=12/day=01/hour=01') records) normalized) checked
    WHERE NOT ok OR (
      (1795996800 IS NULL OR start >= 1795996800) AND (1796083200 IS NULL OR start < 1796083200))
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
),
interface_groups AS (
SELECT interface_id, group_id
FROM "stale_sg"."stale_sg_interface_groups"
WHERE run_id = '2026-12-01T03:00:00.000Z-0123abcd'
),
interface_addresses AS (
SELECT interface_id, family, CAST(address AS IPADDRESS) AS value
FROM "stale_sg"."stale_sg_interface_addresses"
WHERE run_id = '2026-12-01T03:00:00.000Z-0123abcd'
),
rules AS (
SELECT rule_id, group_id, direction, protocol, from_port, to_port
FROM "stale_sg"."stale_sg_rules"
WHERE run_id = '2026-12-01T03:00:00.000Z-0123abcd'
),
rule_ranges AS (
SELECT rule_id, family, CAST("first" AS IPADDRESS) AS "first", CAST("last" AS IPADDRESS) AS "last"
FROM "stale_sg"."stale_sg_rule_ranges"
WHERE run_id = '2026-12-01T03:00:00.000Z-0123abcd'
),
flow_addresses AS (
WITH texts AS (
  SELECT src AS text FROM flows WHERE src IS NOT NULL
  UNION
  SELECT dst FROM flows WHERE dst IS NOT NULL
)
SELECT text, CASE WHEN strpos(text, ':') > 0 THEN 6 ELSE 4 END AS family, TRY_CAST(text AS IPADDRESS) AS value
FROM texts
),
counted_flows AS (
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
  AND (f.dst IS NULL OR d.value IS NOT NULL)
),
directed_flows AS (
SELECT
  f.*,
  coalesce(f.flow_direction,
    CASE
      WHEN own_dst.interface_id IS NOT NULL THEN 'ingress'
      WHEN own_src.interface_id IS NOT NULL THEN 'egress'
    END) AS direction
FROM counted_flows f
LEFT JOIN (SELECT DISTINCT interface_id, family, value FROM interface_addresses) own_dst
  ON own_dst.interface_id = f.interface_id
  AND own_dst.family = f.dst_family AND own_dst.value = f.dst_value
LEFT JOIN (SELECT DISTINCT interface_id, family, value FROM interface_addresses) own_src
  ON own_src.interface_id = f.interface_id
  AND own_src.family = f.src_family AND own_src.value = f.src_value
WHERE f.log_status = 'OK' AND f.action IN ('ACCEPT', 'REJECT')
),
rule_matches AS (
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
      OVER (PARTITION BY interface_id, local_family, local_value, local_port,
      peer_family, peer_value, peer_port, protocol) AS ingress_opened,
    bool_or((syn AND direction = 'egress') OR (synack AND direction = 'ingress'))
      OVER (PARTITION BY interface_id, local_family, local_value, local_port,
      peer_family, peer_value, peer_port, protocol) AS egress_opened
  FROM sided
),
requests AS (
  SELECT * FROM voted
  WHERE CASE
    WHEN ingress_opened AND NOT egress_opened THEN direction = 'ingress'
    WHEN egress_opened AND NOT ingress_opened THEN direction = 'egress'
    WHEN protocol IN (6, 17) AND local_port IS NOT NULL AND peer_port IS NOT NULL
      AND (local_port BETWEEN 32768 AND 65535) <> (peer_port BETWEEN 32768 AND 65535)
      -- the server is the side whose port is not ephemeral
      THEN direction = CASE WHEN (peer_port BETWEEN 32768 AND 65535)
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
  GROUP BY interface_id, direction, protocol, dstport, peer_family, peer_value, day
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
  count(*) OVER (PARTITION BY interface_id, direction, protocol, dstport, peer_family, peer_value, day) AS matching_rules
FROM matches
)
SELECT 'summary' AS kind, CAST(records AS VARCHAR) AS records, CAST(accepted AS VARCHAR) AS accepted, CAST(rejected AS VARCHAR) AS rejected, CAST(read AS VARCHAR) AS read, CAST(first_start AS VARCHAR) AS first_start, CAST(last_end AS VARCHAR) AS last_end, CAST(NULL AS VARCHAR) AS interface_id, CAST(NULL AS VARCHAR) AS rule_id, CAST(NULL AS VARCHAR) AS hits, CAST(NULL AS VARCHAR) AS exclusive_hits, CAST(NULL AS VARCHAR) AS packets, CAST(NULL AS VARCHAR) AS bytes, CAST(NULL AS VARCHAR) AS first_seen, CAST(NULL AS VARCHAR) AS last_seen, CAST(NULL AS VARCHAR) AS day, CAST(NULL AS VARCHAR) AS protocol, CAST(NULL AS VARCHAR) AS port, CAST(NULL AS VARCHAR) AS family, CAST(NULL AS VARCHAR) AS network, CAST(NULL AS VARCHAR) AS rule_ids, CAST(NULL AS VARCHAR) AS direction, CAST(NULL AS VARCHAR) AS peer
FROM (
SELECT
  (SELECT coalesce(sum(records), 0) FROM counted_flows) AS records,
  (SELECT coalesce(sum(records), 0) FROM counted_flows
    WHERE log_status = 'OK' AND action = 'ACCEPT') AS accepted,
  (SELECT coalesce(sum(records), 0) FROM counted_flows
    WHERE log_status = 'OK' AND action = 'REJECT') AS rejected,
  (SELECT coalesce(sum(records), 0) FROM flows) AS read,
  (SELECT min(first_start) FROM counted_flows) AS first_start,
  (SELECT max(last_end) FROM counted_flows) AS last_end
) summary
UNION ALL
SELECT 'covered_interfaces' AS kind, CAST(NULL AS VARCHAR) AS records, CAST(NULL AS VARCHAR) AS accepted, CAST(NULL AS VARCHAR) AS rejected, CAST(NULL AS VARCHAR) AS read, CAST(NULL AS VARCHAR) AS first_start, CAST(NULL AS VARCHAR) AS last_end, CAST(interface_id AS VARCHAR) AS interface_id, CAST(NULL AS VARCHAR) AS rule_id, CAST(NULL AS VARCHAR) AS hits, CAST(NULL AS VARCHAR) AS exclusive_hits, CAST(NULL AS VARCHAR) AS packets, CAST(NULL AS VARCHAR) AS bytes, CAST(NULL AS VARCHAR) AS first_seen, CAST(NULL AS VARCHAR) AS last_seen, CAST(NULL AS VARCHAR) AS day, CAST(NULL AS VARCHAR) AS protocol, CAST(NULL AS VARCHAR) AS port, CAST(NULL AS VARCHAR) AS family, CAST(NULL AS VARCHAR) AS network, CAST(NULL AS VARCHAR) AS rule_ids, CAST(NULL AS VARCHAR) AS direction, CAST(NULL AS VARCHAR) AS peer
FROM (
SELECT DISTINCT interface_id FROM counted_flows WHERE interface_id IS NOT NULL
) covered_interfaces
UNION ALL
SELECT 'rule_usage' AS kind, CAST(NULL AS VARCHAR) AS records, CAST(NULL AS VARCHAR) AS accepted, CAST(NULL AS VARCHAR) AS rejected, CAST(NULL AS VARCHAR) AS read, CAST(NULL AS VARCHAR) AS first_start, CAST(NULL AS VARCHAR) AS last_end, CAST(NULL AS VARCHAR) AS interface_id, CAST(rule_id AS VARCHAR) AS rule_id, CAST(hits AS VARCHAR) AS hits, CAST(exclusive_hits AS VARCHAR) AS exclusive_hits, CAST(packets AS VARCHAR) AS packets, CAST(bytes AS VARCHAR) AS bytes, CAST(first_seen AS VARCHAR) AS first_seen, CAST(last_seen AS VARCHAR) AS last_seen, CAST(NULL AS VARCHAR) AS day, CAST(NULL AS VARCHAR) AS protocol, CAST(NULL AS VARCHAR) AS port, CAST(NULL AS VARCHAR) AS family, CAST(NULL AS VARCHAR) AS network, CAST(NULL AS VARCHAR) AS rule_ids, CAST(NULL AS VARCHAR) AS direction, CAST(NULL AS VARCHAR) AS peer
FROM (
SELECT
  rule_id,
  sum(records) AS hits,
  coalesce(sum(records) FILTER (WHERE matching_rules = 1), 0) AS exclusive_hits,
  sum(packets) AS packets,
  sum(bytes) AS bytes,
  min(first_start) AS first_seen,
  max(last_end) AS last_seen
FROM rule_matches
GROUP BY rule_id
) rule_usage
UNION ALL
SELECT 'daily_rule_usage' AS kind, CAST(NULL AS VARCHAR) AS records, CAST(NULL AS VARCHAR) AS accepted, CAST(NULL AS VARCHAR) AS rejected, CAST(NULL AS VARCHAR) AS read, CAST(NULL AS VARCHAR) AS first_start, CAST(NULL AS VARCHAR) AS last_end, CAST(NULL AS VARCHAR) AS interface_id, CAST(rule_id AS VARCHAR) AS rule_id, CAST(hits AS VARCHAR) AS hits, CAST(exclusive_hits AS VARCHAR) AS exclusive_hits, CAST(packets AS VARCHAR) AS packets, CAST(bytes AS VARCHAR) AS bytes, CAST(first_seen AS VARCHAR) AS first_seen, CAST(last_seen AS VARCHAR) AS last_seen, CAST(day AS VARCHAR) AS day, CAST(NULL AS VARCHAR) AS protocol, CAST(NULL AS VARCHAR) AS port, CAST(NULL AS VARCHAR) AS family, CAST(NULL AS VARCHAR) AS network, CAST(NULL AS VARCHAR) AS rule_ids, CAST(NULL AS VARCHAR) AS direction, CAST(NULL AS VARCHAR) AS peer
FROM (
SELECT
  rule_id,
  sum(records) AS hits,
  coalesce(sum(records) FILTER (WHERE matching_rules = 1), 0) AS exclusive_hits,
  sum(packets) AS packets,
  sum(bytes) AS bytes,
  min(first_start) AS first_seen,
  max(last_end) AS last_seen,
  date_format(day, '%Y-%m-%d') AS day
FROM rule_matches
WHERE day IS NOT NULL
GROUP BY rule_id, day
) daily_rule_usage
UNION ALL
SELECT 'interface_coverage' AS kind, CAST(records AS VARCHAR) AS records, CAST(NULL AS VARCHAR) AS accepted, CAST(NULL AS VARCHAR) AS rejected, CAST(NULL AS VARCHAR) AS read, CAST(NULL AS VARCHAR) AS first_start, CAST(NULL AS VARCHAR) AS last_end, CAST(interface_id AS VARCHAR) AS interface_id, CAST(NULL AS VARCHAR) AS rule_id, CAST(NULL AS VARCHAR) AS hits, CAST(NULL AS VARCHAR) AS exclusive_hits, CAST(NULL AS VARCHAR) AS packets, CAST(NULL AS VARCHAR) AS bytes, CAST(NULL AS VARCHAR) AS first_seen, CAST(NULL AS VARCHAR) AS last_seen, CAST(day AS VARCHAR) AS day, CAST(NULL AS VARCHAR) AS protocol, CAST(NULL AS VARCHAR) AS port, CAST(NULL AS VARCHAR) AS family, CAST(NULL AS VARCHAR) AS network, CAST(NULL AS VARCHAR) AS rule_ids, CAST(NULL AS VARCHAR) AS direction, CAST(NULL AS VARCHAR) AS peer
FROM (
SELECT interface_id, date_format(day, '%Y-%m-%d') AS day, sum(records) AS records
FROM counted_flows
WHERE interface_id IS NOT NULL AND day IS NOT NULL
GROUP BY interface_id, day
) interface_coverage
UNION ALL
SELECT 'rule_ports' AS kind, CAST(NULL AS VARCHAR) AS records, CAST(NULL AS VARCHAR) AS accepted, CAST(NULL AS VARCHAR) AS rejected, CAST(NULL AS VARCHAR) AS read, CAST(NULL AS VARCHAR) AS first_start, CAST(NULL AS VARCHAR) AS last_end, CAST(NULL AS VARCHAR) AS interface_id, CAST(rule_id AS VARCHAR) AS rule_id, CAST(hits AS VARCHAR) AS hits, CAST(NULL AS VARCHAR) AS exclusive_hits, CAST(NULL AS VARCHAR) AS packets, CAST(NULL AS VARCHAR) AS bytes, CAST(NULL AS VARCHAR) AS first_seen, CAST(NULL AS VARCHAR) AS last_seen, CAST(NULL AS VARCHAR) AS day, CAST(protocol AS VARCHAR) AS protocol, CAST(port AS VARCHAR) AS port, CAST(NULL AS VARCHAR) AS family, CAST(NULL AS VARCHAR) AS network, CAST(NULL AS VARCHAR) AS rule_ids, CAST(NULL AS VARCHAR) AS direction, CAST(NULL AS VARCHAR) AS peer
FROM (
SELECT rule_id, protocol, dstport AS port, sum(records) AS hits
FROM rule_matches
WHERE protocol IN (6, 17) AND dstport IS NOT NULL
GROUP BY rule_id, protocol, dstport
) rule_ports
UNION ALL
SELECT 'rule_peers' AS kind, CAST(NULL AS VARCHAR) AS records, CAST(NULL AS VARCHAR) AS accepted, CAST(NULL AS VARCHAR) AS rejected, CAST(NULL AS VARCHAR) AS read, CAST(NULL AS VARCHAR) AS first_start, CAST(NULL AS VARCHAR) AS last_end, CAST(NULL AS VARCHAR) AS interface_id, CAST(rule_id AS VARCHAR) AS rule_id, CAST(hits AS VARCHAR) AS hits, CAST(NULL AS VARCHAR) AS exclusive_hits, CAST(NULL AS VARCHAR) AS packets, CAST(NULL AS VARCHAR) AS bytes, CAST(NULL AS VARCHAR) AS first_seen, CAST(NULL AS VARCHAR) AS last_seen, CAST(NULL AS VARCHAR) AS day, CAST(NULL AS VARCHAR) AS protocol, CAST(NULL AS VARCHAR) AS port, CAST(family AS VARCHAR) AS family, CAST(network AS VARCHAR) AS network, CAST(NULL AS VARCHAR) AS rule_ids, CAST(NULL AS VARCHAR) AS direction, CAST(NULL AS VARCHAR) AS peer
FROM (
SELECT rule_id, family, network, sum(records) AS hits
FROM (
  SELECT
    rule_id,
    peer_family AS family,
    ip_subnet_min(ip_prefix(peer_value, CASE WHEN peer_family = 4 THEN 24 ELSE 64 END)) AS network,
    records
  FROM rule_matches
) peers
GROUP BY rule_id, family, network
) rule_peers
UNION ALL
SELECT 'rule_overlaps' AS kind, CAST(NULL AS VARCHAR) AS records, CAST(NULL AS VARCHAR) AS accepted, CAST(NULL AS VARCHAR) AS rejected, CAST(NULL AS VARCHAR) AS read, CAST(NULL AS VARCHAR) AS first_start, CAST(NULL AS VARCHAR) AS last_end, CAST(NULL AS VARCHAR) AS interface_id, CAST(NULL AS VARCHAR) AS rule_id, CAST(hits AS VARCHAR) AS hits, CAST(NULL AS VARCHAR) AS exclusive_hits, CAST(NULL AS VARCHAR) AS packets, CAST(NULL AS VARCHAR) AS bytes, CAST(NULL AS VARCHAR) AS first_seen, CAST(NULL AS VARCHAR) AS last_seen, CAST(NULL AS VARCHAR) AS day, CAST(NULL AS VARCHAR) AS protocol, CAST(NULL AS VARCHAR) AS port, CAST(NULL AS VARCHAR) AS family, CAST(NULL AS VARCHAR) AS network, CAST(rule_ids AS VARCHAR) AS rule_ids, CAST(NULL AS VARCHAR) AS direction, CAST(NULL AS VARCHAR) AS peer
FROM (
SELECT rule_ids, sum(records) AS hits
FROM (
  SELECT listagg(rule_id, ' ') WITHIN GROUP (ORDER BY rule_id) AS rule_ids, max(records) AS records
  FROM rule_matches
  WHERE matching_rules > 1
  GROUP BY interface_id, direction, protocol, dstport, peer_family, peer_value, day
) request_rules
GROUP BY rule_ids
) rule_overlaps
UNION ALL
SELECT 'rejected_traffic' AS kind, CAST(records AS VARCHAR) AS records, CAST(NULL AS VARCHAR) AS accepted, CAST(NULL AS VARCHAR) AS rejected, CAST(NULL AS VARCHAR) AS read, CAST(NULL AS VARCHAR) AS first_start, CAST(NULL AS VARCHAR) AS last_end, CAST(interface_id AS VARCHAR) AS interface_id, CAST(NULL AS VARCHAR) AS rule_id, CAST(NULL AS VARCHAR) AS hits, CAST(NULL AS VARCHAR) AS exclusive_hits, CAST(NULL AS VARCHAR) AS packets, CAST(NULL AS VARCHAR) AS bytes, CAST(NULL AS VARCHAR) AS first_seen, CAST(last_seen AS VARCHAR) AS last_seen, CAST(NULL AS VARCHAR) AS day, CAST(protocol AS VARCHAR) AS protocol, CAST(port AS VARCHAR) AS port, CAST(NULL AS VARCHAR) AS family, CAST(NULL AS VARCHAR) AS network, CAST(NULL AS VARCHAR) AS rule_ids, CAST(direction AS VARCHAR) AS direction, CAST(peer AS VARCHAR) AS peer
FROM (
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
GROUP BY interface_id, direction, peer, protocol, port
) rejected_traffic
