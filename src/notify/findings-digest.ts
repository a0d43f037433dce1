import type { Findings } from '../findings/findings.js';
import type { NarrowingFinding } from '../findings/narrowing-findings.js';
import type { RiskyRuleFinding } from '../findings/risky-findings.js';
import type { StaleRuleFinding } from '../findings/stale-findings.js';
import type { StoredReport } from '../pipeline/stored-report.js';
import type { RuleReport } from '../report/report.js';
import {
  allowsLabel,
  dayLabel,
  groupLabel,
  instantLabel,
  windowLabel,
} from '../report/rule-labels.js';
import { compareExposure, exposureOf } from './rank-by-exposure.js';
import { otherFindingLines } from './other-finding-lines.js';
import { narrowToLabel } from '../report/finding-section.js';
import { riskLabel } from './finding-labels.js';

/** The stale rules the email lists; the attachments have all of them. */
export const STALE_RULES_SHOWN = 20;

/** The narrowing suggestions the email lists. */
export const NARROWING_SHOWN = 10;

/**
 * What the email says, once, as plain values: the HTML and the text part are
 * both rendered from it, so that they cannot drift apart. Strings are raw
 * account text; each renderer sanitises them for its medium.
 */
export interface FindingsDigest {
  readonly window: string;
  readonly generated: string;
  readonly summary: readonly SummaryLine[];
  readonly stale: Shown<StaleRuleLine>;
  readonly narrowing: Shown<NarrowingLine>;
  readonly others: readonly OtherFindingLine[];
}

export interface Shown<T> {
  readonly lines: readonly T[];
  /** How many there are in all, of which `lines` are the first. */
  readonly total: number;
}

export interface SummaryLine {
  readonly label: string;
  readonly count: number;
}

/** What identifies a rule for a reader: its group, its id and what it allows. */
export interface RuleLine {
  readonly group: string;
  readonly ruleId: string;
  /** `tcp 22 from 0.0.0.0/0`; only the direction for a rule the report does not have. */
  readonly allows: string;
}

export interface StaleRuleLine extends RuleLine {
  /** Why it is risky (`RDP (3389) open to 0.0.0.0/0`), or null for a rule that is not. */
  readonly risk: string | null;
  readonly lastSeen: string;
  readonly description: string | null;
}

export interface NarrowingLine extends RuleLine {
  readonly hits: number;
  /** `tcp 443 (80%), 8443 (20%)` or `10.0.0.0/23 (64.2%), 10.2.0.0/24 (35.8%)`. */
  readonly narrowTo: string;
}

/** One finding kind the email only counts: `Redundant`, `3 rules`, what it means. */
export interface OtherFindingLine {
  readonly kind: string;
  readonly count: string;
  readonly note: string;
}

/** The digest of a report from the store: its summary and the findings worth an email. */
export function findingsDigest(report: StoredReport): FindingsDigest {
  const rules = new Map(report.rules.map((rule) => [rule.ruleId, rule]));
  const risky = new Map(report.findings.risky.map((finding) => [finding.ruleId, finding]));

  return {
    window: windowLabel(report.window),
    generated: instantLabel(report.generatedAt),
    summary: summaryLines(report),
    stale: shown(rankedStale(report.findings, rules, risky), STALE_RULES_SHOWN, (finding) =>
      staleLine(finding, rules.get(finding.ruleId), risky.get(finding.ruleId)),
    ),
    narrowing: shown(rankedNarrowing(report.findings, rules, risky), NARROWING_SHOWN, (finding) =>
      narrowingLine(finding, rules.get(finding.ruleId)),
    ),
    others: otherFindingLines(report.findings),
  };
}

function summaryLines(report: StoredReport): SummaryLine[] {
  const { summary } = report;
  return [
    { label: 'Rules analysed', count: summary.rules },
    { label: 'Used', count: summary.used },
    { label: 'Stale', count: report.findings.stale.length },
    { label: 'Unobserved (no logs)', count: summary.unobserved },
    { label: 'In unattached groups', count: summary.unattached },
    { label: 'Flow log records', count: summary.records },
    { label: 'Rejected records', count: summary.rejectedRecords },
  ];
}

function shown<T, L>(items: readonly T[], max: number, line: (item: T) => L): Shown<L> {
  return { lines: items.slice(0, max).map(line), total: items.length };
}

type Rules = ReadonlyMap<string, RuleReport>;
type Risks = ReadonlyMap<string, RiskyRuleFinding>;

/** Risky-and-stale first (by risk score), then the widest peer, then the most ports. */
function rankedStale(findings: Findings, rules: Rules, risky: Risks): StaleRuleFinding[] {
  return [...findings.stale].sort((a, b) =>
    compareExposure(
      exposureOf(rules.get(a.ruleId), risky.get(a.ruleId)),
      exposureOf(rules.get(b.ruleId), risky.get(b.ruleId)),
    ),
  );
}

/** The same order, and the most traffic first among equals: the rules narrowing closes most. */
function rankedNarrowing(findings: Findings, rules: Rules, risky: Risks): NarrowingFinding[] {
  return [...findings.narrowing].sort(
    (a, b) =>
      compareExposure(
        exposureOf(rules.get(a.ruleId), risky.get(a.ruleId)),
        exposureOf(rules.get(b.ruleId), risky.get(b.ruleId)),
      ) || b.hits - a.hits,
  );
}

function ruleLine(
  finding: StaleRuleFinding | NarrowingFinding,
  rule: RuleReport | undefined,
): RuleLine {
  return {
    group: groupLabel(finding),
    ruleId: finding.ruleId,
    allows: rule === undefined ? finding.direction : allowsLabel(rule),
  };
}

function staleLine(
  finding: StaleRuleFinding,
  rule: RuleReport | undefined,
  risky: RiskyRuleFinding | undefined,
): StaleRuleLine {
  return {
    ...ruleLine(finding, rule),
    risk: risky === undefined ? null : riskLabel(risky),
    lastSeen: dayLabel(finding.evidence.lastSeen),
    description: rule?.description ?? null,
  };
}

function narrowingLine(finding: NarrowingFinding, rule: RuleReport | undefined): NarrowingLine {
  return { ...ruleLine(finding, rule), hits: finding.hits, narrowTo: narrowToLabel(finding) };
}
