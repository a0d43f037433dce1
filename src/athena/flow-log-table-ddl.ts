import { awsLogsLocation } from './aws-logs-location.js';
import { flowLogColumns } from './flow-log-columns.js';
import {
  DEFAULT_FLOW_LOG_FIELDS,
  PARTITION_COLUMNS,
  type FlowLogTableLayout,
} from './flow-log-table.js';
import { projectionProperties, type ProjectionOptions } from './projection-properties.js';
import { quoteIdentifier, quoteString } from './quote-sql.js';
import { validateFlowLogTableLayout } from './validate-flow-log-table-layout.js';

/** Options of the table that are not part of the S3 layout. */
export type FlowLogTableOptions = ProjectionOptions;

// Also exported here, where infra/ imports it from.
export { DEFAULT_PROJECTION_START } from './projection-properties.js';

/** `CREATE DATABASE IF NOT EXISTS`, for the layout's database. */
export function createDatabaseSql(layout: FlowLogTableLayout): string {
  validateFlowLogTableLayout(layout);
  return `CREATE DATABASE IF NOT EXISTS ${quoteIdentifier(layout.database)}`;
}

/**
 * The Hive DDL of the flow log table: one column per field of the log
 * format, the partition columns of `PARTITION_COLUMNS`, and partition
 * projection (`projectionProperties`), so that new days need no partition
 * maintenance.
 * https://docs.aws.amazon.com/athena/latest/ug/vpc-flow-logs-partition-projection.html
 *
 * `IF NOT EXISTS` leaves an existing table as it is, even if it was made
 * for another layout.
 */
export function createFlowLogTableSql(
  layout: FlowLogTableLayout,
  options: FlowLogTableOptions = {},
): string {
  validateFlowLogTableLayout(layout);

  const name = `${quoteIdentifier(layout.database)}.${quoteIdentifier(layout.table)}`;
  return [
    `CREATE EXTERNAL TABLE IF NOT EXISTS ${name} (`,
    columnList(layout),
    ')',
    'PARTITIONED BY (',
    partitionColumnList(),
    ')',
    ...storageClauses(layout),
    `LOCATION ${quoteString(awsLogsLocation(layout))}`,
    'TBLPROPERTIES (',
    propertyList(tableProperties(layout, options)),
    ')',
  ].join('\n');
}

function columnList(layout: FlowLogTableLayout): string {
  const columns = flowLogColumns(layout.fields ?? DEFAULT_FLOW_LOG_FIELDS);
  return columns.map((column) => `  ${quoteIdentifier(column.name)} ${column.type}`).join(',\n');
}

function partitionColumnList(): string {
  const { account, region, date } = PARTITION_COLUMNS;
  return [account, region, date].map((name) => `  ${quoteIdentifier(name)} string`).join(',\n');
}

/**
 * Text files are space-separated; Athena unpacks their gzip by the `.gz`
 * name. Parquet files name their columns with underscores, as `columnOf`
 * does, and Athena matches them by name rather than by position.
 */
function storageClauses(layout: FlowLogTableLayout): string[] {
  if (layout.format === 'parquet') return ['STORED AS PARQUET'];
  return ['ROW FORMAT DELIMITED', `FIELDS TERMINATED BY ' '`];
}

function tableProperties(
  layout: FlowLogTableLayout,
  options: FlowLogTableOptions,
): Record<string, string> {
  return {
    // Each text file starts with a header line that names the fields.
    ...(layout.format === 'text' ? { 'skip.header.line.count': '1' } : {}),
    ...projectionProperties(layout, options),
  };
}

/**
 * Double quotes, as in AWS's examples: the Hive-compatible date pattern has
 * single quotes of its own.
 */
function propertyList(properties: Readonly<Record<string, string>>): string {
  return Object.entries(properties)
    .map(([key, value]) => `  ${quoteString(key, '"')} = ${quoteString(value, '"')}`)
    .join(',\n');
}
