/**
 * The statements that merge a staged batch into the store, run in one
 * transaction after its sources are recorded. Each first sums the staged
 * rows per key (DuckDB refuses to update one row twice in a statement),
 * then adds them to the stored rows: counts add up, first-seen times take
 * the earliest, last-seen times the latest.
 */

export const ALREADY_PROCESSED_SQL = `
SELECT batch.key, processed.run_id
FROM temp.stage_sources AS batch
JOIN processed_sources AS processed ON processed.key = batch.key
ORDER BY batch.key
LIMIT 1`;

export const INSERT_SOURCES_SQL = `
INSERT INTO processed_sources (key, size, mtime_ms, etag, run_id, processed_at)
SELECT key, size, mtime_ms, etag, $run_id, $processed_at
FROM temp.stage_sources`;

const MERGE_RULE_USAGE_SQL = `
WITH batch AS (
  SELECT rule_id,
         sum(hits) AS hits,
         sum(exclusive_hits) AS exclusive_hits,
         sum(packets) AS packets,
         sum(bytes) AS bytes,
         min(first_seen) AS first_seen,
         max(last_seen) AS last_seen
  FROM temp.stage_rule_usage
  GROUP BY rule_id
)
INSERT INTO rule_usage BY NAME
SELECT * FROM batch
ON CONFLICT (rule_id) DO UPDATE SET
  hits = rule_usage.hits + excluded.hits,
  exclusive_hits = rule_usage.exclusive_hits + excluded.exclusive_hits,
  packets = rule_usage.packets + excluded.packets,
  bytes = rule_usage.bytes + excluded.bytes,
  first_seen = least(rule_usage.first_seen, excluded.first_seen),
  last_seen = greatest(rule_usage.last_seen, excluded.last_seen)`;

const MERGE_RULE_USAGE_DAILY_SQL = `
WITH batch AS (
  SELECT rule_id,
         CAST(day AS DATE) AS day,
         sum(hits) AS hits,
         sum(exclusive_hits) AS exclusive_hits,
         sum(packets) AS packets,
         sum(bytes) AS bytes,
         min(first_seen) AS first_seen,
         max(last_seen) AS last_seen
  FROM temp.stage_rule_usage_daily
  GROUP BY rule_id, CAST(day AS DATE)
)
INSERT INTO rule_usage_daily BY NAME
SELECT * FROM batch
ON CONFLICT (rule_id, day) DO UPDATE SET
  hits = rule_usage_daily.hits + excluded.hits,
  exclusive_hits = rule_usage_daily.exclusive_hits + excluded.exclusive_hits,
  packets = rule_usage_daily.packets + excluded.packets,
  bytes = rule_usage_daily.bytes + excluded.bytes,
  first_seen = least(rule_usage_daily.first_seen, excluded.first_seen),
  last_seen = greatest(rule_usage_daily.last_seen, excluded.last_seen)`;

const MERGE_COVERAGE_SQL = `
WITH batch AS (
  SELECT interface_id, CAST(day AS DATE) AS day, sum(records) AS records
  FROM temp.stage_interface_coverage_daily
  GROUP BY interface_id, CAST(day AS DATE)
)
INSERT INTO interface_coverage_daily BY NAME
SELECT * FROM batch
ON CONFLICT (interface_id, day) DO UPDATE SET
  records = interface_coverage_daily.records + excluded.records`;

const MERGE_PORTS_SQL = `
WITH batch AS (
  SELECT rule_id, protocol, port, sum(hits) AS hits
  FROM temp.stage_rule_ports
  GROUP BY rule_id, protocol, port
)
INSERT INTO rule_ports BY NAME
SELECT * FROM batch
ON CONFLICT (rule_id, protocol, port) DO UPDATE SET
  hits = rule_ports.hits + excluded.hits`;

const MERGE_PEERS_SQL = `
WITH batch AS (
  SELECT rule_id, network, sum(hits) AS hits
  FROM temp.stage_rule_peers
  GROUP BY rule_id, network
)
INSERT INTO rule_peers BY NAME
SELECT * FROM batch
ON CONFLICT (rule_id, network) DO UPDATE SET
  hits = rule_peers.hits + excluded.hits`;

const MERGE_OVERLAPS_SQL = `
WITH batch AS (
  SELECT rule_ids, sum(hits) AS hits
  FROM temp.stage_rule_overlaps
  GROUP BY rule_ids
)
INSERT INTO rule_overlaps BY NAME
SELECT * FROM batch
ON CONFLICT (rule_ids) DO UPDATE SET
  hits = rule_overlaps.hits + excluded.hits`;

/**
 * MERGE rather than ON CONFLICT: the day (when unknown) and the port (for
 * protocols without ports) may be NULL, which a primary key cannot hold,
 * so rows match with IS NOT DISTINCT FROM.
 */
const MERGE_REJECTED_SQL = `
MERGE INTO rejected_traffic AS stored
USING (
  SELECT CAST(day AS DATE) AS day, interface_id, direction, peer, protocol, port,
         sum(records) AS records,
         max(last_seen) AS last_seen
  FROM temp.stage_rejected_traffic
  GROUP BY CAST(day AS DATE), interface_id, direction, peer, protocol, port
) AS batch
ON stored.day IS NOT DISTINCT FROM batch.day
  AND stored.interface_id = batch.interface_id
  AND stored.direction = batch.direction
  AND stored.peer = batch.peer
  AND stored.protocol = batch.protocol
  AND stored.port IS NOT DISTINCT FROM batch.port
WHEN MATCHED THEN UPDATE SET
  records = stored.records + batch.records,
  last_seen = greatest(stored.last_seen, batch.last_seen)
WHEN NOT MATCHED THEN INSERT BY NAME`;

/** MERGE for the same reason: a batch without records has a NULL day. */
const MERGE_FLOW_COUNTS_SQL = `
MERGE INTO flow_counts_daily AS stored
USING (
  SELECT CAST(day AS DATE) AS day,
         sum(records) AS records,
         sum(accepted) AS accepted,
         sum(rejected) AS rejected,
         sum(malformed) AS malformed,
         min(first_start) AS first_start,
         max(last_end) AS last_end
  FROM temp.stage_flow_counts_daily
  GROUP BY CAST(day AS DATE)
) AS batch
ON stored.day IS NOT DISTINCT FROM batch.day
WHEN MATCHED THEN UPDATE SET
  records = stored.records + batch.records,
  accepted = stored.accepted + batch.accepted,
  rejected = stored.rejected + batch.rejected,
  malformed = stored.malformed + batch.malformed,
  first_start = least(stored.first_start, batch.first_start),
  last_end = greatest(stored.last_end, batch.last_end)
WHEN NOT MATCHED THEN INSERT BY NAME`;

/** The merges, in the order they run. */
export const MERGE_BATCH_SQL: readonly string[] = [
  MERGE_RULE_USAGE_SQL,
  MERGE_RULE_USAGE_DAILY_SQL,
  MERGE_COVERAGE_SQL,
  MERGE_PORTS_SQL,
  MERGE_PEERS_SQL,
  MERGE_OVERLAPS_SQL,
  MERGE_REJECTED_SQL,
  MERGE_FLOW_COUNTS_SQL,
];
