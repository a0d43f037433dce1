/**
 * The demo shows every kind of finding: run through the real pipeline (store
 * included) with the default settings, its week of flow logs gives at least
 * one finding of each kind, and the findings that `DEMO_STORY` names.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

import { buildDemoAccount } from '../../src/demo/demo-account.js';
import { DEMO_STORY, findStoryRule, type StoryRule } from '../../src/demo/demo-story.js';
import { generateDemo } from '../../src/demo/generate-demo.js';
import type { FindingKind } from '../../src/findings/findings.js';
import { runPipeline } from '../../src/pipeline/run-pipeline.js';
import type { StoredReport } from '../../src/pipeline/stored-report.js';
import { withTempDir } from './demo-output.js';

const KINDS = [
  'stale',
  'unobserved',
  'unattached',
  'redundant',
  'shadowed',
  'narrowing',
  'risky',
  'cadence',
  'rejected',
] as const satisfies readonly FindingKind[];

const account = buildDemoAccount();
const idOf = (rule: StoryRule) => findStoryRule(account, rule).ruleId;

const tcpIn = (group: string, port: number, peer: string): StoryRule => ({
  group,
  direction: 'ingress',
  ipProtocol: 'tcp',
  fromPort: port,
  toPort: port,
  peer,
});

const [periodic] = DEMO_STORY.periodic;
const [narrowable] = DEMO_STORY.narrowable;
const rdp = tcpIn('prod-app', 3389, '0.0.0.0/0');
const internalHttps = tcpIn('prod-web-alb', 443, '10.0.0.0/8');
const publicHttps = tcpIn('prod-web-alb', 443, '0.0.0.0/0');

let report: StoredReport;
let staleAfterOne: StoredReport;

beforeAll(async () => {
  await withTempDir(async (dir) => {
    const demo = await generateDemo({ outDir: join(dir, 'demo') });
    const options = { inventory: { dir: demo.inventoryDir }, flowLogs: [demo.flowLogsDir] };
    report = (await runPipeline({ ...options, dbPath: join(dir, 's.duckdb') })).report;
    staleAfterOne = (
      await runPipeline({ ...options, dbPath: join(dir, 'one.duckdb'), staleAfterDays: 1 })
    ).report;
  });
});

function statusOf(from: StoredReport, ruleId: string): string | undefined {
  return from.rules.find((rule) => rule.ruleId === ruleId)?.status;
}

describe('the demo findings', () => {
  it('has exactly the kinds of finding listed here', () => {
    expect(Object.keys(report.findings).sort()).toEqual([...KINDS].sort());
  });

  it.each(KINDS)('has %s findings', (kind) => {
    expect(report.findings[kind].length).toBeGreaterThan(0);
  });

  it('finds the periodic job: every 2 days, not overdue', () => {
    const ruleId = idOf(periodic.rule);
    const cadence = report.findings.cadence.filter((finding) => finding.ruleId === ruleId);
    expect(cadence).toEqual([
      expect.objectContaining({
        intervalDays: periodic.intervalDays,
        usedDays: 3,
        lastUse: '2026-11-28',
        nextExpected: '2026-11-30',
        overdue: false,
      }),
    ]);
    expect(statusOf(report, ruleId)).toBe('used');
  });

  it('keeps the periodic rule used with staleAfterDays 1: it awaits its next run', () => {
    const ruleId = idOf(periodic.rule);
    const rule = staleAfterOne.rules.find((candidate) => candidate.ruleId === ruleId);
    const windowEnd = Date.parse(staleAfterOne.window.to ?? '');
    // No hit in the last day: only the cadence keeps the rule used.
    expect(Date.parse(rule?.lastSeen ?? '')).toBeLessThan(windowEnd - 86_400_000);
    expect(rule?.status).toBe('used');
    expect(staleAfterOne.findings.stale.map((finding) => finding.ruleId)).not.toContain(ruleId);
  });

  it('finds RDP from the internet both risky and stale', () => {
    const ruleId = idOf(rdp);
    expect(DEMO_STORY.stale).toContainEqual(rdp);
    const risky = report.findings.risky.find((finding) => finding.ruleId === ruleId);
    expect(risky).toMatchObject({ cidr: '0.0.0.0/0', exposure: 'admin', status: 'stale' });
    expect(risky?.exposedPorts).toEqual(['3389']);
    expect(report.findings.stale.map((finding) => finding.ruleId)).toContain(ruleId);
  });

  it('narrows the internal-tools range to the ports it used', () => {
    const ruleId = idOf(narrowable.rule);
    const narrowing = report.findings.narrowing.find((finding) => finding.ruleId === ruleId);
    expect(narrowing?.target).toBe('ports');
    const suggested = narrowing?.target === 'ports' ? narrowing.suggestions : [];
    expect(suggested.map(({ fromPort, toPort }) => [fromPort, toPort])).toEqual([[8080, 8081]]);
  });

  it('finds HTTPS from internal networks redundant next to HTTPS from anywhere', () => {
    const ruleId = idOf(internalHttps);
    expect(DEMO_STORY.redundant).toContainEqual(internalHttps);
    const redundant = report.findings.redundant.find((finding) => finding.ruleId === ruleId);
    expect(redundant?.alsoAllowedBy.map((shared) => shared.ruleId)).toContain(idOf(publicHttps));
  });
});
