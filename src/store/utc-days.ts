import { StaleSgError } from '../errors.js';

/*
 * UTC days, as the stores key their history. Kept apart from the DuckDB
 * value helpers so that the DynamoDB store (and the Lambda bundles built
 * over it) need no DuckDB.
 */

const MS_PER_DAY = 86_400_000;

/** The UTC day, `YYYY-MM-DD`, that a unix time in seconds falls on. */
export function utcDayOfSeconds(seconds: number): string {
  return utcDayOf(new Date(seconds * 1000));
}

/** The UTC day, `YYYY-MM-DD`, of a time. */
export function utcDayOf(at: Date): string {
  if (!Number.isFinite(at.getTime())) {
    throw new StaleSgError('INVALID_ARGUMENT', `expected a valid date, found ${String(at)}`);
  }
  return at.toISOString().slice(0, 10);
}

/** The start (00:00 UTC) of the day `at` falls on, moved by `days`. */
export function utcMidnight(at: Date, days = 0): Date {
  return new Date(Math.floor(at.getTime() / MS_PER_DAY) * MS_PER_DAY + days * MS_PER_DAY);
}
