import type { JsonNode } from './json-node.js';
import type { RulePeer, SecurityGroupRule } from './inventory.js';
import type { Sourced } from './merge-by-id.js';
import { parseCidrField } from './parse-cidr-field.js';
import { parseProtocolAndPorts } from './parse-protocol-and-ports.js';

/** The fields of which a SecurityGroupRule carries exactly one. */
const PEER_FIELDS = ['CidrIpv4', 'CidrIpv6', 'PrefixListId', 'ReferencedGroupInfo'] as const;

const PEER_EXPECTED = 'exactly one of CidrIpv4, CidrIpv6, PrefixListId or ReferencedGroupInfo';

/**
 * Reads the `SecurityGroupRules` array of `aws ec2 describe-security-group-rules`
 * output. These rules carry AWS's own `sgr-` ids, so they are preferred to
 * rules derived from IpPermissions.
 */
export function parseSecurityGroupRules(list: JsonNode): Sourced<SecurityGroupRule>[] {
  return list.items().map((node) => {
    const value = parseSecurityGroupRule(node.object());
    return { id: value.ruleId, node, value };
  });
}

function parseSecurityGroupRule(node: JsonNode): SecurityGroupRule {
  const ruleId = node.field('SecurityGroupRuleId').string();
  const groupId = node.field('GroupId').string();
  const direction = node.field('IsEgress').boolean() ? 'egress' : 'ingress';
  const traffic = parseProtocolAndPorts(node);

  return {
    ruleId,
    groupId,
    direction,
    ...traffic,
    peer: parsePeer(node),
    description: node.field('Description').optionalString() ?? null,
    derived: false,
  };
}

function parsePeer(rule: JsonNode): RulePeer {
  const present = PEER_FIELDS.filter((key) => !rule.field(key).isAbsent());
  const [key, second] = present;
  if (key === undefined) throw rule.error(PEER_EXPECTED, { found: 'none of them' });
  if (second !== undefined) {
    throw rule.error(PEER_EXPECTED, { found: present.join(' and ') });
  }

  const node = rule.field(key);
  switch (key) {
    case 'CidrIpv4':
      return { kind: 'cidr4', value: parseCidrField(node, 4) };
    case 'CidrIpv6':
      return { kind: 'cidr6', value: parseCidrField(node, 6) };
    case 'PrefixListId':
      return { kind: 'prefix-list', value: node.string() };
    case 'ReferencedGroupInfo':
      return { kind: 'security-group', value: node.object().field('GroupId').string() };
  }
}
