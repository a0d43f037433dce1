import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ADDRESS_MACROS_SQL } from '../../src/attribution/address-sql.js';
import { withDuckDb } from '../../src/engine/duckdb-session.js';
import {
  formatCidr,
  formatIpAddress,
  parseCidr,
  parseIpAddress,
} from '../../src/net/ip-address.js';
import { VARCHAR, listValue, LIST } from '@duckdb/node-api';

const cases: [string, 4 | 6 | undefined, bigint | undefined][] = [
  ['0.0.0.0', 4, 0n],
  ['10.0.0.1', 4, 0x0a000001n],
  ['255.255.255.255', 4, 0xffffffffn],
  ['256.0.0.1', undefined, undefined],
  ['10.0.0', undefined, undefined],
  ['10.0.0.01', undefined, undefined],
  ['10.0.0.1 ', undefined, undefined],
  ['', undefined, undefined],
  ['::', 6, 0n],
  ['::1', 6, 1n],
  ['2001:db8::', 6, 0x20010db8n << 96n],
  ['2001:DB8:0:0:0:0:0:1', 6, (0x20010db8n << 96n) | 1n],
  ['::ffff:10.0.0.1', 6, (0xffffn << 32n) | 0x0a000001n],
  ['1:2:3:4:5:6:7:8', 6, 0x00010002000300040005000600070008n],
  ['1:2:3:4:5:6:7::', 6, 0x00010002000300040005000600070000n],
  ['1::2::3', undefined, undefined],
  ['1:2:3:4:5:6:7:8:9', undefined, undefined],
  ['1:2:3:4::5:6:7:8', undefined, undefined],
  ['12345::', undefined, undefined],
  [':1', undefined, undefined],
  ['1:::2', undefined, undefined],
  ['g::1', undefined, undefined],
];

/** Runs the SQL address macros over texts: [family, value] per text, value null when invalid. */
async function sqlParse(texts: readonly string[]): Promise<[number, bigint | null][]> {
  return withDuckDb({}, async (connection) => {
    await connection.run(ADDRESS_MACROS_SQL);
    const reader = await connection.runAndReadAll(
      `SELECT ip_family(t) AS family, ip_value(t) AS value
       FROM (SELECT unnest($texts) AS t, generate_subscripts($texts, 1) AS i) ORDER BY i`,
      { texts: listValue([...texts]) },
      { texts: LIST(VARCHAR) },
    );
    return reader.getRows().map((row) => [Number(row[0]), row[1] as bigint | null]);
  });
}

describe('address parsing', () => {
  it.each(cases)('TypeScript reads %j as family %s, value %s', (text, family, value) => {
    const parsed = parseIpAddress(text);
    expect(parsed?.family).toBe(family);
    expect(parsed?.value).toBe(value);
  });

  it('SQL reads every case as TypeScript does', async () => {
    const results = await sqlParse(cases.map(([text]) => text));
    results.forEach(([, value], index) => expect(value ?? undefined).toBe(cases[index]?.[2]));
  });

  it('SQL and TypeScript agree on generated addresses', async () => {
    const texts = fc.sample(
      fc.oneof(
        fc.ipV4(),
        fc.ipV6(),
        fc.ipV4Extended(),
        fc.string({ unit: fc.constantFrom(...'0123456789abcdef:.'), maxLength: 20 }),
      ),
      { numRuns: 3000, seed: 7 },
    );
    const results = await sqlParse(texts);
    texts.forEach((text, index) => {
      expect([text, results[index]?.[1] ?? undefined]).toEqual([text, parseIpAddress(text)?.value]);
    });
  });

  it('formats IPv6 in the canonical compressed form', () => {
    expect(
      formatIpAddress({ family: 6, value: parseIpAddress('2001:db8:0:0:1:0:0:1')!.value }),
    ).toBe('2001:db8::1:0:0:1');
    expect(formatIpAddress({ family: 6, value: 1n })).toBe('::1');
    expect(formatIpAddress({ family: 4, value: 0x0a000001n })).toBe('10.0.0.1');
  });
});

describe('CIDR blocks', () => {
  it.each([
    ['10.0.0.0/8', '10.0.0.0/8', 0x0a000000n, 0x0affffffn],
    ['10.0.0.5/16', '10.0.0.0/16', 0x0a000000n, 0x0a00ffffn],
    ['0.0.0.0/0', '0.0.0.0/0', 0n, 0xffffffffn],
    ['10.1.2.3/32', '10.1.2.3/32', 0x0a010203n, 0x0a010203n],
    ['::/0', '::/0', 0n, (1n << 128n) - 1n],
    [
      '2600:1f18::/56',
      '2600:1f18::/56',
      0x26001f18n << 96n,
      (0x26001f18n << 96n) | ((1n << 72n) - 1n),
    ],
  ])('%s covers %s', (text, canonical, first, last) => {
    const block = parseCidr(text);
    expect(block && formatCidr(block)).toBe(canonical);
    expect([block?.first, block?.last]).toEqual([first, last]);
  });

  it.each(['10.0.0.0', '10.0.0.0/33', '::/129', '10.0.0.0/-1', 'x/8', '10.0.0.0/8/8'])(
    'rejects %j',
    (text) => expect(parseCidr(text)).toBeUndefined(),
  );
});
