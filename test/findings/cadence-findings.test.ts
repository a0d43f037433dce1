import { describe, expect, it } from 'vitest';

import {
  cadenceFindings,
  detectCadence,
  isAwaitingPeriodicUse,
  isOverdue,
} from '../../src/findings/cadence-findings.js';
import { DAY, dailyHits, evidenceOf, reportOf, sgRule } from './fixtures.js';

/** Days from 2026-01-05 (a Monday) at the given offsets. */
function daysAt(offsets: readonly number[]): string[] {
  const start = Date.parse('2026-01-05T00:00:00Z');
  return offsets.map((offset) => new Date(start + offset * DAY * 1000).toISOString().slice(0, 10));
}

const at = (iso: string) => Date.parse(iso) / 1000;

describe('detectCadence', () => {
  it('finds a weekly job, its next run and when it is overdue', () => {
    expect(detectCadence(daysAt([0, 7, 14, 21]))).toEqual({
      usedDays: 4,
      intervalDays: 7,
      toleranceDays: 1.75,
      lastUse: '2026-01-26',
      nextExpected: '2026-02-02',
      overdueAfter: '2026-02-03T18:00:00.000Z',
    });
  });

  it.each<[string, number[], number | null]>([
    ['two days are not enough', [0, 7], null],
    ['three days are', [0, 7, 14], 7],
    ['a daily rule is simply in use', [0, 1, 2, 3], null],
    ['every other day is the shortest cadence', [0, 2, 4, 6], 2],
    ['irregular intervals (7, 2, 12)', [0, 7, 9, 21], null],
    ['jitter within 25 % (7, 8, 6)', [0, 7, 15, 21], 7],
    ['an interval exactly 25 % off (8, 8, 10)', [0, 8, 16, 26], 8],
    ['an interval just over 25 % off (8, 8, 11)', [0, 8, 16, 27], null],
    ['an even count takes the middle mean (6, 7, 8, 9)', [0, 6, 13, 21, 30], 7.5],
    ['month lengths (31, 28, 31)', [0, 31, 59, 90], 31],
    ['order and duplicates do not matter', [14, 0, 7, 7], 7],
  ])('%s', (_name, offsets, interval) => {
    expect(detectCadence(daysAt(offsets))?.intervalDays ?? null).toBe(interval);
  });

  it('ignores text that is not a day', () => {
    expect(detectCadence(['2026-01-01', 'garbage', '2026-01-08', '2026-01-15'])?.usedDays).toBe(3);
  });

  it('gives a short interval at least 1 day of tolerance', () => {
    expect(detectCadence(daysAt([0, 2, 4]))?.toleranceDays).toBe(1);
  });
});

describe('overdue and awaiting periodic use', () => {
  const weekly = detectCadence(daysAt([0, 7, 14, 21]));
  if (weekly === null) throw new Error('fixture');
  const lastUse = at('2026-01-26T00:00:00Z');

  it.each<[string, number, boolean]>([
    ['on the day of the last use', lastUse, false],
    ['5 days after', lastUse + 5 * DAY, false],
    ['at the expected day', lastUse + 7 * DAY, false],
    ['exactly at the end of the tolerance', at('2026-02-03T18:00:00Z'), false],
    ['one second after it', at('2026-02-03T18:00:01Z'), true],
    ['9 days after', lastUse + 9 * DAY, true],
  ])('%s: overdue %s', (_name, now, overdue) => {
    expect(isOverdue(weekly, now)).toBe(overdue);
    expect(isAwaitingPeriodicUse(weekly, now)).toBe(!overdue);
  });

  it('never awaits a rule without a cadence, or without a window end', () => {
    expect(isAwaitingPeriodicUse(undefined, lastUse)).toBe(false);
    expect(isAwaitingPeriodicUse(weekly, null)).toBe(false);
    expect(isOverdue(weekly, null)).toBe(false);
  });
});

describe('cadenceFindings', () => {
  const weeklyRule = sgRule('sgr-weekly', { fromPort: 5432, toPort: 5432 });
  const busyRule = sgRule('sgr-busy');
  const rules = [reportOf(weeklyRule, { hits: 8 }), reportOf(busyRule, { hits: 40 })];
  const daily = [
    ...daysAt([0, 7, 14, 21]).flatMap((day) => [
      dailyHits('sgr-weekly', day),
      dailyHits('sgr-weekly', day),
    ]),
    dailyHits('sgr-weekly', daysAt([3])[0] ?? '', 0),
    ...daysAt([0, 1, 2, 3, 4]).map((day) => dailyHits('sgr-busy', day, 8)),
    ...daysAt([0, 7, 14]).map((day) => dailyHits('sgr-gone', day)),
  ];

  it('reports periodic rules only, with whether they are overdue', () => {
    const windowEnd = at('2026-02-05T00:00:00Z');
    expect(cadenceFindings({ rules, evidence: evidenceOf({ daily }), windowEnd })).toEqual([
      {
        ruleId: 'sgr-weekly',
        groupId: 'sg-web',
        groupName: 'web',
        direction: 'ingress',
        usedDays: 4,
        intervalDays: 7,
        toleranceDays: 1.75,
        lastUse: '2026-01-26',
        nextExpected: '2026-02-02',
        overdueAfter: '2026-02-03T18:00:00.000Z',
        overdue: true,
      },
    ]);
  });

  it('is not overdue before the tolerance runs out', () => {
    const windowEnd = at('2026-02-02T12:00:00Z');
    const [finding] = cadenceFindings({ rules, evidence: evidenceOf({ daily }), windowEnd });
    expect(finding?.overdue).toBe(false);
  });
});
