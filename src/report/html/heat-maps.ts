import type { RuleReport } from '../report.js';
import type { ReportWithFindings } from '../report-with-findings.js';
import { groupLabel, portsLabel } from '../rule-labels.js';

/**
 * The heat maps' data, computed here rather than in the page so that the
 * page only draws, and so that the limits below are tested. A cell is
 * `[x, y, hits]`, with indices into the axes.
 */
export interface HeatMap {
  readonly x: readonly string[];
  readonly y: readonly string[];
  readonly cells: readonly (readonly [x: number, y: number, hits: number])[];
  /** How many rows there were before the limit, so the page can say what it left out. */
  readonly totalRows: number;
}

export interface HeatMaps {
  /** Null without daily history (`analyze` reports have none). */
  readonly byDay: HeatMap | null;
  readonly byDirection: HeatMap;
  readonly byPort: HeatMap;
}

/**
 * A chart stays readable up to about this many rows at 1280 px; with 5,000
 * rules the table, not the chart, is the place to look for one rule.
 */
export const MAX_HEAT_MAP_ROWS = 60;

/** Columns of the port heat map: the busiest server ports. */
export const MAX_HEAT_MAP_PORTS = 30;

export function heatMaps(report: ReportWithFindings): HeatMaps {
  return {
    byDay: report.daily === undefined ? null : byDay(report),
    byDirection: byDirection(report.rules),
    byPort: byPort(report.rules),
  };
}

/** Rules against UTC days, the rules with the most hits in the window first. */
function byDay(report: ReportWithFindings): HeatMap {
  const daily = report.daily ?? [];
  const hitsByRule = sumBy(
    daily,
    (usage) => usage.ruleId,
    (usage) => usage.hits,
  );
  const rows = topKeys(hitsByRule, MAX_HEAT_MAP_ROWS);
  const days = [...new Set(daily.map((usage) => usage.day))].sort();

  const rowIndex = indexOf(rows);
  const dayIndex = indexOf(days);
  const cells = daily.flatMap((usage) => {
    const y = rowIndex.get(usage.ruleId);
    const x = dayIndex.get(usage.day);
    return x === undefined || y === undefined || usage.hits === 0
      ? []
      : [[x, y, usage.hits] as const];
  });
  return { x: days, y: rows, cells, totalRows: hitsByRule.size };
}

/**
 * The view of the architecture stale-sg grew from: rule ids against flow
 * direction, colour by hits. Rules without hits stay in as empty rows (no
 * cell) when there is room, since an empty row is what a stale rule looks like.
 */
function byDirection(rules: readonly RuleReport[]): HeatMap {
  const sorted = [...rules]
    .sort((a, b) => b.hits - a.hits || (a.ruleId < b.ruleId ? -1 : 1))
    .slice(0, MAX_HEAT_MAP_ROWS);
  const directions = ['ingress', 'egress'];

  const cells = sorted.flatMap((rule, y) =>
    rule.hits === 0 ? [] : [[directions.indexOf(rule.direction), y, rule.hits] as const],
  );
  return { x: directions, y: sorted.map((rule) => rule.ruleId), cells, totalRows: rules.length };
}

/** Groups against the server ports of their rules with hits, by hits. */
function byPort(rules: readonly RuleReport[]): HeatMap {
  const used = rules.filter((rule) => rule.hits > 0);

  const ports = topKeys(
    sumBy(used, portKey, (rule) => rule.hits),
    MAX_HEAT_MAP_PORTS,
  );
  const hitsByGroup = sumBy(used, groupLabel, (rule) => rule.hits);
  const groups = topKeys(hitsByGroup, MAX_HEAT_MAP_ROWS);

  const cellKey = (group: string, port: string): string => `${group}\u0000${port}`;
  const sums = sumBy(
    used,
    (rule) => cellKey(groupLabel(rule), portKey(rule)),
    (r) => r.hits,
  );

  const cells = groups.flatMap((group, y) =>
    ports.flatMap((port, x) => {
      const hits = sums.get(cellKey(group, port)) ?? 0;
      return hits > 0 ? [[x, y, hits] as const] : [];
    }),
  );
  return { x: ports, y: groups, cells, totalRows: hitsByGroup.size };
}

/** `tcp 443`, `udp 53`, `icmp type 8`, `all traffic`, `protocol 47`. */
function portKey(rule: RuleReport): string {
  if (rule.protocol === 'all') return 'all traffic';
  if (/^\d+$/.test(rule.protocol)) return `protocol ${rule.protocol}`;
  return `${rule.protocol} ${portsLabel(rule)}`;
}

function sumBy<T>(items: readonly T[], key: (item: T) => string, value: (item: T) => number) {
  const sums = new Map<string, number>();
  for (const item of items) sums.set(key(item), (sums.get(key(item)) ?? 0) + value(item));
  return sums;
}

/** The keys with the largest sums, ties by key, so that the output is stable. */
function topKeys(sums: ReadonlyMap<string, number>, limit: number): string[] {
  return [...sums]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, limit)
    .map(([key]) => key);
}

function indexOf(keys: readonly string[]): Map<string, number> {
  return new Map(keys.map((key, index) => [key, index]));
}
