import { deriveRules } from './derive-rules.js';
import type { JsonNode } from './json-node.js';
import type { SecurityGroup, SecurityGroupRule } from './inventory.js';
import type { Sourced } from './merge-by-id.js';

/**
 * A group from describe-security-groups, with the rules its IpPermissions
 * imply. Those are used only when no describe-security-group-rules output
 * covers the group, but they are read (and checked) either way.
 */
export interface ParsedSecurityGroup {
  readonly group: SecurityGroup;
  readonly derivedRules: readonly SecurityGroupRule[];
}

/** Reads the `SecurityGroups` array of `aws ec2 describe-security-groups` output. */
export function parseSecurityGroups(list: JsonNode): Sourced<ParsedSecurityGroup>[] {
  return list.items().map((node) => {
    const value = parseSecurityGroup(node.object());
    return { id: value.group.groupId, node, value };
  });
}

function parseSecurityGroup(node: JsonNode): ParsedSecurityGroup {
  const groupId = node.field('GroupId').string();

  const group: SecurityGroup = {
    groupId,
    groupName: node.field('GroupName').string(),
    vpcId: node.field('VpcId').optionalString() ?? null,
    ownerId: node.field('OwnerId').optionalString() ?? null,
    description: node.field('Description').optionalString() ?? null,
    tags: parseTags(node.field('Tags')),
  };

  const derivedRules = [
    ...deriveRules(groupId, 'ingress', node.field('IpPermissions')),
    ...deriveRules(groupId, 'egress', node.field('IpPermissionsEgress')),
  ];
  return { group, derivedRules };
}

/**
 * EC2's `[{ Key, Value }]` list as a record; a tag without a value has the
 * value "". Built from entries, so that a key such as `__proto__` becomes a
 * tag like any other instead of vanishing into the prototype.
 */
export function parseTags(list: JsonNode): Record<string, string> {
  return Object.fromEntries(
    list.optionalItems().map((tag) => {
      tag.object();
      return [tag.field('Key').string(), tag.field('Value').optionalString() ?? ''];
    }),
  );
}
