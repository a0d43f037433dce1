import { describe, expect, it } from 'vitest';

import type { FindingKind } from '../../src/findings/findings.js';
import { formatCsv } from '../../src/report/format-csv.js';
import { formatTable } from '../../src/report/format-table.js';
import {
  DEFAULT_GROUP_ID,
  FINDING_KINDS,
  findingsWithout,
  storedFixtureReport,
} from './findings-fixture.js';
import { fixtureReport } from './report-fixture.js';

const TITLES: Readonly<Record<FindingKind, string>> = {
  risky: 'Risky (',
  stale: 'Stale (',
  redundant: 'Redundant (',
  shadowed: 'Shadowed (',
  narrowing: 'Narrowing (',
  cadence: 'Cadence (',
  unattached: 'Unattached (',
  unobserved: 'Unobserved (',
  rejected: 'Rejected traffic (',
};

/** The order the brief of the findings part asks for. */
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

const table = (width = 200, color = false) => formatTable(storedFixtureReport(), { color, width });

/** The findings part: from its `Findings` line to the blank line before the warnings. */
function findingsPart(text: string): string {
  const start = text.indexOf('\nFindings');
  const end = text.indexOf('\n\nWarning: ');
  return text.slice(start + 1, end);
}

/** The rows of one kind's section, without its title and header. */
function sectionRows(text: string, kind: FindingKind): string[] {
  const part = findingsPart(text);
  const section = part.slice(part.indexOf(`\n${TITLES[kind]}`) + 1).split('\n\n')[0] ?? '';
  return section.split('\n').slice(2);
}

// eslint-disable-next-line no-control-regex -- removing the colours the test asked for
const withoutColor = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');

// eslint-disable-next-line no-control-regex -- any control character but the line feed
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

const width = (line: string) => Array.from(line).length;

