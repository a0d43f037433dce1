/**
 * Queries that read the accumulated usage back. `$first_day` (inclusive) and
 * `$end_day` (exclusive) bound the days; both NULL means all of them,
 * including the rows without a day.
 */

const IN_WINDOW = `
  ($first_day IS NULL OR day >= CAST($first_day AS DATE))
  AND ($end_day IS NULL OR day < CAST($end_day AS DATE))`;

/** All-time totals: what `rule_usage` holds, untouched by retention. */
export const TOTALS_SQL = `
SELECT rule_id, hits, exclusive_hits, packets, bytes, first_seen, last_seen
FROM rule_usage
ORDER BY rule_id`;

/** Totals of a window, summed from the daily rows. */
export const WINDOW_TOTALS_SQL = `
SELECT rule_id,
       sum(hits) AS hits,
       sum(exclusive_hits) AS exclusive_hits,
       sum(packets) AS packets,
       sum(bytes) AS bytes,
       min(first_seen) AS first_seen,
       max(last_seen) AS last_seen
FROM rule_usage_daily
WHERE ${IN_WINDOW}
GROUP BY rule_id
ORDER BY rule_id`;

export const DAILY_SQL = `
SELECT rule_id, CAST(day AS VARCHAR) AS day, hits, exclusive_hits, packets, bytes,
       first_seen, last_seen
FROM rule_usage_daily
WHERE ${IN_WINDOW}
ORDER BY rule_id, day`;

export const COVERAGE_SQL = `
SELECT interface_id, CAST(day AS VARCHAR) AS day, records
FROM interface_coverage_daily
WHERE ${IN_WINDOW}
ORDER BY interface_id, day`;

/** Ports, peers and overlaps have no day: they are all-time, whatever the window. */
export const PORTS_SQL = `
SELECT rule_id, protocol, port, hits
FROM rule_ports
ORDER BY rule_id, protocol, port`;

export const PEERS_SQL = `
SELECT rule_id, network, hits
FROM rule_peers
ORDER BY rule_id, network`;

export const OVERLAPS_SQL = `
SELECT rule_ids, hits
FROM rule_overlaps
ORDER BY rule_ids`;

/** Rejected traffic of the window's days, summed over the days. */
export const REJECTED_SQL = `
SELECT interface_id, direction, peer, protocol, port,
       sum(records) AS records,
       max(last_seen) AS last_seen
FROM rejected_traffic
WHERE ${IN_WINDOW}
GROUP BY interface_id, direction, peer, protocol, port
ORDER BY interface_id, direction, peer, protocol, port NULLS FIRST`;

export const COUNTS_SQL = `
SELECT sum(records) AS records,
       sum(accepted) AS accepted,
       sum(rejected) AS rejected,
       sum(malformed) AS malformed,
       min(first_start) AS first_start,
       max(last_end) AS last_end
FROM flow_counts_daily
WHERE ${IN_WINDOW}`;
