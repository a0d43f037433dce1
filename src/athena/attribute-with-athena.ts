import type { AthenaClient } from '@aws-sdk/client-athena';
import type { S3Client } from '@aws-sdk/client-s3';
import type { PortRange } from '../attribution/port-range.js';
import type { Inventory } from '../inventory/inventory.js';
import { newRunId } from '../store/run-id.js';
import { attributionFromRows, type QueryAttribution } from './attribution-results.js';
import { attributionQuery } from './attribution-query.js';
import type { FlowLogTableLayout } from './flow-log-table.js';
import { uploadInventory } from './inventory-upload.js';
import type { QueryWindow } from './partition-filter-sql.js';
import { readQueryResults } from './read-query-results.js';
import { runAthenaQuery, type AthenaProgressListener } from './run-athena-query.js';

export interface AthenaEngineOptions {
  readonly layout: FlowLogTableLayout;
  readonly workGroup: string;
  /** Where results go, when the workgroup does not set it. */
  readonly outputLocation?: string;
  /** Bucket and prefix for the run's inventory tables (`athena init --data`). */
  readonly dataBucket: string;
  readonly dataPrefix: string;
  readonly timeoutMs?: number;
  /** Aborting stops the query. */
  readonly signal?: AbortSignal;
  readonly onProgress?: AthenaProgressListener;
}

export interface AthenaAttribution extends QueryAttribution {
  readonly queryExecutionId: string;
  readonly dataScannedBytes: number;
  readonly costUsd: number;
}

/**
 * Attribution by Athena, for the CLI's `--engine athena`: uploads the
 * inventory tables under a fresh run id, runs the window's query (polled
 * with backoff, stopped on abort or time-out), and reads its result pages
 * into the same attribution and evidence as the DuckDB engine returns.
 */
export async function attributeWithAthena(
  clients: { readonly athena: AthenaClient; readonly s3: S3Client },
  inventory: Inventory,
  window: QueryWindow,
  ephemeralPorts: PortRange,
  options: AthenaEngineOptions,
): Promise<AthenaAttribution> {
  const runId = newRunId(new Date());
  await uploadInventory(clients.s3, options.dataBucket, options.dataPrefix, runId, inventory);

  const sql = attributionQuery({ layout: options.layout, window, runId, ephemeralPorts });
  const query = await runAthenaQuery(clients.athena, {
    sql,
    workGroup: options.workGroup,
    outputLocation: options.outputLocation,
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    onProgress: options.onProgress,
  });

  const attributed = await attributionFromRows(
    readQueryResults(clients.athena, query.queryExecutionId),
  );
  return {
    ...attributed,
    queryExecutionId: query.queryExecutionId,
    dataScannedBytes: query.dataScannedBytes,
    costUsd: query.costUsd,
  };
}
