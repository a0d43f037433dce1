import { describe, expect, it } from 'vitest';

import { formatTable } from '../../src/report/format-table.js';
import type { RuleReport } from '../../src/report/report.js';
import { FIXTURE_RULES, emptyReport, fixtureReport } from './report-fixture.js';

const plain = (width?: number) => formatTable(fixtureReport(), { color: false, width });

/** The table's lines: from its header row to the blank line before the warnings. */
function tableLines(text: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.startsWith('STATUS'));
  const end = lines.indexOf('', start);
  return lines.slice(start, end);
}

const width = (line: string) => Array.from(line).length;

/** What a terminal would show: SGR sequences removed. */
// eslint-disable-next-line no-control-regex -- removing the colours the test asked for
const withoutColor = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');

// eslint-disable-next-line no-control-regex -- any control character but the line feed
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe('formatTable', () => {
  it('starts with one line of window and counts', () => {
    const [summary, blank] = plain().split('\n');

    expect(summary).toBe(
      'Window: 2024-05-01 00:00 to 2024-05-31 00:00 UTC' +
        ' · Rules: 4 used, 3 stale, 3 unobserved, 2 unattached' +
        ' · Records: 1,200,000 accepted, 49,000 rejected, 3 malformed' +
        ' · 1 file skipped · 2 warnings',
    );
    expect(blank).toBe('');
  });

  it('lists stale rules first, then unobserved, unattached and used', () => {
    const statuses = tableLines(plain())
      .slice(1)
      .map((line) => line.split(' ')[0]);

    expect(statuses).toEqual([
      ...Array<string>(3).fill('stale'),
      ...Array<string>(3).fill('unobserved'),
      ...Array<string>(2).fill('unattached'),
      ...Array<string>(4).fill('used'),
    ]);
  });

  it('orders rules of one status by group name, direction, then rule id', () => {
    const used = tableLines(plain(200)).filter((line) => line.startsWith('used'));
    const columns = used.map((line) =>
      line
        .split(/\s{2,}/)
        .slice(1, 6)
        .join(' '),
    );

    expect(columns).toEqual([
      'db (sg-0a1b2c3d4e5f60002) in tcp 5432 sg-0a1b2c3d4e5f60001',
      'web (sg-0a1b2c3d4e5f60001) in tcp 443 0.0.0.0/0',
      'web (sg-0a1b2c3d4e5f60001) in tcp 443 ::/0',
      'web (sg-0a1b2c3d4e5f60001) out all all 0.0.0.0/0',
    ]);
  });

  it.each([
    ['a TCP port', { protocol: 'tcp', fromPort: 443, toPort: 443 }, 'tcp', '443'],
    ['a port range', { protocol: 'udp', fromPort: 8000, toPort: 8999 }, 'udp', '8000-8999'],
    ['all protocols', { protocol: 'all', fromPort: null, toPort: null }, 'all', 'all'],
    [
      'an ICMP type',
      { protocol: 'icmp', fromPort: null, icmpType: 8, icmpCode: -1 },
      'icmp',
      'type 8',
    ],
    [
      'an ICMP type and code',
      { protocol: 'icmp', fromPort: null, icmpType: 3, icmpCode: 4 },
      'icmp',
      'type 3 code 4',
    ],
    ['any ICMPv6', { protocol: 'icmpv6', fromPort: null, icmpType: -1 }, 'icmpv6', 'all'],
    ['ICMP without a type', { protocol: 'icmp', fromPort: null, icmpType: null }, 'icmp', 'all'],
    ['a protocol without ports', { protocol: '50', fromPort: null, toPort: null }, '50', 'all'],
  ] as const)('shows %s as PROTO %s, PORTS %s', (_name, fields, proto, ports) => {
    const rule: RuleReport = { ...FIXTURE_RULES[0]!, ...fields } as RuleReport;
    const [, row] = tableLines(formatTable(fixtureReport([rule]), { color: false }));

    expect(row?.split(/\s{2,}/).slice(3, 5)).toEqual([proto, ports]);
  });

  it('shows a group missing from the inventory, named by its id, only once', () => {
    const rule: RuleReport = {
      ...FIXTURE_RULES[0]!,
      groupName: 'sg-0a1b2c3d4e5f6ffff',
      groupId: 'sg-0a1b2c3d4e5f6ffff',
    };
    const [, row] = tableLines(formatTable(fixtureReport([rule]), { color: false }));

    expect(row).toMatch(/^used +sg-0a1b2c3d4e5f6ffff {2}in /);
  });

  it('shows the last day seen, or never', () => {
    const rows = tableLines(plain());

    expect(rows.find((line) => line.startsWith('stale'))).toMatch(/ never$/);
    expect(rows.find((line) => line.includes('::/0'))).toMatch(/ 2024-05-29$/);
  });

  it('writes no escape sequence without colour', () => {
    expect(plain()).not.toMatch(CONTROL);
  });

  it('colours the status with colour, and the text stays the same', () => {
    const colored = formatTable(fixtureReport(), { color: true });

    expect(colored).toContain('\u001b[31mstale');
    expect(colored).toContain('\u001b[33munobserved');
    expect(colored).toContain('\u001b[35munattached');
    expect(colored).toContain('\u001b[32mused');
    expect(withoutColor(colored)).toBe(plain());
  });

  it('strips control characters and escapes from account text', () => {
    const text = plain(200);
    const hostileRow = tableLines(text).find((line) => line.includes('sg-0a1b2c3d4e5f60005'));

    expect(text).not.toMatch(CONTROL);
    expect(text).not.toContain('[31m');
    expect(text).not.toContain('owned');
    expect(hostileRow).toMatch(/^unattached {2}red \| pipe \(sg-0a1b2c3d4e5f60005\) {2,}in {3}tcp/);
    expect(hostileRow).toContain('192.0.2.0/24 ');
    expect(tableLines(text)).toHaveLength(FIXTURE_RULES.length + 1);
    expect(text).toContain('Warning: interface eni-0000000000000009f: description red | pipe <b>');
  });

  it('sizes columns to their content when they fit', () => {
    const lines = tableLines(plain(200));
    const widest = '<script>alert(1)</script> (sg-0a1b2c3d4e5f60004)';

    expect(lines.join('\n')).not.toContain('…');
    expect(lines[0]?.indexOf('DIR')).toBe('unattached  '.length + widest.length + 2);
    // 10 + 48 + 3 + 6 + 9 + 20 + 9 + 7 + 10 characters and eight gaps of two
    expect(Math.max(...lines.map(width))).toBe(138);
  });

  it('fits every row into 120 characters by cutting group names, not their ids', () => {
    const lines = tableLines(plain(120));

    expect(Math.max(...lines.map(width))).toBeLessThanOrEqual(120);
    expect(lines).toContainEqual(expect.stringContaining(' <scrip… (sg-0a1b2c3d4e5f60004) '));
    expect(lines).toContainEqual(expect.stringContaining(' db (sg-0a1b2c3d4e5f60002) '));
  });

  it('shows only the group id when a name would not fit', () => {
    const lines = tableLines(plain(110));

    expect(Math.max(...lines.map(width))).toBeLessThanOrEqual(110);
    expect(lines).toContainEqual(
      expect.stringMatching(/^unattached {2}sg-0a1b2c3d4e5f60004 {2}in/),
    );
  });

  it('keeps the columns aligned when it cuts', () => {
    const lines = tableLines(plain(110));
    const lastSeen = lines[0]?.indexOf('LAST SEEN');

    for (const line of lines.slice(1))
      expect(line.search(/(never|\d{4}-\d\d-\d\d)$/)).toBe(lastSeen);
  });

  it('keeps group ids and peers whole when the width is too small for the table', () => {
    const lines = tableLines(plain(60));

    expect(Math.max(...lines.map(width))).toBeGreaterThan(60);
    expect(lines.some((line) => line.includes('unattached  sg-0a1b2c3d4e5f60004  in'))).toBe(true);
    expect(lines.some((line) => line.includes(' pl-0123456789abcdef0 '))).toBe(true);
  });

  it('says so when there are no rules', () => {
    expect(formatTable(emptyReport(), { color: false })).toBe(
      'Window: none (no records) · Rules: 0 used, 0 stale, 0 unobserved, 0 unattached' +
        ' · Records: 0 accepted, 0 rejected, 0 malformed\n\n' +
        'No rules: the inventory has no security group rules.\n',
    );
  });

  it('does not change the report', () => {
    const report = fixtureReport();
    const before = JSON.stringify(report);
    formatTable(report, { color: true, width: 60 });

    expect(JSON.stringify(report)).toBe(before);
  });
});
