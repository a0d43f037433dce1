/**
 * Time as the findings use it: unix seconds from the engine, UTC days
 * (`YYYY-MM-DD`) from the daily history, ISO 8601 in the report.
 */

export const DAY_SECONDS = 86_400;

/** Midnight UTC of a `YYYY-MM-DD` day, in unix seconds; NaN for anything else. */
export function dayStart(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / 1000;
}

/** The UTC day of a time in unix seconds. */
export function dayOf(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

export function isoAt(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

export function isoOf(seconds: number | null): string | null {
  return seconds === null ? null : isoAt(seconds);
}

/** Unix seconds of an ISO timestamp; null for null or text that is not a time. */
export function secondsOf(iso: string | null): number | null {
  if (iso === null) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms / 1000;
}

/** Whole days from `from` to `to` (both unix seconds), rounded down; null if either is unknown. */
export function daysBetween(from: number | null, to: number | null): number | null {
  if (from === null || to === null) return null;
  return Math.max(0, Math.floor((to - from) / DAY_SECONDS));
}
