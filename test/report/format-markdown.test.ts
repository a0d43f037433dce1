import { describe, expect, it } from 'vitest';

import { formatMarkdown } from '../../src/report/format-markdown.js';
import type { RuleReport, RuleStatus } from '../../src/report/report.js';
import { FIXTURE_RULES, emptyReport, fixtureReport, rulesWithStatus } from './report-fixture.js';

const markdown = formatMarkdown(fixtureReport());

/** The cells of a GFM table row, splitting only at pipes that are not escaped. */
function cells(row: string): string[] {
  const found: string[] = [];
  let current = '';
  for (let i = 0; i < row.length; i += 1) {
    const char = row[i] ?? '';
    if (char === '\\') {
      current += char + (row[i + 1] ?? '');
      i += 1;
    } else if (char === '|') {
      found.push(current.trim());
      current = '';
    } else {
      current += char;
    }
  }
  return found.slice(1);
}

const tableRows = (text: string) => text.split('\n').filter((line) => line.startsWith('|'));

const SECTIONS = ['Stale rules', 'Unobserved rules', "Unattached groups' rules", 'Used rules'];

const rulesOf = (...statuses: RuleStatus[]): RuleReport[] =>
  statuses.flatMap((status) => rulesWithStatus(status));

describe('formatMarkdown', () => {
  it('starts with a heading, the window and a summary table', () => {
    expect(markdown).toMatch(
      /^# Security group rule usage\n\n- Window: 2024-05-01 00:00 to 2024-05-31 00:00 UTC\n- Generated: 2024-05-31 01:15 UTC\n\n## Summary\n\n\| {2}\| Count \|\n\| --- \| ---: \|\n\| Rules \| 12 \|\n/,
    );
    expect(markdown).toContain('| Accepted records | 1,200,000 |');
    expect(markdown).toContain('| Skipped files | 1 |');
  });

  it('has the same number of cells in every row of a table, hostile text included', () => {
    const header =
      'Group | Rule | Dir | Protocol | Ports | Peer | Description | Hits | Exclusive | Last seen';
    const ruleRows = tableRows(markdown).filter((row) => / \| sgr-\w+ \| (in|out) \| /.test(row));

    expect(markdown).toContain(`| ${header} |`);
    expect(ruleRows).toHaveLength(FIXTURE_RULES.length);
    for (const row of ruleRows) expect(cells(row)).toHaveLength(10);
  });

  it('escapes pipes in account text', () => {
    expect(markdown).toContain('| red \\| pipe (sg-0a1b2c3d4e5f60005) |');
    expect(markdown).toContain("| =cmd\\|' /C calc'!A0 |");
  });

  it('writes no HTML tag, only entities', () => {
    expect(markdown).not.toMatch(/<[a-z/!?]/i);
    expect(markdown).toContain('| &lt;script&gt;alert(1)&lt;/script&gt; (sg-0a1b2c3d4e5f60004) |');
    expect(markdown.split('&lt;script&gt;')).toHaveLength(3);
  });

  it('keeps a row on one line and strips control characters', () => {
    expect(markdown).toContain('\\| pipe "quoted", first line second line |');
    // eslint-disable-next-line no-control-regex -- any control character but the line feed
    expect(markdown).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  it.each([
    ['emphasis', '*bold* _it_', '\\*bold\\* \\_it\\_'],
    ['a backtick', 'run `rm -rf`', 'run \\`rm -rf\\`'],
    ['a link', '[click](https://example.com)', '\\[click\\](https://example.com)'],
    ['a backslash before a pipe', 'a\\|b', 'a\\\\\\|b'],
    ['an image', '![x](y)', '!\\[x\\](y)'],
    ['an entity', '&amp;', '&amp;amp;'],
    ['a heading mark', '# not a heading', '# not a heading'],
  ])('escapes %s in a description', (_name, description, expected) => {
    const rule: RuleReport = { ...FIXTURE_RULES[0]!, description };
    const row = tableRows(formatMarkdown(fixtureReport([rule]))).find((line) =>
      line.includes('sgr-'),
    );

    expect(cells(row ?? '')[6]).toBe(expected);
  });

  it('lists the sections in order', () => {
    const positions = SECTIONS.map((title) => markdown.indexOf(`\n## ${title}\n`));

    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it.each([
    ['only used rules', rulesOf('used'), ['Used rules']],
    [
      'stale and unattached rules',
      rulesOf('unattached', 'stale'),
      ['Stale rules', "Unattached groups' rules"],
    ],
    ['unobserved rules', rulesOf('unobserved'), ['Unobserved rules']],
  ])('omits empty sections for %s', (_name, rules, present) => {
    const text = formatMarkdown(fixtureReport(rules));

    for (const title of SECTIONS) {
      expect(text.includes(`\n## ${title}\n`)).toBe(present.includes(title));
    }
    expect(text).not.toContain('None.');
  });

  it('says None. when there are no rules', () => {
    const text = formatMarkdown(emptyReport());

    expect(text).toContain('- Window: none (no records)');
    expect(text).toContain('\n## Rules\n\nNone.\n');
    for (const title of SECTIONS) expect(text).not.toContain(`## ${title}`);
  });

  it('lists skipped files and warnings, escaped', () => {
    expect(markdown).toContain(
      '## Skipped files\n\n| File | Reason |\n| --- | --- |\n' +
        '| flow-logs/2024/05/17/broken.log.gz | gzip: unexpected end of file |',
    );
    expect(markdown).toContain(
      '| interface eni-0000000000000009f: description red \\| pipe &lt;b&gt; |\n',
    );
  });

  it('ends with one newline', () => {
    expect(markdown.endsWith('|\n')).toBe(true);
  });
});
