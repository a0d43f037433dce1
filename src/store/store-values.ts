import {
  DuckDBMapValue,
  DuckDBTimestampTZValue,
  timestampTZValue,
  type DuckDBValue,
} from '@duckdb/node-api';
import { StaleSgError } from '../errors.js';

/**
 * Conversions between JavaScript values and the store's columns. DuckDB
 * returns BIGINT and HUGEINT (sums) as bigint; the store's counts fit a
 * double, so they come back as numbers.
 */

/** A JavaScript time as a TIMESTAMPTZ parameter. */
export function instantValue(at: Date): DuckDBTimestampTZValue {
  const ms = at.getTime();
  if (!Number.isFinite(ms)) {
    throw new StaleSgError('INVALID_ARGUMENT', `expected a valid date, found ${String(at)}`);
  }
  return timestampTZValue(BigInt(ms) * 1000n);
}

/** A TIMESTAMPTZ column as a JavaScript time. */
export function instantOf(value: DuckDBValue | undefined): Date | null {
  if (value instanceof DuckDBTimestampTZValue) return new Date(Number(value.micros / 1000n));
  return null;
}

/** A NOT NULL TIMESTAMPTZ column. */
export function requiredInstantOf(value: DuckDBValue | undefined): Date {
  const instant = instantOf(value);
  if (instant === null) {
    throw new StaleSgError('STORE_FAILURE', 'expected a time in the store, found NULL');
  }
  return instant;
}

export { nullableNumberOf, numberOf } from '../engine/usage-rows.js';

/** A VARCHAR column that may be NULL. */
export function textOf(value: DuckDBValue | undefined): string | null {
  if (value === null || value === undefined) return null;
  return String(value);
}

/** A MAP(VARCHAR, VARCHAR) column as a plain object. */
export function recordOf(value: DuckDBValue | undefined): Record<string, string> {
  if (!(value instanceof DuckDBMapValue)) return {};
  return Object.fromEntries(value.entries.map((entry) => [String(entry.key), String(entry.value)]));
}

export { utcDayOf, utcDayOfSeconds, utcMidnight } from './utc-days.js';

/** A count as a BIGINT parameter; `what` names it if it is not a whole number. */
export function countValue(value: number, what: string): bigint {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new StaleSgError('INVALID_ARGUMENT', `${what}: expected a count, found ${value}`);
  }
  return BigInt(value);
}