describe('formatTable with findings', () => {
  it('adds the findings after the rules and before the warnings', () => {
    const text = table();
    const plain = formatTable(fixtureReport(), { color: false, width: 200 });

    expect(text.indexOf('\nFindings\n')).toBeGreaterThan(text.indexOf('LAST SEEN'));
    expect(text.indexOf('\nFindings\n')).toBeLessThan(text.indexOf('Warning: '));
    expect(text.replace(`${findingsPart(text)}\n\n`, '')).toBe(plain);
  });

  it('shows one section per kind, in order', () => {
    const part = findingsPart(table());
    const positions = ORDER.map((kind) => part.indexOf(`\n${TITLES[kind]}`));

    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it.each(FINDING_KINDS)('omits the %s section when it has no findings', (kind) => {
    const report = storedFixtureReport(findingsWithout(kind));
    const part = findingsPart(formatTable(report, { color: false, width: 200 }));

    for (const other of FINDING_KINDS) {
      expect(part.includes(`\n${TITLES[other]}`)).toBe(other !== kind);
    }
  });

  it('says so when there are no findings at all', () => {
    const report = storedFixtureReport(findingsWithout(...FINDING_KINDS));

    expect(formatTable(report, { color: false })).toContain('\n\nFindings: none.\n\nWarning: ');
  });

  it('adds nothing to a report from analyze', () => {
    expect(formatTable(fixtureReport(), { color: false })).not.toContain('Findings');
  });

  it('starts each rule line with the group, direction, rule and what it allows', () => {
    const [row] = sectionRows(table(), 'redundant');

    expect(row?.split(/\s{2,}/)).toEqual([
      'web (sg-0a1b2c3d4e5f60001)',
      'in',
      'sgr-00000000000000002',
      'tcp 443 from ::/0',
      '42',
      'sgr-00000000000000001 (42 shared)',
    ]);
  });

  it.each([
    [
      'risky',
      0,
      /^1 {2}<script>alert\(1\)<\/script> \(sg-0a1b2c3d4e5f60004\) .* admin 3389 +unattached +0$/,
    ],
    ['risky', 1, /^2 {2}web .* tcp 443 from 0\.0\.0\.0\/0 +all ports +used +1,234,567$/],
    ['stale', 1, / 2024-04-20, 40 days ago {2}30 days {2}referenced by sg-0a1b2c3d4e5f60002$/],
    ['shadowed', 0, / sgr-00000000000000004: tcp 5432 from sg-0a1b2c3d4e5f60001$/],
    ['shadowed', 1, / sgr-00000000000000005 \(identical\)$/],
    ['narrowing', 0, / 10\.0\.0\.0\/24 \(75%\), 10\.0\.1\.0\/24 \(25%\)$/],
    [
      'narrowing',
      1,
      / tcp 8000-8999 from sg-0a1b2c3d4e5f60003 .* tcp 8080-8081 \(66\.7%\), 8443 \(33\.3%\)$/,
    ],
    ['cadence', 0, / on schedule {2}2024-06-03 {5}2024-05-27 {2}7 days$/],
    ['cadence', 1, / OVERDUE {6}2024-05-17 {5}2024-05-10 {2}7 days$/],
    ['unattached', 2, /^default \(sg-0a1b2c3d4e5f60006\) .* default group, cannot be deleted$/],
    ['unobserved', 0, / icmp type 8 from 10\.0\.0\.0\/8 {2}eni-0000000000000003a$/],
    ['rejected', 5, /^port {2}in {3}tcp 22 +30,000 {2}never$/],
    ['rejected', 6, /^port {2}out {2}icmp +19,000 {2}never$/],
  ] as const)('shows the evidence of %s finding %i', (kind, index, pattern) => {
    expect(sectionRows(table(), kind)[index]).toMatch(pattern);
  });

  it('marks the groups that reference an unattached group', () => {
    const rows = sectionRows(table(), 'unattached');

    expect(rows[1]).toMatch(
      /^red \| pipe \(sg-0a1b2c3d4e5f60005\) .* referenced by sg-0a1b2c3d4e5f60001$/,
    );
    expect(rows.join('\n')).toContain(DEFAULT_GROUP_ID);
  });

  it('shows the top 5 rejected peers and ports of all interfaces', () => {
    const text = table();
    const rows = sectionRows(text, 'rejected');

    expect(text).toContain('Rejected traffic (49,000 records on 2 interfaces): top 5 peers');
    expect(rows.filter((row) => row.startsWith('peer'))).toHaveLength(5);
    expect(rows.filter((row) => row.startsWith('port'))).toHaveLength(2);
    expect(text).not.toContain('203.0.113.99');
  });

  it('strips control characters from group names and peers inside findings', () => {
    const text = table();

    expect(text).not.toMatch(CONTROL);
    expect(text).not.toContain('[2J');
    expect(sectionRows(text, 'rejected')[0]).toMatch(
      /^peer {2}in {3}198\.51\.100\.66\| pipe<b> +20,000/,
    );
  });

  it('writes no escape sequence without colour', () => {
    expect(table(120, false)).not.toContain('\u001b');
  });

  it('colours titles, statuses and OVERDUE with colour, and the text stays the same', () => {
    const colored = table(120, true);

    expect(colored).toContain('\u001b[1mFindings\u001b[0m');
    expect(colored).toContain('\u001b[31mOVERDUE\u001b[0m');
    expect(colored).toContain('\u001b[35munattached\u001b[0m');
    expect(withoutColor(colored)).toBe(table(120, false));
  });

  it.each([120, 100, 80, 60])('fits every findings line into %i characters', (columns) => {
    const plain = table(columns);
    const lines = findingsPart(plain).split('\n');

    expect(Math.max(...lines.map(width))).toBeLessThanOrEqual(columns);
    expect(withoutColor(table(columns, true))).toBe(plain);
  });

  it('keeps a missed periodic use in sight when it cuts', () => {
    expect(sectionRows(table(100), 'cadence')[1]).toContain(' OVERDUE ');
  });

  it('cuts long lines with an ellipsis, group names before their ids', () => {
    const lines = findingsPart(table(100)).split('\n');

    expect(lines).toContainEqual(expect.stringMatching(/…$/));
    expect(lines).toContainEqual(expect.stringContaining(' (sg-0a1b2c3d4e5f60004) '));
  });

  it('leaves the CSV to the rules', () => {
    expect(formatCsv(storedFixtureReport())).toBe(formatCsv(fixtureReport()));
  });

  it('does not change the report', () => {
    const report = storedFixtureReport();
    const before = JSON.stringify(report);
    formatTable(report, { color: true, width: 60 });

    expect(JSON.stringify(report)).toBe(before);
  });
});
