import type { DuckDBConnection } from '@duckdb/node-api';
import type { SourceVersion } from './batch-usage.js';
import { nullableNumberOf, numberOf, requiredInstantOf, textOf } from './store-values.js';

/** A source the store has merged, with the run that took it. */
export interface ProcessedSource extends SourceVersion {
  readonly runId: string;
  readonly processedAt: Date;
}

const PROCESSED_SOURCES_SQL = `
SELECT key, size, mtime_ms, etag, run_id, processed_at
FROM processed_sources`;

/**
 * Every processed source by key, in one query: a run compares the files it
 * finds against this map, so a rerun over thousands of processed files
 * costs one read, and a source whose size, modification time or ETag
 * changed since can be reported rather than counted again.
 */
export async function readProcessedSources(
  connection: DuckDBConnection,
): Promise<Map<string, ProcessedSource>> {
  const reader = await connection.runAndReadAll(PROCESSED_SOURCES_SQL);
  const sources = new Map<string, ProcessedSource>();
  for (const row of reader.getRowObjects()) {
    const key = String(row['key']);
    sources.set(key, {
      key,
      size: numberOf(row['size']),
      mtimeMs: nullableNumberOf(row['mtime_ms']),
      etag: textOf(row['etag']),
      runId: String(row['run_id']),
      processedAt: requiredInstantOf(row['processed_at']),
    });
  }
  return sources;
}
