import { StaleSgError } from '../errors.js';
import { awsLogsLocation } from './aws-logs-location.js';
import { PARTITION_COLUMNS, type FlowLogTableLayout } from './flow-log-table.js';
import { logDateFormat } from './log-date-format.js';

export interface ProjectionOptions {
  /** The first day (or hour) the table projects; `DEFAULT_PROJECTION_START` if absent. */
  readonly projectionStart?: Date;
}

/**
 * Before the Parquet and Hive-compatible delivery options existed (2021),
 * and late enough that a query without a date condition does not have to
 * enumerate decades of hours. Queries cost nothing for the partitions
 * between this and their window: they name their window (see
 * `partitionFilterSql`) and Athena projects only the partitions inside it.
 */
export const DEFAULT_PROJECTION_START = new Date(Date.UTC(2020, 0, 1));

/**
 * The table properties of partition projection, in order: Athena computes
 * the S3 folders of the accounts, regions and days a query asks for from
 * these, instead of a partition list in Glue that someone would have to
 * keep up to date (no crawler, no MSCK REPAIR TABLE). Enum projection for
 * accounts and regions, whose values are known; date projection for
 * `log_date`, spelled as the key's date folders are (see `logDateFormat`).
 * The same properties serve the DDL and a table defined elsewhere (CDK).
 * https://docs.aws.amazon.com/athena/latest/ug/partition-projection-supported-types.html
 *
 * The layout must have been validated (`validateFlowLogTableLayout`).
 */
export function projectionProperties(
  layout: FlowLogTableLayout,
  options: ProjectionOptions = {},
): Record<string, string> {
  const start = options.projectionStart ?? DEFAULT_PROJECTION_START;
  checkProjectionStart(start);

  const { account, region, date } = PARTITION_COLUMNS;
  const dates = logDateFormat(layout);
  return {
    'projection.enabled': 'true',
    [`projection.${account}.type`]: 'enum',
    [`projection.${account}.values`]: unique(layout.accounts).join(','),
    [`projection.${region}.type`]: 'enum',
    [`projection.${region}.values`]: unique(layout.regions).join(','),
    [`projection.${date}.type`]: 'date',
    [`projection.${date}.format`]: dates.pattern,
    [`projection.${date}.range`]: `${dates.format(start)},NOW`,
    [`projection.${date}.interval`]: '1',
    [`projection.${date}.interval.unit`]: dates.unit,
    'storage.location.template': locationTemplate(layout),
  };
}

/**
 * Where a partition's files are: the delivery path with the partition
 * values in place of `${column}`. The Hive-compatible layout spells every
 * folder as `key=value`, including `aws-service=vpcflowlogs`.
 * https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-path.html
 */
function locationTemplate(layout: FlowLogTableLayout): string {
  const account = slot(PARTITION_COLUMNS.account);
  const region = slot(PARTITION_COLUMNS.region);
  const folders =
    layout.layout === 'hive'
      ? [`aws-account-id=${account}`, 'aws-service=vpcflowlogs', `aws-region=${region}`]
      : [account, 'vpcflowlogs', region];
  return `${awsLogsLocation(layout)}${folders.join('/')}/${slot(PARTITION_COLUMNS.date)}`;
}

function slot(column: string): string {
  return `\${${column}}`;
}

function checkProjectionStart(start: Date): void {
  const year = start.getUTCFullYear();
  if (Number.isNaN(start.getTime()) || year < 1970 || year > 9999) {
    throw new StaleSgError(
      'INVALID_ARGUMENT',
      `projection start: expected a date between 1970 and 9999, found ${String(start)}`,
    );
  }
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
