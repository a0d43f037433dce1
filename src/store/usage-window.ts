import { StaleSgError } from '../errors.js';
import { utcDayOf, utcMidnight } from './utc-days.js';

/**
 * A time window over the stored usage, [since, until). The store keeps
 * usage per UTC day, so a window is widened to whole UTC days: every day
 * that overlaps it counts in full.
 */
export interface UsageWindow {
  readonly since?: Date;
  readonly until?: Date;
}

/** The window as days: `firstDay` inclusive, `endDay` exclusive, null where open. */
export interface WindowDays {
  readonly firstDay: string | null;
  readonly endDay: string | null;
}

export function windowDays(window: UsageWindow): WindowDays {
  const { since, until } = window;
  if (since !== undefined && until !== undefined && since >= until) {
    throw new StaleSgError(
      'INVALID_ARGUMENT',
      `a usage window must end after it starts, found ${since.toISOString()} to ` +
        `${until.toISOString()}`,
    );
  }

  return {
    firstDay: since === undefined ? null : utcDayOf(since),
    endDay: until === undefined ? null : utcDayOf(dayBoundaryAtOrAfter(until)),
  };
}

/** `until` itself when it is a midnight (UTC), else the next midnight. */
function dayBoundaryAtOrAfter(until: Date): Date {
  const midnight = utcMidnight(until);
  return midnight.getTime() === until.getTime() ? midnight : utcMidnight(until, 1);
}
