import type { Direction, Inventory, SecurityGroupRule } from './inventory.js';

const DIRECTION_ORDER: Readonly<Record<Direction, number>> = { ingress: 0, egress: 1 };

/**
 * The inventory in a fixed order: groups, interfaces and prefix lists by id,
 * rules by group, ingress before egress, then rule id. Reports, stored
 * snapshots and tests then stay the same from run to run, whatever order
 * the files or the API listed things in.
 */
export function sortInventory(inventory: Inventory): Inventory {
  return {
    groups: sortedBy(inventory.groups, (group) => group.groupId),
    rules: [...inventory.rules].sort(compareRules),
    interfaces: sortedBy(inventory.interfaces, (eni) => eni.interfaceId),
    prefixLists: sortedBy(inventory.prefixLists, (list) => list.prefixListId),
  };
}

function compareRules(a: SecurityGroupRule, b: SecurityGroupRule): number {
  return (
    compareText(a.groupId, b.groupId) ||
    DIRECTION_ORDER[a.direction] - DIRECTION_ORDER[b.direction] ||
    compareText(a.ruleId, b.ruleId)
  );
}

function sortedBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => compareText(key(a), key(b)));
}

/** By UTF-16 code units, not by locale: the order must not depend on the machine. */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
