import type { DailyRuleUsage } from './evidence.js';
import { DAY_SECONDS, dayOf, dayStart, isoAt, secondsOf } from './finding-time.js';
import type { FindingRule, FindingsInput } from './findings.js';
import { byGroupAndRule, findingRule } from './findings.js';

/** Fewer used days than this show no rhythm: two uses are one interval. */
export const MIN_USED_DAYS = 3;

/** Intervals this close to the median (as a fraction of it) count as regular. */
export const INTERVAL_TOLERANCE = 0.25;

/** A rule used every day or every other day is simply in use; cadence starts at 2 days. */
export const MIN_INTERVAL_DAYS = 2;

/** The rhythm of a periodic rule: a weekly backup, a monthly report. */
export interface Cadence {
  /** Distinct days with hits. */
  readonly usedDays: number;
  /** The median number of days between used days. */
  readonly intervalDays: number;
  /** How late a use may come before it counts as missed: 25 % of the interval, at least 1 day. */
  readonly toleranceDays: number;
  /** `YYYY-MM-DD`, the last day with hits. */
  readonly lastUse: string;
  /** `YYYY-MM-DD`, the last use plus the interval. */
  readonly nextExpected: string;
  /** ISO 8601: from this instant on, the expected use is missed. */
  readonly overdueAfter: string;
}

export interface CadenceFinding extends FindingRule, Cadence {
  /** True when the window's end is past `overdueAfter`: the job has stopped, or moved. */
  readonly overdue: boolean;
}

/**
 * Periodic rules, from the daily history. A job that runs every week has no
 * hit on six days out of seven; this finding says so, and says when it has
 * missed a run.
 */
export function cadenceFindings(
  input: Pick<FindingsInput, 'rules' | 'evidence' | 'windowEnd'>,
): CadenceFinding[] {
  const cadences = cadencesByRule(input.evidence.daily);

  return input.rules
    .flatMap((rule) => {
      const cadence = cadences.get(rule.ruleId);
      if (cadence === undefined) return [];
      return [{ ...findingRule(rule), ...cadence, overdue: isOverdue(cadence, input.windowEnd) }];
    })
    .sort(byGroupAndRule);
}

/** The cadence of every rule whose daily history is regular, by rule id. */
export function cadencesByRule(daily: readonly DailyRuleUsage[]): Map<string, Cadence> {
  const daysByRule = new Map<string, Set<string>>();
  for (const entry of daily) {
    if (entry.hits <= 0) continue;
    const days = daysByRule.get(entry.ruleId) ?? new Set<string>();
    days.add(entry.day);
    daysByRule.set(entry.ruleId, days);
  }

  const cadences = new Map<string, Cadence>();
  for (const [ruleId, days] of daysByRule) {
    const cadence = detectCadence([...days]);
    if (cadence !== null) cadences.set(ruleId, cadence);
  }
  return cadences;
}

/**
 * The cadence of a set of used days (`YYYY-MM-DD`, any order), or null when
 * they show none: fewer than 3 days, a median interval under 2 days, or an
 * interval more than 25 % away from the median.
 */
export function detectCadence(days: readonly string[]): Cadence | null {
  const starts = [...new Set(days)]
    .map(dayStart)
    .filter((start) => !Number.isNaN(start))
    .sort((a, b) => a - b);
  if (starts.length < MIN_USED_DAYS) return null;

  const intervals = starts.slice(1).map((start, i) => (start - (starts[i] ?? start)) / DAY_SECONDS);
  const interval = median(intervals);
  if (interval < MIN_INTERVAL_DAYS) return null;
  if (intervals.some((value) => Math.abs(value - interval) > interval * INTERVAL_TOLERANCE)) {
    return null;
  }

  const last = starts.at(-1) ?? 0;
  const toleranceDays = Math.max(1, interval * INTERVAL_TOLERANCE);
  return {
    usedDays: starts.length,
    intervalDays: interval,
    toleranceDays,
    lastUse: dayOf(last),
    nextExpected: dayOf(last + interval * DAY_SECONDS),
    overdueAfter: isoAt(last + (interval + toleranceDays) * DAY_SECONDS),
  };
}

/**
 * Whether a periodic rule has missed an expected use by `now` (unix seconds).
 * Counted from midnight UTC of the last used day: a weekly job last seen on a
 * Monday is overdue from Tuesday 18:00 of the next week on.
 */
export function isOverdue(cadence: Cadence, now: number | null): boolean {
  const deadline = secondsOf(cadence.overdueAfter);
  return now !== null && deadline !== null && now > deadline;
}

/**
 * Whether a rule without a hit in the stale-after days must not be called
 * stale yet: it has a cadence and has not yet missed an expected use. A
 * weekly job with `--stale-after 3` is not stale 5 days after its last use;
 * 9 days after, it is. The verdicts call this so that periodic jobs keep
 * their rules.
 */
export function isAwaitingPeriodicUse(cadence: Cadence | undefined, now: number | null): boolean {
  return cadence !== undefined && now !== null && !isOverdue(cadence, now);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : (upper + (sorted[middle - 1] ?? upper)) / 2;
}
