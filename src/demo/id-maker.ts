import type { Random } from './random.js';

/** AWS-style ids: a prefix, then 17 hex digits starting with 0. */
export class IdMaker {
  private readonly used = new Set<string>();
  private readonly shared = new Map<string, string>();

  constructor(private readonly random: Random) {}

  make(prefix: string): string {
    for (;;) {
      const id = `${prefix}-0${this.random.hex(16)}`;
      if (this.used.has(id)) continue;
      this.used.add(id);
      return id;
    }
  }

  /** Hex digits that every resource asking with the same key shares (the ENIs of one load balancer). */
  sharedHex(key: string, length: number): string {
    const value = this.shared.get(key) ?? this.random.hex(length);
    this.shared.set(key, value);
    return value;
  }
}
