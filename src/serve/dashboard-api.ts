import { StaleSgError } from '../errors.js';
import { DEFAULT_STALE_AFTER_DAYS, storedReport } from '../pipeline/stored-report.js';
import { heatMaps } from '../report/html/heat-maps.js';
import type { UsageStore } from '../store/usage-store.js';
import type { StoredReport } from '../pipeline/stored-report.js';

/** The query every report endpoint takes: `?since=2026-11-01&until=2026-11-30&staleAfter=30`. */
export interface ReportQuery {
  readonly since?: Date;
  readonly until?: Date;
  readonly staleAfterDays: number;
}

const QUERY_KEYS = ['since', 'until', 'staleAfter'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/**
 * Reads a report query, strictly: an unknown key or a malformed value is an
 * INVALID_ARGUMENT naming the parameter, so a typo never silently widens the
 * view. Days are UTC; `until` includes its day, as `--until` does.
 */
export function parseReportQuery(
  query: Readonly<Record<string, unknown>>,
  defaultStaleAfterDays = DEFAULT_STALE_AFTER_DAYS,
): ReportQuery {
  for (const key of Object.keys(query)) {
    if (!(QUERY_KEYS as readonly string[]).includes(key)) {
      throw invalid(`unknown query parameter "${key}" (expected ${QUERY_KEYS.join(', ')})`);
    }
  }
  const since = optionalDay(query, 'since');
  const untilDay = optionalDay(query, 'until');
  const until = untilDay === undefined ? undefined : new Date(untilDay.getTime() + DAY_MS);
  if (since !== undefined && until !== undefined && since >= until) {
    throw invalid('since must be on or before until');
  }
  const staleAfter = single(query, 'staleAfter');
  if (staleAfter !== undefined && !/^\d{1,5}$/.test(staleAfter)) {
    throw invalid(`staleAfter expects a whole number of days, found "${staleAfter}"`);
  }
  return {
    since,
    until,
    staleAfterDays: staleAfter === undefined ? defaultStaleAfterDays : Number(staleAfter),
  };
}

function optionalDay(query: Readonly<Record<string, unknown>>, key: string): Date | undefined {
  const text = single(query, key);
  if (text === undefined) return undefined;
  const date = new Date(`${text}T00:00:00Z`);
  if (!DAY.test(text) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) {
    throw invalid(`${key} expects a UTC day such as 2026-11-01, found "${text}"`);
  }
  return date;
}

function single(query: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const value = query[key];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw invalid(`${key} may be given once`);
  return value;
}

function invalid(message: string): StaleSgError {
  return new StaleSgError('INVALID_ARGUMENT', message);
}

/** The store's report for a query: the same report `stale-sg report` gives for those flags. */
export function reportFor(store: UsageStore, query: ReportQuery): Promise<StoredReport> {
  return storedReport(store, {
    since: query.since,
    until: query.until,
    staleAfterDays: query.staleAfterDays,
  });
}

/** What the dashboard page draws: the report and its heat maps, from one read of the store. */
export async function dashboardFor(store: UsageStore, query: ReportQuery) {
  const report = await reportFor(store, query);
  return { report, heatMaps: heatMaps(report) };
}

/** `/api/status`: the store, the days its history spans, and the latest run. */
export async function statusOf(store: UsageStore, version: string) {
  const usage = await store.readUsage();
  const [lastRun] = await store.listRuns(1);
  return {
    version,
    store: store.path,
    history: {
      firstDay: dayOf(usage.counts.firstStart),
      // A record ending exactly at midnight belongs to the day before.
      lastDay: dayOf(usage.counts.lastEnd === null ? null : usage.counts.lastEnd - 1),
      records: usage.counts.records,
    },
    lastRun: lastRun ?? null,
  };
}

function dayOf(seconds: number | null): string | null {
  return seconds === null ? null : new Date(seconds * 1000).toISOString().slice(0, 10);
}
