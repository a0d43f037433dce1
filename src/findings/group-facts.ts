import type { Inventory, SecurityGroup } from '../inventory/inventory.js';
import { groupInterfaces } from './rule-verdicts.js';

/** What the findings need to know about each group, looked up once. */
export interface GroupFacts {
  readonly byId: ReadonlyMap<string, SecurityGroup>;
  /** Interface ids per group id; groups attached to nothing are absent. */
  readonly interfaces: ReadonlyMap<string, readonly string[]>;
  /** Other groups with a rule that references the group, sorted. */
  readonly referencedBy: ReadonlyMap<string, readonly string[]>;
}

export function groupFacts(inventory: Inventory): GroupFacts {
  return {
    byId: new Map(inventory.groups.map((group) => [group.groupId, group])),
    interfaces: groupInterfaces(inventory),
    referencedBy: referencingGroups(inventory),
  };
}

/**
 * A VPC's default group cannot be deleted, only emptied, so findings mark it:
 * "delete the group" is not advice anyone can follow for it.
 */
export function isDefaultGroup(group: SecurityGroup | undefined): boolean {
  return group?.groupName === 'default';
}

/**
 * A group that other groups still reference cannot be deleted until those
 * rules go (the API refuses with DependencyViolation); a group's references
 * to itself do not count.
 */
function referencingGroups(inventory: Inventory): Map<string, string[]> {
  const referrers = new Map<string, Set<string>>();
  for (const rule of inventory.rules) {
    if (rule.peer.kind !== 'security-group' || rule.peer.value === rule.groupId) continue;
    const set = referrers.get(rule.peer.value) ?? new Set<string>();
    set.add(rule.groupId);
    referrers.set(rule.peer.value, set);
  }

  return new Map([...referrers].map(([groupId, set]) => [groupId, [...set].sort()]));
}
