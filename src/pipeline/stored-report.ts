import type { Attribution } from '../attribution/attribute-flows.js';
import { cadencesByRule, isAwaitingPeriodicUse } from '../findings/cadence-findings.js';
import { computeFindings } from '../findings/compute-findings.js';
import type { DailyRuleUsage, InterfaceCoverage } from '../findings/evidence.js';
import type { Findings } from '../findings/findings.js';
import { ruleVerdicts } from '../findings/rule-verdicts.js';
import { buildReport } from '../report/build-report.js';
import type { Report, SourcesReport } from '../report/report.js';
import type { UsageStore } from '../store/usage-store.js';

export const DEFAULT_STALE_AFTER_DAYS = 30;

const DAY_SECONDS = 86_400;

/** The report of a store: schema version 1, with findings and daily history added. */
export interface StoredReport extends Report {
  readonly findings: Findings;
  /** Hits per rule and UTC day, for heat maps. */
  readonly daily: readonly DailyRuleUsage[];
}

export interface StoredReportOptions {
  readonly since?: Date;
  readonly until?: Date;
  readonly staleAfterDays?: number;
  readonly now?: Date;
  readonly sources?: SourcesReport;
  readonly warnings?: readonly string[];
}

/**
 * The report over everything a store holds (or the whole UTC days of a
 * window): verdicts with `staleAfterDays` (30 by default) judged within
 * covered time, and the findings with their evidence.
 */
export async function storedReport(
  store: UsageStore,
  options: StoredReportOptions = {},
): Promise<StoredReport> {
  const staleAfterDays = options.staleAfterDays ?? DEFAULT_STALE_AFTER_DAYS;
  const inventory = await store.loadInventory();
  const usage = await store.readUsage({ since: options.since, until: options.until });

  const windowEnd = secondsOf(options.until) ?? usage.counts.lastEnd;
  const attribution: Attribution = {
    usage: new Map(usage.totals.map((total) => [total.ruleId, total])),
    coveredInterfaces: coveredSince(usage.evidence.coverage, windowEnd, staleAfterDays),
    counts: usage.counts,
  };

  const cadences = cadencesByRule(usage.evidence.daily);
  const verdicts = ruleVerdicts(inventory, attribution.usage, {
    coveredInterfaces: attribution.coveredInterfaces,
    windowEnd,
    staleAfterDays,
    awaitingUse: (ruleId) => isAwaitingPeriodicUse(cadences.get(ruleId), windowEnd),
  });

  const report = buildReport({
    inventory,
    attribution,
    verdicts,
    window: { from: secondsOf(options.since) ?? usage.counts.firstStart, to: windowEnd },
    generatedAt: options.now ?? new Date(),
    sources: options.sources ?? { files: 0, bytes: 0, skipped: [] },
    warnings: options.warnings ?? [],
  });
  const findings = computeFindings({
    inventory,
    rules: report.rules,
    evidence: usage.evidence,
    windowEnd,
    staleAfterDays,
  });
  return { ...report, findings, daily: usage.evidence.daily };
}

/**
 * Interfaces with records in the last `days` days before the window's end:
 * a rule is only called stale where the logs could have shown its use.
 */
function coveredSince(
  coverage: readonly InterfaceCoverage[],
  windowEnd: number | null,
  days: number,
): Set<string> {
  if (windowEnd === null) return new Set();
  const firstDay = new Date((windowEnd - days * DAY_SECONDS) * 1000).toISOString().slice(0, 10);
  return new Set(coverage.filter((c) => c.day >= firstDay).map((c) => c.interfaceId));
}

function secondsOf(date: Date | undefined): number | null {
  return date === undefined ? null : Math.ceil(date.getTime() / 1000);
}
