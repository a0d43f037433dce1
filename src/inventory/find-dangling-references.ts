import type { Inventory } from './inventory.js';

/**
 * Warnings for references the inventory cannot resolve: rules that name a
 * prefix list without an entries file, and interfaces attached to groups
 * that no describe-security-groups output lists. Neither stops an analysis,
 * but both make its results incomplete, so the user should hear of them.
 */
export function findDanglingReferences(inventory: Inventory): string[] {
  return [...missingPrefixLists(inventory), ...unknownInterfaceGroups(inventory)];
}

function missingPrefixLists(inventory: Inventory): string[] {
  const known = new Set(inventory.prefixLists.map((list) => list.prefixListId));

  return inventory.rules
    .filter((rule) => rule.peer.kind === 'prefix-list' && !known.has(rule.peer.value))
    .map(
      ({ ruleId, peer }) =>
        `rule ${ruleId} references prefix list ${peer.value}, but no ${peer.value}.json ` +
        `entries file was found; the rule can match no traffic`,
    );
}

function unknownInterfaceGroups(inventory: Inventory): string[] {
  const known = new Set(inventory.groups.map((group) => group.groupId));

  return inventory.interfaces.flatMap((eni) =>
    eni.groupIds
      .filter((groupId) => !known.has(groupId))
      .map(
        (groupId) =>
          `network interface ${eni.interfaceId} is attached to security group ${groupId}, ` +
          `which no describe-security-groups output lists; its rules are unknown`,
      ),
  );
}
