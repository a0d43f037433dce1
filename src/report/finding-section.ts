import type { NarrowingFinding } from '../findings/narrowing-findings.js';
import type { FindingRule } from '../findings/findings.js';
import type { RuleReport, RuleStatus } from './report.js';
import { allowsLabel, countLabel, dayLabel, directionLabel, groupLabel } from './rule-labels.js';

/**
 * One kind of finding as rows and columns, shared by the terminal table and
 * the Markdown report so that both show the same evidence. Cell text is raw:
 * group names, peers and ids come from the account, and each renderer passes
 * every cell through its own sanitiser (`stripControl`, `escapeMarkdown`).
 */

/** How a cell may be coloured on a terminal: a rule's status, or a missed periodic use. */
export type CellTone = RuleStatus | 'overdue';

export interface FindingCell {
  readonly text: string;
  /** Set on group cells, so that the terminal can cut the name and keep the id. */
  readonly group?: { readonly name: string; readonly id: string };
  readonly tone?: CellTone;
}

export interface FindingColumn {
  /** Sentence case (`Last seen`); the terminal shows it in capitals. */
  readonly title: string;
  readonly align: 'left' | 'right';
  /** How far the terminal may shrink the column; absent: never cut. */
  readonly minWidth?: number;
  /** How far it shrinks while other columns still can: what identifies a rule stays readable. */
  readonly softMinWidth?: number;
}

export interface FindingSection {
  /** `Risky`, `Rejected traffic`: the README's name of the finding. */
  readonly title: string;
  /** How many, with the noun: `2 rules`, `485 records on 7 interfaces`. */
  readonly count: string;
  /** What the finding means, in a few words, without a final full stop. */
  readonly note: string;
  readonly columns: readonly FindingColumn[];
  readonly rows: readonly (readonly FindingCell[])[];
}

export interface ColumnSpec<T> extends FindingColumn {
  readonly cell: (finding: T) => FindingCell | string;
}

/** The report's rules by id, to show what a finding's rule allows. */
export type RuleLookup = ReadonlyMap<string, RuleReport>;

/** Lists in cells are cut after this many items: the JSON has them all. */
export const LIST_MAX = 3;

export function buildSection<T>(
  head: Omit<FindingSection, 'columns' | 'rows'>,
  columns: readonly ColumnSpec<T>[],
  findings: readonly T[],
): FindingSection {
  const rows = findings.map((finding) =>
    columns.map((column) => {
      const cell = column.cell(finding);
      return typeof cell === 'string' ? { text: cell } : cell;
    }),
  );
  const layout = columns.map(({ title, align, minWidth, softMinWidth }) => ({
    title,
    align,
    minWidth,
    softMinWidth,
  }));
  return { ...head, columns: layout, rows };
}

/** A group column: the last to shrink, and never below the group id. */
export const GROUP_COLUMN = {
  title: 'Group',
  align: 'left',
  minWidth: 20,
  softMinWidth: 36,
} as const;

export function groupCell(group: { readonly groupId: string; readonly groupName: string }) {
  return {
    text: groupLabel(group),
    group: { name: group.groupName, id: group.groupId },
  } satisfies FindingCell;
}

/** Group, direction, rule id and what the rule allows: how every rule finding starts. */
export function ruleColumns<T extends FindingRule>(rules: RuleLookup): ColumnSpec<T>[] {
  return [
    { ...GROUP_COLUMN, cell: groupCell },
    { title: 'Dir', align: 'left', cell: directionLabel },
    { title: 'Rule', align: 'left', cell: (finding) => finding.ruleId },
    {
      title: 'Allows',
      align: 'left',
      minWidth: 12,
      softMinWidth: 24,
      cell: (finding) => allowsOf(rules, finding.ruleId),
    },
  ];
}

/** What a rule allows, or nothing when the report does not have the rule. */
export function allowsOf(rules: RuleLookup, ruleId: string): string {
  const rule = rules.get(ruleId);
  return rule === undefined ? '' : allowsLabel(rule);
}

/** `2 rules`, `1 group`. */
export function counted(count: number, noun: string): string {
  return `${countLabel(count)} ${noun}${count === 1 ? '' : 's'}`;
}

/** `1 day`, `7 days`, `6.5 days`. */
export function daysLabel(days: number): string {
  return `${Number(days.toFixed(1))} day${days === 1 ? '' : 's'}`;
}

/** The last hit as a day, with how long ago when known: `2024-05-01, 30 days ago`, `never`. */
export function lastSeenLabel(lastSeen: string | null, daysSince: number | null): string {
  const day = dayLabel(lastSeen);
  return lastSeen === null || daysSince === null ? day : `${day}, ${daysLabel(daysSince)} ago`;
}

/** A share of 0 to 1 as a percentage with at most one decimal: `15.4%`, `100%`. */
export function percentLabel(share: number): string {
  return `${Number((share * 100).toFixed(1))}%`;
}

/** The first `LIST_MAX` items, comma separated, and how many more there are. */
export function listLabel(items: readonly string[], max = LIST_MAX): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

/** `tcp 443 (80%), 8080-8081 (20%)` or `10.0.0.0/23 (64.2%), 10.0.10.0/24 (35.8%)`. */
export function narrowToLabel(finding: NarrowingFinding): string {
  if (finding.target === 'peer') {
    return finding.suggestions
      .map((entry) => `${entry.cidr} (${percentLabel(entry.share)})`)
      .join(', ');
  }

  const ports = finding.suggestions.map((entry) => {
    const range =
      entry.fromPort === entry.toPort ? `${entry.fromPort}` : `${entry.fromPort}-${entry.toPort}`;
    return `${range} (${percentLabel(entry.share)})`;
  });
  return `${finding.protocol} ${ports.join(', ')}`;
}
