import { StaleSgError } from '../errors.js';
import { DELIVERY_DELAY_MS } from '../s3/flow-log-key-filter.js';
import { PARTITION_COLUMNS, type FlowLogTableLayout } from './flow-log-table.js';
import { logDateFormat } from './log-date-format.js';
import { quoteString } from './quote-sql.js';
import { validateFlowLogTableLayout } from './validate-flow-log-table-layout.js';

/** The records a query wants: those that start in [since, until). */
export interface QueryWindow {
  readonly since: Date;
  readonly until: Date;
}

/**
 * The WHERE condition that restricts a query of the flow log table to the
 * partitions that can hold the window's records, for example
 *
 * ```
 * aws_account IN ('111111111111') AND aws_region IN ('eu-west-1')
 * AND log_date >= '2026/11/01' AND log_date < '2026/11/09'
 * ```
 *
 * (one line). Partition projection turns it into the list of S3 folders to
 * read, so it decides what the query costs; the query must still compare
 * `start` with the window itself, since partitions are whole days or hours.
 *
 * `since` is rounded down to its day or hour. `until` is moved later by
 * `DELIVERY_DELAY_MS` before it is rounded up: a folder is named after the
 * time its files were written, so the records of a window's last minutes
 * lie in the next folder.
 *
 * `log_date` is a string, compared as a string. That agrees with time order
 * because every value of a layout has the same width and the same literal
 * text in the same places, with the zero-padded fields from the most
 * significant (year) to the least (day or hour).
 */
export function partitionFilterSql(layout: FlowLogTableLayout, window: QueryWindow): string {
  validateFlowLogTableLayout(layout);
  const dates = logDateFormat(layout);
  const first = window.since.getTime();
  const end = ceiling(window.until.getTime() + DELIVERY_DELAY_MS, dates.stepMs);
  checkWindow(window, end);

  const { account, region, date } = PARTITION_COLUMNS;
  return [
    `${account} IN (${valueList(layout.accounts)})`,
    `${region} IN (${valueList(layout.regions)})`,
    `${date} >= ${quoteString(dates.format(new Date(first)))}`,
    `${date} < ${quoteString(dates.format(new Date(end)))}`,
  ].join(' AND ');
}

function valueList(values: readonly string[]): string {
  return [...new Set(values)].map((value) => quoteString(value)).join(', ');
}

function ceiling(ms: number, step: number): number {
  return Math.ceil(ms / step) * step;
}

/** Four-digit years keep the values one width, and so in time order. */
function checkWindow(window: QueryWindow, end: number): void {
  const since = window.since.getTime();
  const until = window.until.getTime();
  if (Number.isNaN(since) || Number.isNaN(until) || since >= until) {
    throw new StaleSgError(
      'INVALID_ARGUMENT',
      `expected a window whose since comes before its until, found ${String(window.since)} ` +
        `to ${String(window.until)}`,
    );
  }
  if (since < Date.UTC(1970, 0, 1) || end >= Date.UTC(10000, 0, 1)) {
    throw new StaleSgError(
      'INVALID_ARGUMENT',
      `expected a window between 1970 and 9999, found ${window.since.toISOString()} to ` +
        `${window.until.toISOString()}`,
    );
  }
}
