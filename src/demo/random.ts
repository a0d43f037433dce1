/**
 * A small seeded pseudo-random generator for the demo data. The demo must be
 * reproducible byte for byte (tests, docs and benchmarks quote its output), so
 * nothing here reads `Math.random` or the clock.
 */

const HEX_DIGITS = '0123456789abcdef';

/** An item with its relative weight, for {@link Random.weighted}. */
export type Weighted<T> = readonly [item: T, weight: number];

/**
 * Mulberry32: 32 bits of state, fast, and good enough for synthetic traffic.
 * Not for anything security-related.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /**
   * An independent stream derived from a seed and labels, so that each hour of
   * traffic (or each part of the account) can be generated on its own and
   * still come out the same whatever is generated before it.
   */
  static derive(seed: number, ...labels: readonly (string | number)[]): Random {
    return new Random(deriveSeed(seed, labels));
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('Random.pick: no items to pick from');
    return item;
  }

  /** Picks an item with probability proportional to its weight. */
  weighted<T>(items: readonly Weighted<T>[]): T {
    const total = items.reduce((sum, [, weight]) => sum + weight, 0);
    let target = this.next() * total;
    for (const [item, weight] of items) {
      target -= weight;
      if (target < 0) return item;
    }

    const last = items.at(-1);
    if (last === undefined) throw new RangeError('Random.weighted: no items to pick from');
    return last[0];
  }

  /** A shuffled copy (Fisher-Yates); the input is left as it is. */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  }

  /** `length` lowercase hex digits, as in AWS resource ids. */
  hex(length: number): string {
    let text = '';
    for (let i = 0; i < length; i++) text += HEX_DIGITS[this.int(0, 15)];
    return text;
  }

  /**
   * Rounds a rate to a whole count, up with the probability of its fraction:
   * 2.3 becomes 3 in 30 % of the draws, so averages stay right for small rates.
   */
  count(rate: number): number {
    const whole = Math.floor(rate);
    return whole + (this.chance(rate - whole) ? 1 : 0);
  }
}

/** FNV-1a over the seed and labels, then a final avalanche so close inputs diverge. */
function deriveSeed(seed: number, labels: readonly (string | number)[]): number {
  let hash = 0x811c9dc5;
  for (const char of [seed >>> 0, ...labels].join('\u0000')) {
    hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 0x01000193);
  }

  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}
