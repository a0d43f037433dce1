import { describe, expect, test } from 'vitest';

import type { DailyRuleUsage } from '../../../src/findings/evidence.js';
import { MAX_HEAT_MAP_ROWS, heatMaps } from '../../../src/report/html/heat-maps.js';
import { htmlReport, htmlRule } from './html-fixture.js';

function usage(ruleId: string, day: string, hits: number): DailyRuleUsage {
  return {
    ruleId,
    day,
    hits,
    exclusiveHits: 0,
    packets: 0,
    bytes: 0,
    firstSeen: null,
    lastSeen: null,
  };
}

describe('heatMaps', () => {
  test('has no rules-by-day map without daily history', () => {
    expect(heatMaps(htmlReport([htmlRule(1)])).byDay).toBeNull();
  });

  test('puts rules against days, busiest rule first, without empty cells', () => {
    const [a, b] = [htmlRule(1), htmlRule(2)];
    const daily = [
      usage(a.ruleId, '2024-05-02', 5),
      usage(b.ruleId, '2024-05-01', 100),
      usage(a.ruleId, '2024-05-01', 0),
    ];

    expect(heatMaps(htmlReport([a, b], { daily })).byDay).toEqual({
      x: ['2024-05-01', '2024-05-02'],
      y: [b.ruleId, a.ruleId],
      cells: [
        [1, 1, 5],
        [0, 0, 100],
      ],
      totalRows: 2,
    });
  });

  test('puts rules against direction, keeps rules without hits, and caps the rows', () => {
    const rules = Array.from({ length: MAX_HEAT_MAP_ROWS + 5 }, (_, index) =>
      htmlRule(index, { hits: index, direction: index % 2 === 0 ? 'ingress' : 'egress' }),
    );
    const map = heatMaps(htmlReport(rules)).byDirection;

    expect(map.x).toEqual(['ingress', 'egress']);
    expect(map.y).toHaveLength(MAX_HEAT_MAP_ROWS);
    expect(map.totalRows).toBe(MAX_HEAT_MAP_ROWS + 5);
    expect(map.cells[0]).toEqual([0, 0, MAX_HEAT_MAP_ROWS + 4]);
    expect(map.cells[1]).toEqual([1, 1, MAX_HEAT_MAP_ROWS + 3]);
  });

  test('leaves the row of a rule without hits empty', () => {
    const used = htmlRule(1, { hits: 7 });
    const idle = htmlRule(2, { hits: 0, direction: 'egress' });
    const map = heatMaps(htmlReport([idle, used])).byDirection;

    expect(map.y).toEqual([used.ruleId, idle.ruleId]);
    expect(map.cells).toEqual([[0, 0, 7]]);
  });

  test('puts groups against the ports of their rules with hits', () => {
    const db = { groupId: 'sg-00000000000000002', groupName: 'db' };
    const rules = [
      htmlRule(1, { hits: 30 }),
      htmlRule(2, { hits: 5, fromPort: 80, toPort: 80 }),
      htmlRule(3, { ...db, hits: 7, fromPort: 5432, toPort: 5432 }),
      htmlRule(4, { ...db, hits: 0, fromPort: 22, toPort: 22 }),
      htmlRule(5, { hits: 2, protocol: 'all', fromPort: null, toPort: null }),
    ];

    expect(heatMaps(htmlReport(rules)).byPort).toEqual({
      x: ['tcp 443', 'tcp 5432', 'tcp 80', 'all traffic'],
      y: ['web (sg-00000000000000001)', 'db (sg-00000000000000002)'],
      cells: [
        [0, 0, 30],
        [2, 0, 5],
        [3, 0, 2],
        [1, 1, 7],
      ],
      totalRows: 2,
    });
  });
});
