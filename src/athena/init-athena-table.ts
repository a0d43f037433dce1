import type { AthenaClient, QueryExecutionState } from '@aws-sdk/client-athena';

import { awsLogsLocation } from './aws-logs-location.js';
import { inventoryTablesDdl } from './inventory-tables.js';
import { validateFlowLogTableLayout } from './validate-flow-log-table-layout.js';
import type { FlowLogTableLayout } from './flow-log-table.js';
import {
  createDatabaseSql,
  createFlowLogTableSql,
  type FlowLogTableOptions,
} from './flow-log-table-ddl.js';
import {
  runAthenaQuery,
  type AthenaQueryOptions,
  type AthenaQueryResult,
} from './run-athena-query.js';

/** The statements of `stale-sg athena init`, in the order they run. */
export type InitStep = 'database' | 'table' | 'inventory';

/** Where each run uploads its inventory tables for Athena: `s3://bucket/prefix/`. */
export interface InventoryData {
  readonly bucket: string;
  readonly prefix: string;
}

export interface InitTableOptions extends FlowLogTableOptions {
  /** Also create the four inventory tables that `--engine athena` uploads into. */
  readonly inventoryData?: InventoryData;
}

export interface InitStatement {
  readonly step: InitStep;
  readonly sql: string;
}

export interface InitAthenaTableOptions
  extends
    InitTableOptions,
    Pick<
      AthenaQueryOptions,
      'workGroup' | 'outputLocation' | 'signal' | 'timeoutMs' | 'pollMinMs' | 'pollMaxMs'
    >,
    Pick<AthenaQueryOptions, 'sleep' | 'now'> {
  readonly onProgress?: (
    step: InitStep,
    state: QueryExecutionState,
    elapsedMs: number,
    bytesScanned: number,
  ) => void;
}

export interface InitAthenaTableResult {
  readonly database: string;
  /** `database.table`. */
  readonly table: string;
  /** The `AWSLogs/` folder the table reads. */
  readonly location: string;
  /** Per statement, in order. */
  readonly queries: readonly AthenaQueryResult[];
}

/**
 * CREATE DATABASE, then CREATE TABLE, all `IF NOT EXISTS`, and with
 * `inventoryData` the inventory tables; the layout is validated first.
 */
export function initAthenaTableSql(
  layout: FlowLogTableLayout,
  options: InitTableOptions = {},
): InitStatement[] {
  const { inventoryData, ...tableOptions } = options;
  const statements: InitStatement[] = [
    { step: 'database', sql: createDatabaseSql(layout) },
    { step: 'table', sql: createFlowLogTableSql(layout, tableOptions) },
  ];
  if (inventoryData !== undefined) {
    // The data location obeys the rules of the flow log location.
    validateFlowLogTableLayout({ ...layout, ...inventoryData });
    for (const sql of inventoryTablesDdl(
      layout.database,
      inventoryData.bucket,
      inventoryData.prefix,
    )) {
      statements.push({ step: 'inventory', sql });
    }
  }
  return statements;
}

/**
 * Creates the Glue database and the flow log table through Athena, one
 * statement after the other. What `stale-sg athena init` does, and what a
 * deployment can call.
 */
export async function initAthenaTable(
  client: AthenaClient,
  layout: FlowLogTableLayout,
  options: InitAthenaTableOptions,
): Promise<InitAthenaTableResult> {
  const { onProgress, projectionStart, inventoryData, ...queryOptions } = options;
  const statements = initAthenaTableSql(layout, { projectionStart, inventoryData });

  const queries: AthenaQueryResult[] = [];
  for (const { step, sql } of statements) {
    const result = await runAthenaQuery(client, {
      ...queryOptions,
      sql,
      onProgress: (state, elapsedMs, bytes) => onProgress?.(step, state, elapsedMs, bytes),
    });
    queries.push(result);
  }

  return {
    database: layout.database,
    table: `${layout.database}.${layout.table}`,
    location: awsLogsLocation(layout),
    queries,
  };
}
