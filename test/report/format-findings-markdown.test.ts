import { describe, expect, it } from 'vitest';

import type { FindingKind } from '../../src/findings/findings.js';
import { formatMarkdown } from '../../src/report/format-markdown.js';
import { FINDING_KINDS, findingsWithout, storedFixtureReport } from './findings-fixture.js';
import { fixtureReport } from './report-fixture.js';

const HEADINGS: Readonly<Record<FindingKind, string>> = {
  risky: '### Risky',
  stale: '### Stale',
  redundant: '### Redundant',
  shadowed: '### Shadowed',
  narrowing: '### Narrowing',
  cadence: '### Cadence',
  unattached: '### Unattached',
  unobserved: '### Unobserved',
  rejected: '### Rejected traffic',
};

const ORDER: readonly FindingKind[] = [
  'risky',
  'stale',
  'redundant',
  'shadowed',
  'narrowing',
  'cadence',
  'unattached',
  'unobserved',
  'rejected',
];

const markdown = formatMarkdown(storedFixtureReport());

/** The `## Findings` section, up to the next `##` heading. */
function findingsSection(text: string): string {
  const start = text.indexOf('\n## Findings\n');
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start + 1, end === -1 ? undefined : end);
}

/** The table rows of one kind's section, header and delimiter included. */
function tableOf(kind: FindingKind): string[] {
  const part = findingsSection(markdown);
  const section = part.slice(part.indexOf(`${HEADINGS[kind]}\n`)).split('\n### ')[0] ?? '';
  return section.split('\n').filter((line) => line.startsWith('|'));
}

/** The cells of a GFM table row, splitting only at pipes that are not escaped. */
function cells(row: string): string[] {
  return row
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

describe('formatMarkdown with findings', () => {
  it('adds ## Findings after the rules and before the skipped files', () => {
    expect(markdown.indexOf('\n## Findings\n')).toBeGreaterThan(markdown.indexOf('## Used rules'));
    expect(markdown.indexOf('\n## Findings\n')).toBeLessThan(markdown.indexOf('## Skipped files'));
    expect(markdown.replace(`${findingsSection(markdown)}\n`, '')).toBe(
      formatMarkdown(fixtureReport()),
    );
  });

  it('has one ### section per kind, in order, each with a sentence and a table', () => {
    const part = findingsSection(markdown);
    const positions = ORDER.map((kind) => part.indexOf(`\n${HEADINGS[kind]}\n\n`));

    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(part).toContain(
      "### Stale\n\n2 rules: no hit in 30 days, though the logs cover the group's interfaces.\n\n" +
        '| Group | Dir | Rule | Allows | Last seen | Covered | Group notes |\n' +
        '| --- | --- | --- | --- | --- | ---: | --- |\n',
    );
  });

  it.each(FINDING_KINDS)('omits the %s section when it has no findings', (kind) => {
    const part = findingsSection(formatMarkdown(storedFixtureReport(findingsWithout(kind))));

    for (const other of FINDING_KINDS) {
      expect(part.includes(`\n${HEADINGS[other]}\n`)).toBe(other !== kind);
    }
  });

  it('says None. when there are no findings at all', () => {
    const report = storedFixtureReport(findingsWithout(...FINDING_KINDS));

    expect(formatMarkdown(report)).toContain('\n## Findings\n\nNone.\n\n## Skipped files');
  });

  it('adds nothing to a report from analyze', () => {
    expect(formatMarkdown(fixtureReport())).not.toContain('Findings');
  });

  it.each(ORDER)('has as many cells in every %s row as in its header', (kind) => {
    const [header, ...rows] = tableOf(kind);
    const width = cells(header ?? '').length;

    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) expect(cells(row)).toHaveLength(width);
  });

  it.each([
    ['redundant', 2, ['sgr-00000000000000001 (42 shared)'], 5],
    ['narrowing', 2, ['10.0.0.0/24 (75%), 10.0.1.0/24 (25%)'], 5],
    ['cadence', 2, ['on schedule', '2024-06-03'], 4],
    ['cadence', 3, ['OVERDUE', '2024-05-17'], 4],
    ['risky', 2, ['1', '&lt;script&gt;alert(1)&lt;/script&gt; (sg-0a1b2c3d4e5f60004)'], 0],
    ['unattached', 4, ['default (sg-0a1b2c3d4e5f60006)'], 0],
    ['unattached', 4, ['default group, cannot be deleted'], 4],
  ] as const)('shows the evidence of %s in row %i', (kind, row, expected, from) => {
    const found = cells(tableOf(kind)[row] ?? '');

    expect(found.slice(from, from + expected.length)).toEqual(expected);
  });

  it('escapes hostile group names and peers inside findings', () => {
    const part = findingsSection(markdown);

    expect(part).not.toMatch(/<[a-z/!?]/i);
    expect(part).toContain('| red \\| pipe (sg-0a1b2c3d4e5f60005) |');
    expect(part).toContain('| 198.51.100.66\\| pipe&lt;b&gt; |');
    // eslint-disable-next-line no-control-regex -- any control character but the line feed
    expect(part).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });
});
