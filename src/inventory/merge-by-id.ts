import type { JsonNode } from './json-node.js';

/** A parsed item with its id and the node it came from, for messages. */
export interface Sourced<T> {
  readonly id: string;
  readonly node: JsonNode;
  readonly value: T;
}

export interface Merged<T> {
  readonly byId: ReadonlyMap<string, Sourced<T>>;
  readonly warnings: readonly string[];
}

/**
 * Merges the items of several files of one kind (pages of one call, or calls
 * per region or VPC saved side by side). An id seen twice with equal content
 * is one item; with different content the later one wins, as items arrive in
 * file name order, and a warning names both places.
 *
 * @param what how messages name an item, such as `security group`.
 */
export function mergeById<T>(items: readonly Sourced<T>[], what: string): Merged<T> {
  const byId = new Map<string, Sourced<T>>();
  const warnings: string[] = [];

  for (const item of items) {
    const earlier = byId.get(item.id);
    if (earlier !== undefined && !sameContent(earlier.value, item.value)) {
      warnings.push(conflictWarning(what, earlier, item));
    }
    byId.set(item.id, item);
  }
  return { byId, warnings };
}

/** Values are built by the parsers in a fixed key order, so JSON text compares them. */
function sameContent(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function conflictWarning<T>(what: string, earlier: Sourced<T>, later: Sourced<T>): string {
  const where = (item: Sourced<T>) => `${item.node.file} (${item.node.path})`;
  return (
    `${what} ${later.id} appears in ${where(earlier)} and ${where(later)} ` +
    `with different content; using the latter`
  );
}
