import { StaleSgError } from '../errors.js';
import { utcMidnight } from './utc-days.js';

/**
 * The oldest instant that `retainDays` of retention keeps: midnight (UTC)
 * `retainDays` days before today, so today and the `retainDays` whole days
 * before it are kept.
 *
 * Pruning forgets which sources were processed before the horizon, so a
 * flow log file older than it, still on disk, would be read again and
 * counted twice. A run with retention must skip flow logs older than the
 * horizon (as `--since` would), and this is the time to skip them by.
 */
export function retentionHorizon(retainDays: number, now: Date): Date {
  if (!Number.isSafeInteger(retainDays) || retainDays < 0) {
    throw new StaleSgError(
      'INVALID_ARGUMENT',
      `retention must be a whole number of days, 0 or more, found ${retainDays}`,
    );
  }
  return utcMidnight(now, -retainDays);
}
