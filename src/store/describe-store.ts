import type { DuckDBConnection } from '@duckdb/node-api';
import { schemaVersion } from './migrations.js';
import { instantOf, numberOf, textOf } from './store-values.js';

/** What a store holds, for status output. */
export interface StoreDescription {
  readonly path: string;
  readonly schemaVersion: number;
  readonly snapshots: number;
  /** When the latest inventory snapshot was taken; null before the first. */
  readonly lastSnapshotAt: Date | null;
  /** Rules present in the latest snapshot. */
  readonly rules: number;
  /** Processed-source records (retention prunes old ones). */
  readonly sources: number;
  readonly runs: number;
  /** The first and last UTC day, `YYYY-MM-DD`, with any flow logs; null when none. */
  readonly firstDay: string | null;
  readonly lastDay: string | null;
}

const DESCRIBE_SQL = `
WITH flow_days AS (
  SELECT day FROM rule_usage_daily
  UNION ALL
  SELECT day FROM interface_coverage_daily
  UNION ALL
  SELECT day FROM flow_counts_daily
)
SELECT
  (SELECT count(*) FROM inventory_snapshots) AS snapshots,
  (SELECT max(taken_at) FROM inventory_snapshots) AS last_snapshot_at,
  (SELECT count(*) FROM security_group_rules WHERE gone_at IS NULL) AS rules,
  (SELECT count(*) FROM processed_sources) AS sources,
  (SELECT count(*) FROM runs) AS runs,
  (SELECT CAST(min(day) AS VARCHAR) FROM flow_days) AS first_day,
  (SELECT CAST(max(day) AS VARCHAR) FROM flow_days) AS last_day`;

export async function describeStore(
  connection: DuckDBConnection,
  path: string,
): Promise<StoreDescription> {
  const reader = await connection.runAndReadAll(DESCRIBE_SQL);
  const row = reader.getRowObjects()[0] ?? {};
  return {
    path,
    schemaVersion: await schemaVersion(connection),
    snapshots: numberOf(row['snapshots']),
    lastSnapshotAt: instantOf(row['last_snapshot_at']),
    rules: numberOf(row['rules']),
    sources: numberOf(row['sources']),
    runs: numberOf(row['runs']),
    firstDay: textOf(row['first_day']),
    lastDay: textOf(row['last_day']),
  };
}
