import { INTEGER, TIMESTAMPTZ, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import { StaleSgError } from '../errors.js';
import { inTransaction } from './in-transaction.js';
import { SCHEMA_V1_SQL } from './store-schema.js';
import { instantValue, numberOf } from './store-values.js';

/**
 * One step of the store's schema. Steps are only ever appended: a released
 * migration never changes, because stores in the field already ran it.
 */
export interface Migration {
  readonly version: number;
  readonly description: string;
  /** Statements, run in one transaction with the `schema_version` row. */
  readonly sql: string;
}

/** Every migration, in order; version n is the n-th. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'inventory snapshots, usage history, processed sources and the run log',
    sql: SCHEMA_V1_SQL,
  },
  {
    version: 2,
    description: 'the region of each security group, where it was collected from the EC2 API',
    sql: `
ALTER TABLE security_groups ADD COLUMN region VARCHAR;
COMMENT ON COLUMN security_groups.region IS 'region the group was collected in; NULL for CLI exports';`,
  },
];

/** One row per migration applied; the store's version is the highest. */
const SCHEMA_VERSION_TABLE_SQL = `
CREATE TABLE IF NOT EXISTS schema_version (
  version     INTEGER PRIMARY KEY,
  description VARCHAR NOT NULL,
  applied_at  TIMESTAMPTZ NOT NULL
)`;

const CURRENT_VERSION_SQL = `
SELECT coalesce(max(version), 0) AS version
FROM schema_version`;

const RECORD_VERSION_SQL = `
INSERT INTO schema_version (version, description, applied_at)
VALUES ($version, $description, $applied_at)`;

/**
 * Brings the store at `path` forward to the last migration and returns the
 * version it is at. Each migration commits on its own, so a store stopped
 * half-way resumes at the first migration it lacks. A store written by a
 * newer stale-sg is refused rather than misread.
 */
export async function migrateStore(
  connection: DuckDBConnection,
  path: string,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number> {
  await connection.run(SCHEMA_VERSION_TABLE_SQL);
  const current = await schemaVersion(connection);
  const latest = migrations.at(-1)?.version ?? 0;

  if (current > latest) {
    throw new StaleSgError(
      'STORE_FAILURE',
      `the store ${path} has schema version ${current}, but this stale-sg knows versions ` +
        `up to ${latest}: open it with a newer stale-sg, or use another --db`,
    );
  }

  for (const migration of migrations) {
    if (migration.version > current) await applyMigration(connection, migration);
  }
  return latest;
}

/** The version recorded in the store; 0 for a new file. */
export async function schemaVersion(connection: DuckDBConnection): Promise<number> {
  const reader = await connection.runAndReadAll(CURRENT_VERSION_SQL);
  return numberOf(reader.getRows()[0]?.[0]);
}

async function applyMigration(connection: DuckDBConnection, migration: Migration): Promise<void> {
  await inTransaction(connection, async () => {
    await connection.run(migration.sql);
    await connection.run(
      RECORD_VERSION_SQL,
      {
        version: migration.version,
        description: migration.description,
        applied_at: instantValue(new Date()),
      },
      { version: INTEGER, description: VARCHAR, applied_at: TIMESTAMPTZ },
    );
  });
}
