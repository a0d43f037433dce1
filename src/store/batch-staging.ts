import type { DuckDBConnection } from '@duckdb/node-api';
import type { BatchUsage, SourceVersion } from './batch-usage.js';
import { overlapKey } from './overlap-key.js';
import { stageRows, type StagedCell, type StagingTable } from './stage-rows.js';
import { utcDayOfSeconds } from './store-values.js';

/** The TEMP tables a batch is staged in before its transaction merges it. */
export const BATCH_STAGING = {
  sources: table('stage_sources', 'flow log sources', [
    ['key', 'VARCHAR'],
    ['size', 'BIGINT'],
    ['mtime_ms', 'DOUBLE'],
    ['etag', 'VARCHAR'],
  ]),
  totals: table('stage_rule_usage', 'usage totals', [
    ['rule_id', 'VARCHAR'],
    ['hits', 'BIGINT'],
    ['exclusive_hits', 'BIGINT'],
    ['packets', 'BIGINT'],
    ['bytes', 'BIGINT'],
    ['first_seen', 'BIGINT'],
    ['last_seen', 'BIGINT'],
  ]),
  daily: table('stage_rule_usage_daily', 'daily usage', [
    ['rule_id', 'VARCHAR'],
    ['day', 'VARCHAR'],
    ['hits', 'BIGINT'],
    ['exclusive_hits', 'BIGINT'],
    ['packets', 'BIGINT'],
    ['bytes', 'BIGINT'],
    ['first_seen', 'BIGINT'],
    ['last_seen', 'BIGINT'],
  ]),
  coverage: table('stage_interface_coverage_daily', 'interface coverage', [
    ['interface_id', 'VARCHAR'],
    ['day', 'VARCHAR'],
    ['records', 'BIGINT'],
  ]),
  ports: table('stage_rule_ports', 'rule ports', [
    ['rule_id', 'VARCHAR'],
    ['protocol', 'INTEGER'],
    ['port', 'INTEGER'],
    ['hits', 'BIGINT'],
  ]),
  peers: table('stage_rule_peers', 'rule peers', [
    ['rule_id', 'VARCHAR'],
    ['network', 'VARCHAR'],
    ['hits', 'BIGINT'],
  ]),
  overlaps: table('stage_rule_overlaps', 'rule overlaps', [
    ['rule_ids', 'VARCHAR'],
    ['hits', 'BIGINT'],
  ]),
  rejected: table('stage_rejected_traffic', 'rejected traffic', [
    ['day', 'VARCHAR'],
    ['interface_id', 'VARCHAR'],
    ['direction', 'VARCHAR'],
    ['peer', 'VARCHAR'],
    ['protocol', 'INTEGER'],
    ['port', 'INTEGER'],
    ['records', 'BIGINT'],
    ['last_seen', 'BIGINT'],
  ]),
  counts: table('stage_flow_counts_daily', 'flow counts', [
    ['day', 'VARCHAR'],
    ['records', 'BIGINT'],
    ['accepted', 'BIGINT'],
    ['rejected', 'BIGINT'],
    ['malformed', 'BIGINT'],
    ['first_start', 'BIGINT'],
    ['last_end', 'BIGINT'],
  ]),
};

export const BATCH_STAGING_TABLES: readonly StagingTable[] = Object.values(BATCH_STAGING);

type BatchPart = keyof typeof BATCH_STAGING;
type Rows = readonly (readonly StagedCell[])[];

/** Appends the batch's sources and usage to the staging tables, replacing what they held. */
export async function stageBatch(
  connection: DuckDBConnection,
  sources: readonly SourceVersion[],
  usage: BatchUsage,
): Promise<void> {
  const rows: Record<BatchPart, Rows> = {
    sources: sources.map((source) => [source.key, source.size, source.mtimeMs, source.etag]),
    totals: usage.totals.map((rule) => [
      rule.ruleId,
      rule.hits,
      rule.exclusiveHits,
      rule.packets,
      rule.bytes,
      rule.firstSeen,
      rule.lastSeen,
    ]),
    daily: usage.evidence.daily.map((day) => [
      day.ruleId,
      day.day,
      day.hits,
      day.exclusiveHits,
      day.packets,
      day.bytes,
      day.firstSeen,
      day.lastSeen,
    ]),
    coverage: usage.evidence.coverage.map((day) => [day.interfaceId, day.day, day.records]),
    ports: usage.evidence.ports.map((port) => [port.ruleId, port.protocol, port.port, port.hits]),
    peers: usage.evidence.peers.map((peer) => [peer.ruleId, peer.network, peer.hits]),
    overlaps: usage.evidence.overlaps.map((overlap) => [overlapKey(overlap.ruleIds), overlap.hits]),
    rejected: rejectedRows(usage),
    counts: [countsRow(usage)],
  };

  for (const [name, staging] of Object.entries(BATCH_STAGING)) {
    await stageRows(connection, staging, rows[name as BatchPart]);
  }
}

/**
 * Rejected traffic comes per batch, without a day; it is kept under the day
 * of its latest record so that retention can prune it, or the batch's day
 * when that is unknown.
 */
function rejectedRows(usage: BatchUsage): Rows {
  const batchDay = dayOf(usage.counts.firstStart);
  return usage.evidence.rejected.map((traffic) => [
    traffic.lastSeen === null ? batchDay : dayOf(traffic.lastSeen),
    traffic.interfaceId,
    traffic.direction,
    traffic.peer,
    traffic.protocol,
    traffic.port,
    traffic.records,
    traffic.lastSeen,
  ]);
}

/** A batch's counts have no day of their own: they go under the day the batch began. */
function countsRow(usage: BatchUsage): readonly StagedCell[] {
  const counts = usage.counts;
  return [
    dayOf(counts.firstStart),
    counts.records,
    counts.acceptedRecords,
    counts.rejectedRecords,
    counts.malformedRecords,
    counts.firstStart,
    counts.lastEnd,
  ];
}

function dayOf(seconds: number | null): string | null {
  return seconds === null ? null : utcDayOfSeconds(seconds);
}

function table(name: string, description: string, columns: StagingTable['columns']): StagingTable {
  return { name, description, columns };
}
