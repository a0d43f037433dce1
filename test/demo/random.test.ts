import { describe, expect, it } from 'vitest';

import { Random } from '../../src/demo/random.js';

function draws(random: Random, count: number): number[] {
  return Array.from({ length: count }, () => random.next());
}

describe('Random', () => {
  it('repeats its sequence for the same seed, and not for another', () => {
    expect(draws(new Random(42), 20)).toEqual(draws(new Random(42), 20));
    expect(draws(new Random(42), 20)).not.toEqual(draws(new Random(43), 20));
  });

  it('derives independent, repeatable streams from labels', () => {
    const a = draws(Random.derive(42, 'hour', 1), 10);
    expect(draws(Random.derive(42, 'hour', 1), 10)).toEqual(a);
    expect(draws(Random.derive(42, 'hour', 2), 10)).not.toEqual(a);
    expect(draws(Random.derive(7, 'hour', 1), 10)).not.toEqual(a);
  });

  it('draws floats in [0, 1) and integers within inclusive bounds', () => {
    const random = new Random(1);
    const values = draws(random, 10_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);

    const ints = Array.from({ length: 10_000 }, () => random.int(3, 6));
    expect(new Set(ints)).toEqual(new Set([3, 4, 5, 6]));
  });

  it('picks by weight', () => {
    const random = new Random(5);
    const picks = Array.from({ length: 10_000 }, () =>
      random.weighted([
        ['rare', 1],
        ['common', 9],
      ]),
    );
    const common = picks.filter((pick) => pick === 'common').length;
    expect(common).toBeGreaterThan(8_700);
    expect(common).toBeLessThan(9_300);
  });

  it('shuffles a copy and keeps the input as it was', () => {
    const input = [1, 2, 3, 4, 5, 6, 7, 8];
    const shuffled = new Random(9).shuffle(input);
    expect(input).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(input);
    expect(shuffled).not.toEqual(input);
  });

  it('rounds rates to counts that keep their mean', () => {
    const random = new Random(3);
    const total = Array.from({ length: 10_000 }, () => random.count(0.3)).reduce((a, b) => a + b);
    expect(total).toBeGreaterThan(2_800);
    expect(total).toBeLessThan(3_200);
  });

  it('writes lowercase hex ids', () => {
    expect(new Random(11).hex(17)).toMatch(/^[0-9a-f]{17}$/);
  });

  it.each([
    ['pick', (random: Random) => random.pick([])],
    ['weighted', (random: Random) => random.weighted([])],
  ])('refuses to %s from nothing', (_, draw) => {
    expect(() => draw(new Random(1))).toThrow(RangeError);
  });
});
