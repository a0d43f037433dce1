import { describe, expect, it } from 'vitest';

import { athenaCostUsd, describeScan, formatBytes } from '../../src/athena/athena-cost.js';

describe('athenaCostUsd', () => {
  it.each([
    { bytes: 0, billedMb: 10, case: 'nothing scanned: the 10 MB minimum' },
    { bytes: 1, billedMb: 10, case: 'one byte: the 10 MB minimum' },
    { bytes: 10_000_000, billedMb: 10, case: 'exactly 10 MB' },
    { bytes: 10_000_001, billedMb: 11, case: 'a byte more: rounded up to a whole MB' },
    { bytes: 1_234_567_890, billedMb: 1235, case: 'about 1.23 GB' },
    { bytes: 1e12, billedMb: 1e6, case: 'a TB: $5' },
  ])('$case', ({ bytes, billedMb }) => {
    expect(athenaCostUsd(bytes)).toBeCloseTo(billedMb * 1e6 * 5e-12, 12);
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1000, '1 KB'],
    [1_234_567_890, '1.23 GB'],
    [999_600_000, '1 GB'],
    [12_345_000_000_000, '12.3 TB'],
    [5e18, '5000 PB'],
  ])('%d bytes is %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('describeScan', () => {
  it('gives the bytes and the cost, or says that the statement was free', () => {
    expect(describeScan(1_234_567_890, athenaCostUsd(1_234_567_890))).toBe(
      'scanned 1.23 GB, about $0.0062',
    );
    expect(describeScan(0, athenaCostUsd(0))).toBe('scanned 0 B, about $0.00005');
    expect(describeScan(3e12, athenaCostUsd(3e12))).toBe('scanned 3 TB, about $15.00');
    expect(describeScan(0, 0)).toBe('scanned 0 B, no charge');
  });
});
