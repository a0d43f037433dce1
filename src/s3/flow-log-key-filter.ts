import { StaleSgError } from '../errors.js';
import { timeRangeOf, type LayoutPosition } from './flow-log-key-layout.js';

/** Which flow log files to read, judged from their keys alone. */
export interface FlowLogKeyFilter {
  /** 12-digit account ids; all accounts when absent. */
  readonly accounts?: readonly string[];
  /** Region names such as `eu-west-1`; all regions when absent. */
  readonly regions?: readonly string[];
  /** Records starting at or after this instant count (as in `analyze`). */
  readonly since?: Date;
  /** Records starting before this instant count. */
  readonly until?: Date;
}

/**
 * How long after a record starts its file may be written. A file's folder
 * is the UTC date (and hour) it was written: records of the last minutes
 * before midnight land in the next day's folder. AWS publishes every 5
 * minutes over an aggregation interval of at most 10; an hour leaves room
 * for late deliveries, at the price of listing one more folder.
 * https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-path.html
 */
export const DELIVERY_DELAY_MS = 3_600_000;

/** The service folder's depth: below it, everything is flow logs. */
const SERVICE_DEPTH = 2;

/** Rejects account ids that could never match a folder, rather than listing nothing. */
export function checkKeyFilter(filter: FlowLogKeyFilter): void {
  for (const account of filter.accounts ?? []) {
    if (!/^\d{12}$/.test(account)) {
      throw new StaleSgError(
        'INVALID_ARGUMENT',
        `expected a 12-digit AWS account id, found "${account}"`,
      );
    }
  }
}

/** Whether a folder at this position can hold a file that the filter takes. */
export function mayHoldMatches(at: LayoutPosition, filter: FlowLogKeyFilter): boolean {
  if (!accepts(filter.accounts, at.account) || !accepts(filter.regions, at.region)) return false;

  const range = timeRangeOf(at);
  if (range === null) return true;
  if (filter.since !== undefined && range.end <= filter.since.getTime()) return false;
  return filter.until === undefined || range.start < filter.until.getTime() + DELIVERY_DELAY_MS;
}

/**
 * Whether every flow log file below this position matches, so that the
 * folder can be listed whole instead of level by level. Never above the
 * service folder, where other services' logs would be listed too.
 */
export function holdsOnlyMatches(at: LayoutPosition, filter: FlowLogKeyFilter): boolean {
  if (at.depth < SERVICE_DEPTH || !mayHoldMatches(at, filter)) return false;
  if (filter.accounts !== undefined && at.account === null) return false;
  if (filter.regions !== undefined && at.region === null) return false;
  if (filter.since === undefined && filter.until === undefined) return true;

  const range = timeRangeOf(at);
  if (range === null) return false;
  if (filter.since !== undefined && range.start < filter.since.getTime()) return false;
  return filter.until === undefined || range.end <= filter.until.getTime() + DELIVERY_DELAY_MS;
}

function accepts(allowed: readonly string[] | undefined, value: string | null): boolean {
  return allowed === undefined || value === null || allowed.includes(value);
}
