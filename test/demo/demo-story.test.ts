/**
 * The demo tells the story it was built for: analysed end to end (inventory
 * loader, flow log readers, attribution, verdicts), it shows exactly the
 * stale, unobserved, unattached, redundant and periodic rules that
 * `DEMO_STORY` names.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

import { analyze } from '../../src/analyze.js';
import { buildDemoAccount, demoRules } from '../../src/demo/demo-account.js';
import { DEMO_STORY, findStoryRule } from '../../src/demo/demo-story.js';
import { generateDemo } from '../../src/demo/generate-demo.js';
import type { Report } from '../../src/report/report.js';
import { withTempDir } from './demo-output.js';

const account = buildDemoAccount();
const idsOf = (rules: readonly Parameters<typeof findStoryRule>[1][]) =>
  rules.map((rule) => findStoryRule(account, rule).ruleId).sort();
const groupRuleIds = (keys: readonly string[]) =>
  account.groups
    .filter((group) => keys.includes(group.key))
    .flatMap((group) => group.rules.map((rule) => rule.ruleId))
    .sort();

let report: Report;
let staleAfterThree: Report;

beforeAll(async () => {
  await withTempDir(async (dir) => {
    const demo = await generateDemo({ outDir: join(dir, 'demo') });
    const input = { inventory: { dir: demo.inventoryDir }, flowLogs: [demo.flowLogsDir] };
    report = await analyze(input);
    staleAfterThree = await analyze({ ...input, staleAfterDays: 3 });
  });
});

function withStatus(from: Report, status: string): string[] {
  return from.rules
    .filter((rule) => rule.status === status)
    .map((rule) => rule.ruleId)
    .sort();
}

describe('the demo story', () => {
  it('reads every record, none malformed', () => {
    expect(report.summary.rules).toBe(demoRules(account).length);
    expect(report.summary.malformedRecords).toBe(0);
    expect(report.summary.rejectedRecords).toBeGreaterThan(0);
  });

  it('has exactly the stale rules of the story', () => {
    expect(withStatus(report, 'stale')).toEqual(idsOf(DEMO_STORY.stale));
  });

  it('makes the first-day rule stale with --stale-after 3', () => {
    expect(withStatus(staleAfterThree, 'stale')).toEqual(
      idsOf([...DEMO_STORY.stale, ...DEMO_STORY.usedOnlyOnTheFirstDay]),
    );
  });

  it('keeps the periodic rule used, even with --stale-after 3', () => {
    const periodic = idsOf(DEMO_STORY.periodic.map((entry) => entry.rule));
    expect(withStatus(report, 'used')).toEqual(expect.arrayContaining(periodic));
    expect(withStatus(staleAfterThree, 'used')).toEqual(expect.arrayContaining(periodic));
  });

  it('has exactly the unobserved and unattached groups of the story', () => {
    expect(withStatus(report, 'unobserved')).toEqual(groupRuleIds(DEMO_STORY.unobservedGroups));
    expect(withStatus(report, 'unattached')).toEqual(groupRuleIds(DEMO_STORY.unattachedGroups));
  });

  it('has exactly the redundant rules of the story: used, with no exclusive hit', () => {
    const redundant = report.rules
      .filter((rule) => rule.status === 'used' && rule.exclusiveHits === 0)
      .map((rule) => rule.ruleId)
      .sort();
    expect(redundant).toEqual(idsOf(DEMO_STORY.redundant));
  });
});
