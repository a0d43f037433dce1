/**
 * Fuzzing the address and CIDR code (src/net) with arbitrary and
 * address-like text: it never throws, returns only values in range, and
 * agrees with Node's own parsers, which serve as independent references:
 * `net.isIP` for what is an address, the WHATWG URL parser for the value
 * and canonical text of an IPv6 address.
 */
import { isIP } from 'node:net';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  cidrContains,
  formatCidr,
  formatIpAddress,
  parseCidr,
  parseIpAddress,
  type IpFamily,
} from '../../src/net/ip-address.js';
import { fuzzRuns } from './input-corpus/fuzz-runs.js';

const RUNS = fuzzRuns(2000);

const bitsOf = (family: IpFamily): number => (family === 4 ? 32 : 128);

/** Text close to addresses and blocks, where the parsers' edge cases are. */
const addressLike = fc.string({
  unit: fc.constantFrom(...'0123456789abcdefABCDEF:./'),
  maxLength: 48,
});

/** Any text at all: every Unicode unit, lone surrogates included. */
const anyText = fc.string({ unit: 'binary', maxLength: 64 });

const generatedAddress = fc.oneof(fc.ipV4(), fc.ipV6(), fc.ipV4Extended());

const anyInput = fc.oneof(addressLike, anyText, generatedAddress);

/** The WHATWG URL host parser's reading of an IPv6 address: its canonical text, or undefined. */
function urlIpv6(text: string): string | undefined {
  try {
    return new URL(`http://[${text}]/`).hostname.slice(1, -1);
  } catch {
    return undefined;
  }
}

describe('address parsing, fuzzed', () => {
  it('never throws, and returns a value of the family’s width', () => {
    fc.assert(
      fc.property(anyInput, (text) => {
        const address = parseIpAddress(text);
        if (address === undefined) return;
        expect(address.value).toBeGreaterThanOrEqual(0n);
        expect(address.value < 1n << BigInt(bitsOf(address.family))).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('reads exactly what net.isIP reads, in the same family', () => {
    fc.assert(
      fc.property(fc.oneof(addressLike, generatedAddress), (text) => {
        expect([text, parseIpAddress(text)?.family ?? 0]).toEqual([text, isIP(text)]);
      }),
      { numRuns: RUNS },
    );
  });

  it('gives IPv6 the value and canonical text that the URL parser gives', () => {
    fc.assert(
      fc.property(fc.oneof(addressLike, fc.ipV6()), (text) => {
        const address = parseIpAddress(text);
        const canonical = text.includes(':') ? urlIpv6(text) : undefined;
        const ours = address?.family === 6 ? formatIpAddress(address) : undefined;
        expect([text, ours]).toEqual([text, canonical]);
      }),
      { numRuns: RUNS },
    );
  });

  it('formats every address as text that reads back to the same value', () => {
    const address = fc.oneof(
      fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }).map((value) => ({ family: 4 as const, value })),
      fc
        .bigInt({ min: 0n, max: (1n << 128n) - 1n })
        .map((value) => ({ family: 6 as const, value })),
    );
    fc.assert(
      fc.property(address, (original) => {
        const text = formatIpAddress(original);
        expect(parseIpAddress(text)).toEqual(original);
        expect(formatIpAddress(parseIpAddress(text)!)).toBe(text);
      }),
      { numRuns: RUNS },
    );
  });

  it.each([
    ['groups', '1:'.repeat(200_000)],
    ['double colons', '::'.repeat(200_000)],
    ['dots', '1.'.repeat(200_000)],
    ['digits', '9'.repeat(400_000)],
  ])('rejects 400 000 characters of %s quickly', (_, text) => {
    const started = performance.now();
    expect(parseIpAddress(text)).toBeUndefined();
    expect(parseCidr(`${text}/8`)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('CIDR parsing, fuzzed', () => {
  const cidrLike = fc.oneof(
    fc.tuple(generatedAddress, fc.integer({ min: -1, max: 140 })).map(([a, n]) => `${a}/${n}`),
    addressLike,
    anyText,
  );

  it('never throws, and a block is aligned, ordered and of its prefix’s size', () => {
    fc.assert(
      fc.property(cidrLike, (text) => {
        const block = parseCidr(text);
        if (block === undefined) return;

        const hostBits = BigInt(bitsOf(block.family) - block.prefixLength);
        expect(block.prefixLength).toBeGreaterThanOrEqual(0);
        expect(block.last - block.first + 1n).toBe(1n << hostBits);
        expect(block.first % (1n << hostBits)).toBe(0n);
        expect(cidrContains(block, { family: block.family, value: block.first })).toBe(true);
        expect(cidrContains(block, { family: block.family, value: block.last })).toBe(true);
        expect(cidrContains(block, { family: block.family, value: block.last + 1n })).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });

  it('reads a block exactly when its address part is an address and its length fits', () => {
    fc.assert(
      fc.property(cidrLike, (text) => {
        const [address, length, ...rest] = text.split('/');
        const family = address === undefined ? 0 : isIP(address);
        const fits =
          rest.length === 0 &&
          family !== 0 &&
          length !== undefined &&
          /^\d{1,3}$/.test(length) &&
          Number(length) <= (family === 4 ? 32 : 128);
        expect([text, parseCidr(text) !== undefined]).toEqual([text, fits]);
      }),
      { numRuns: RUNS },
    );
  });

  it('formats a block canonically: host bits cleared, and read back unchanged', () => {
    fc.assert(
      fc.property(
        fc.tuple(generatedAddress, fc.integer({ min: 0, max: 128 })).filter(([a, n]) => {
          return n <= (isIP(a) === 4 ? 32 : 128) && isIP(a) !== 0;
        }),
        ([address, length]) => {
          const block = parseCidr(`${address}/${length}`)!;
          const text = formatCidr(block);
          expect(parseCidr(text)).toEqual(block);
          expect(formatCidr(parseCidr(text)!)).toBe(text);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('never lets a block of one family contain an address of the other', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.ipV6(), fc.integer({ min: 0, max: 32 }), (v4, v6, length) => {
        const block4 = parseCidr(`${v4}/${length}`)!;
        const block6 = parseCidr(`${v6}/${length}`)!;
        expect(cidrContains(block4, parseIpAddress(v6)!)).toBe(false);
        expect(cidrContains(block6, parseIpAddress(v4)!)).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });
});
