import { createHash } from 'node:crypto';

import type { JsonNode } from './json-node.js';
import type { Direction, RulePeer, SecurityGroupRule } from './inventory.js';
import { parseCidrField } from './parse-cidr-field.js';
import type { RuleTraffic } from './parse-protocol-and-ports.js';
import { parseProtocolAndPorts } from './parse-protocol-and-ports.js';

/** Marks ids that stale-sg made up, so that nobody looks for them in the console. */
export const DERIVED_RULE_ID_PREFIX = 'sgr-derived-';

interface PeerEntry {
  readonly peer: RulePeer;
  readonly description: string | null;
}

/**
 * Turns a group's `IpPermissions` or `IpPermissionsEgress` into rules, one per
 * peer, as DescribeSecurityGroupRules would list them. This covers exports made
 * without describe-security-group-rules output. Such rules have no `sgr-` id
 * from AWS, so each gets a derived one (see `derivedRuleId`).
 */
export function deriveRules(
  groupId: string,
  direction: Direction,
  permissions: JsonNode,
): SecurityGroupRule[] {
  const rules = permissions
    .optionalItems()
    .flatMap((permission) => permissionRules(groupId, direction, permission.object()));

  // The API merges equal permissions, but a hand-edited export may not have.
  const seen = new Set<string>();
  return rules.filter((rule) => !seen.has(rule.ruleId) && seen.add(rule.ruleId));
}

function permissionRules(
  groupId: string,
  direction: Direction,
  permission: JsonNode,
): SecurityGroupRule[] {
  const traffic = parseProtocolAndPorts(permission);

  return permissionPeers(permission).map(({ peer, description }) => ({
    ruleId: derivedRuleId(groupId, direction, traffic, peer),
    groupId,
    direction,
    ...traffic,
    peer,
    description,
    derived: true,
  }));
}

/** Each IpRanges, Ipv6Ranges, PrefixListIds and UserIdGroupPairs entry, in that order. */
function permissionPeers(permission: JsonNode): PeerEntry[] {
  const entries = (key: string) =>
    permission
      .field(key)
      .optionalItems()
      .map((n) => n.object());

  return [
    ...entries('IpRanges').map((entry) =>
      peerEntry(entry, { kind: 'cidr4', value: parseCidrField(entry.field('CidrIp'), 4) }),
    ),
    ...entries('Ipv6Ranges').map((entry) =>
      peerEntry(entry, { kind: 'cidr6', value: parseCidrField(entry.field('CidrIpv6'), 6) }),
    ),
    ...entries('PrefixListIds').map((entry) =>
      peerEntry(entry, { kind: 'prefix-list', value: entry.field('PrefixListId').string() }),
    ),
    ...entries('UserIdGroupPairs').map((entry) =>
      peerEntry(entry, { kind: 'security-group', value: entry.field('GroupId').string() }),
    ),
  ];
}

function peerEntry(entry: JsonNode, peer: RulePeer): PeerEntry {
  return { peer, description: entry.field('Description').optionalString() ?? null };
}

/**
 * A stable id for a rule that AWS gave none: `sgr-derived-` and the first 12
 * hex digits of a SHA-256 over what makes the rule distinct. The same rule
 * gets the same id on every run, so its usage history survives re-imports;
 * the description is left out because editing it does not change the rule.
 */
export function derivedRuleId(
  groupId: string,
  direction: Direction,
  traffic: RuleTraffic,
  peer: RulePeer,
): string {
  const canonical = [
    groupId,
    direction,
    traffic.protocol,
    traffic.fromPort ?? '',
    traffic.toPort ?? '',
    peer.kind,
    peer.value,
  ].join('|');

  const digest = createHash('sha256').update(canonical).digest('hex');
  return DERIVED_RULE_ID_PREFIX + digest.slice(0, 12);
}
