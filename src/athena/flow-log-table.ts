import { DEFAULT_FORMAT } from '../flow-logs/flow-log-fields.js';

/**
 * The Glue table that Athena reads flow logs through, as `stale-sg athena
 * init` creates it and the attribution query reads it: one description of
 * the S3 layout, shared by the DDL and the query, so the partitions the
 * query restricts are the ones the table projects.
 */

/** How the flow logs lie in S3, as the flow log's destination options chose. */
export interface FlowLogTableLayout {
  /** Glue database and table; lower-case letters, digits and underscores. */
  readonly database: string;
  readonly table: string;
  /** The bucket and the prefix before `AWSLogs/` (empty for none). */
  readonly bucket: string;
  readonly prefix: string;
  readonly format: 'text' | 'parquet';
  /** `hive`: Hive-compatible S3 prefixes (`aws-account-id=.../year=2026/...`). */
  readonly layout: 'plain' | 'hive';
  readonly partitioning: 'daily' | 'hourly';
  /** The accounts and regions whose logs the table projects. */
  readonly accounts: readonly string[];
  readonly regions: readonly string[];
  /**
   * The log format's fields in order, as AWS names them (`account-id`,
   * `tcp-flags`); the default format's fields when absent.
   */
  readonly fields?: readonly string[];
}

/** The fields of the default flow log format (version 2), in order. */
export const DEFAULT_FLOW_LOG_FIELDS: readonly string[] = DEFAULT_FORMAT;

/**
 * The partition columns. They carry an `aws_`/`log_` prefix so that they
 * never collide with a flow log field (`account-id` becomes the column
 * `account_id`, `region` is a field of version 3).
 */
export const PARTITION_COLUMNS = {
  account: 'aws_account',
  region: 'aws_region',
  /** The day (or hour) as the S3 key writes it, a projected date. */
  date: 'log_date',
} as const;

/** A flow log field's column name in the table: AWS's name with `-` as `_`. */
export function columnOf(field: string): string {
  return field.replace(/-/g, '_');
}
