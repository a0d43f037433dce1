import { describe, expect, it } from 'vitest';

import { formatCsv } from '../../src/report/format-csv.js';
import type { RuleReport } from '../../src/report/report.js';
import { FIXTURE_RULES, HOSTILE, emptyReport, fixtureReport } from './report-fixture.js';

/**
 * A strict RFC 4180 reader, for these tests only: records end with CRLF,
 * quoted fields may hold anything with quotes doubled, and a bare CR or LF
 * outside quotes is an error, as is a quote inside an unquoted field.
 */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let position = 0;
  while (position < text.length) {
    const [record, next] = parseRecord(text, position);
    records.push(record);
    position = next;
  }
  return records;
}

function parseRecord(text: string, start: number): [string[], number] {
  const fields: string[] = [];
  let position = start;
  for (;;) {
    const [field, next] =
      text[position] === '"' ? quoted(text, position) : unquoted(text, position);
    fields.push(field);
    if (text.startsWith('\r\n', next)) return [fields, next + 2];
    if (text[next] !== ',') throw new Error(`expected , or CRLF at ${next}`);
    position = next + 1;
  }
}

function quoted(text: string, start: number): [string, number] {
  let value = '';
  let position = start + 1;
  for (;;) {
    const end = text.indexOf('"', position);
    if (end < 0) throw new Error(`unterminated quote from ${start}`);
    value += text.slice(position, end);
    if (text[end + 1] !== '"') return [value, end + 1];
    value += '"';
    position = end + 2;
  }
}

function unquoted(text: string, start: number): [string, number] {
  const match = /[^,\r\n"]*/y;
  match.lastIndex = start;
  const value = match.exec(text)?.[0] ?? '';
  const next = start + value.length;
  if (
    text[next] === '"' ||
    (text[next] === '\r' && text[next + 1] !== '\n') ||
    text[next] === '\n'
  ) {
    throw new Error(`unexpected ${JSON.stringify(text[next])} at ${next}`);
  }
  return [value, next];
}

const HEADER = [
  'rule_id',
  'group_id',
  'group_name',
  'vpc_id',
  'direction',
  'protocol',
  'from_port',
  'to_port',
  'icmp_type',
  'icmp_code',
  'peer_kind',
  'peer_value',
  'description',
  'derived',
  'status',
  'hits',
  'exclusive_hits',
  'packets',
  'bytes',
  'first_seen',
  'last_seen',
];

/** The parsed rows as objects keyed by header, by rule id. */
function rowsById(text: string): Map<string, Record<string, string>> {
  const [header = [], ...rows] = parseCsv(text);
  const objects = rows.map((row) =>
    Object.fromEntries(header.map((name, i) => [name, row[i] ?? ''])),
  );
  return new Map(objects.map((row) => [row.rule_id ?? '', row]));
}

const csv = formatCsv(fixtureReport());
const rows = rowsById(csv);

describe('formatCsv', () => {
  it('writes a header row and one row of every field per rule', () => {
    const records = parseCsv(csv);

    expect(records[0]).toEqual(HEADER);
    expect(records).toHaveLength(FIXTURE_RULES.length + 1);
    for (const record of records) expect(record).toHaveLength(HEADER.length);
  });

  it('writes the fields of a used rule as they are', () => {
    expect(rows.get('sgr-00000000000000001')).toEqual({
      rule_id: 'sgr-00000000000000001',
      group_id: 'sg-0a1b2c3d4e5f60001',
      group_name: 'web',
      vpc_id: 'vpc-0123456789abcdef0',
      direction: 'ingress',
      protocol: 'tcp',
      from_port: '443',
      to_port: '443',
      icmp_type: '',
      icmp_code: '',
      peer_kind: 'cidr4',
      peer_value: '0.0.0.0/0',
      description: 'HTTPS from anywhere',
      derived: 'false',
      status: 'used',
      hits: '1234567',
      exclusive_hits: '617283',
      packets: '14814804',
      bytes: '11111103000',
      first_seen: '2024-05-01T00:04:11.000Z',
      last_seen: '2024-05-30T23:58:02.000Z',
    });
  });

  it.each([
    ['sgr-00000000000000002', 'peer_kind', 'cidr6'],
    ['sgr-00000000000000002', 'peer_value', '::/0'],
    ['sgr-00000000000000004', 'peer_value', 'sg-0a1b2c3d4e5f60001'],
    ['sgr-00000000000000006', 'peer_kind', 'prefix-list'],
    ['sgr-00000000000000003', 'protocol', 'all'],
    ['sgr-00000000000000003', 'from_port', ''],
    ['sgr-00000000000000008', 'icmp_type', '8'],
    ['sgr-00000000000000009', 'icmp_type', '-1'],
    ['sgr-0000000000000000a', 'derived', 'true'],
    ['sgr-00000000000000005', 'last_seen', ''],
    ['sgr-0000000000000000c', 'vpc_id', ''],
  ])('writes %s %s as %j', (ruleId, column, expected) => {
    expect(rows.get(ruleId)?.[column]).toBe(expected);
  });

  it.each([
    ['sgr-0000000000000000b', 'description', `'${HOSTILE.formula}`],
    ['sgr-00000000000000006', 'description', "'-foo"],
    ['sgr-00000000000000007', 'description', "'@SUM(1+1)"],
    ['sgr-0000000000000000a', 'description', "'+IPsec ESP"],
  ])('neutralises the formula in %s %s', (ruleId, column, expected) => {
    expect(rows.get(ruleId)?.[column]).toBe(expected);
  });

  it('keeps quotes, commas and line breaks of a description, quoted', () => {
    expect(rows.get('sgr-0000000000000000c')?.description).toBe(
      `${HOSTILE.script} ${HOSTILE.pipe} "quoted", ${HOSTILE.newline}`,
    );
    expect(csv).toContain('"<script>alert(1)</script> | pipe ""quoted"", first line\nsecond line"');
  });

  it('strips escape sequences and other control characters', () => {
    const hostile = rows.get('sgr-0000000000000000c');

    expect(hostile?.group_name).toBe('red | pipe');
    expect(hostile?.peer_value).toBe('192.0.2.0/24');
    // eslint-disable-next-line no-control-regex -- any control but the kept line feed and CR
    expect(csv).not.toMatch(/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
  });

  it('ends every record with CRLF', () => {
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(FIXTURE_RULES.length + 2);
  });

  it.each([
    ['plain text', 'web servers', 'web servers'],
    ['a comma', 'a, b', '"a, b"'],
    ['a quote', 'say "hi"', '"say ""hi"""'],
    ['a line feed', 'one\ntwo', '"one\ntwo"'],
    ['a CRLF', 'one\r\ntwo', '"one\r\ntwo"'],
    ['a leading tab', '\tx', "'\tx"],
    ['a leading CR', '\r=1', `"'\r=1"`],
    ['an escape before a formula', '\u001b[0m=1+1', "'=1+1"],
    ['an equals sign inside', 'a=b', 'a=b'],
  ])('writes a description with %s as %j', (_name, description, expected) => {
    const rule: RuleReport = { ...FIXTURE_RULES[0]!, description };
    const text = formatCsv(fixtureReport([rule]));
    const [, row] = text.split(/\r\n(?=sgr-)/);

    expect(row?.split(',0.0.0.0/0,')[1]?.split(',false,used,')[0]).toBe(expected);
    expect(parseCsv(text)[1]).toHaveLength(HEADER.length);
  });

  it('writes only the header when there are no rules', () => {
    expect(formatCsv(emptyReport())).toBe(`${HEADER.join(',')}\r\n`);
  });
});
