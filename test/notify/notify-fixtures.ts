import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemo } from '../../src/demo/generate-demo.js';
import type { Findings } from '../../src/findings/findings.js';
import { runPipeline } from '../../src/pipeline/run-pipeline.js';
import type { StoredReport } from '../../src/pipeline/stored-report.js';

/**
 * Fixtures for the email tests: the report of the real pipeline over three
 * days of the demo account, and a hostile copy of it.
 */

export const SENDER = 'stale-sg <stale-sg@example.com>';
export const RECIPIENTS = ['ops@example.com', 'Security Team <security@example.com>'] as const;

export const HOSTILE = {
  /** A header injection attempt and markup, in a group name. */
  groupName: 'evil\r\nBcc: x@evil.example\r\n<script>alert(1)</script>',
  /** Markup, an event handler, a `javascript:` link and both quotes, in a description. */
  description:
    `<img src=x onerror=alert(1)> <a href="javascript:alert(2)">click</a> ` +
    `"double" 'single' \u202eeulav`,
} as const;

export interface DemoReport {
  readonly report: StoredReport;
  /** Removes the demo files and the store. */
  readonly remove: () => Promise<void>;
}

/** Runs the pipeline over a 3-day demo, in a temporary directory the caller removes. */
export async function demoReport(): Promise<DemoReport> {
  const dir = await mkdtemp(join(tmpdir(), 'stale-sg-notify-'));
  try {
    const demo = await generateDemo({ outDir: join(dir, 'demo'), days: 3 });
    const result = await runPipeline({
      inventory: { dir: demo.inventoryDir },
      flowLogs: [demo.flowLogsDir],
      dbPath: join(dir, 'store.duckdb'),
    });
    return { report: result.report, remove: () => rm(dir, { recursive: true, force: true }) };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * A copy of the report in which the group of the first risky stale rule
 * (ranked first in the email) carries `HOSTILE.groupName` everywhere, and
 * that rule carries `HOSTILE.description`.
 */
export function hostileReport(report: StoredReport): { report: StoredReport; ruleId: string } {
  const target = report.findings.risky.find((finding) => finding.status === 'stale');
  if (target === undefined) throw new Error('the demo has no risky stale rule');

  const renamed = JSON.parse(JSON.stringify(report), (_key, value: unknown) =>
    isGroupOf(value, target.groupId) ? { ...value, groupName: HOSTILE.groupName } : value,
  ) as StoredReport;
  const rules = renamed.rules.map((rule) =>
    rule.ruleId === target.ruleId ? { ...rule, description: HOSTILE.description } : rule,
  );
  return { report: { ...renamed, rules }, ruleId: target.ruleId };
}

function isGroupOf(value: unknown, groupId: string): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    'groupName' in value &&
    (value as { groupId?: unknown }).groupId === groupId
  );
}

/** No finding of any kind. */
export const NO_FINDINGS: Findings = {
  stale: [],
  unobserved: [],
  unattached: [],
  redundant: [],
  shadowed: [],
  narrowing: [],
  risky: [],
  cadence: [],
  rejected: [],
};

/** The report with only the findings of one kind (taken from it), or with none. */
export function withOnly(report: StoredReport, kind: keyof Findings | null): StoredReport {
  const findings = kind === null ? NO_FINDINGS : { ...NO_FINDINGS, [kind]: report.findings[kind] };
  return { ...report, findings };
}
