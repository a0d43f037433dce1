import type { UsageEvidence } from '../../src/findings/evidence.js';
import type {
  Inventory,
  NetworkInterface,
  SecurityGroup,
  SecurityGroupRule,
} from '../../src/inventory/inventory.js';
import { ICMP, ICMPV6, hasPorts, protocolLabel } from '../../src/inventory/protocol.js';
import type { RuleReport } from '../../src/report/report.js';

/** Small builders for findings tests: each takes only what a case needs to say. */

/** 2026-03-01T00:00:00Z, the window's end in most cases. */
export const WINDOW_END = Date.parse('2026-03-01T00:00:00Z') / 1000;
export const DAY = 86_400;

export function sgRule(ruleId: string, fields: Partial<SecurityGroupRule> = {}): SecurityGroupRule {
  return {
    ruleId,
    groupId: 'sg-web',
    direction: 'ingress',
    protocol: 6,
    fromPort: 443,
    toPort: 443,
    peer: { kind: 'cidr4', value: '0.0.0.0/0' },
    description: null,
    derived: false,
    ...fields,
  };
}

export function cidr(value: string): SecurityGroupRule['peer'] {
  return { kind: value.includes(':') ? 'cidr6' : 'cidr4', value };
}

export function group(groupId: string, groupName = groupId.replace(/^sg-/, '')): SecurityGroup {
  return { groupId, groupName, vpcId: 'vpc-1', ownerId: null, description: null, tags: {} };
}

export function eni(
  interfaceId: string,
  groupIds: readonly string[],
  addresses: readonly string[] = [],
): NetworkInterface {
  return { interfaceId, vpcId: 'vpc-1', groupIds, addresses, description: null };
}

export function inventoryOf(parts: Partial<Inventory>): Inventory {
  return { groups: [], rules: [], interfaces: [], prefixLists: [], ...parts };
}

/** The report line of a rule: used with no traffic unless `fields` says otherwise. */
export function reportOf(rule: SecurityGroupRule, fields: Partial<RuleReport> = {}): RuleReport {
  const ports = hasPorts(rule.protocol);
  const icmp = rule.protocol === ICMP || rule.protocol === ICMPV6;
  return {
    ruleId: rule.ruleId,
    groupId: rule.groupId,
    groupName: rule.groupId.replace(/^sg-/, ''),
    vpcId: 'vpc-1',
    accountId: null,
    region: null,
    direction: rule.direction,
    protocol: protocolLabel(rule.protocol),
    fromPort: ports ? rule.fromPort : null,
    toPort: ports ? rule.toPort : null,
    icmpType: icmp ? rule.fromPort : null,
    icmpCode: icmp ? rule.toPort : null,
    peer: rule.peer,
    description: rule.description,
    derived: rule.derived,
    status: 'used',
    hits: 0,
    exclusiveHits: 0,
    packets: 0,
    bytes: 0,
    firstSeen: null,
    lastSeen: null,
    ...fields,
  };
}

export function evidenceOf(parts: Partial<UsageEvidence> = {}): UsageEvidence {
  return { daily: [], coverage: [], ports: [], peers: [], overlaps: [], rejected: [], ...parts };
}

/** A daily row with `hits` requests for a rule. */
export function dailyHits(ruleId: string, day: string, hits = 1): UsageEvidence['daily'][number] {
  return {
    ruleId,
    day,
    hits,
    exclusiveHits: 0,
    packets: hits,
    bytes: hits * 100,
    firstSeen: null,
    lastSeen: null,
  };
}

/** Every value in a JSON-bound object, to check that none is undefined, NaN or a bigint. */
export function jsonProblems(value: unknown, path = '$'): string[] {
  if (value === undefined) return [`${path} is undefined`];
  if (typeof value === 'number' && !Number.isFinite(value)) return [`${path} is ${value}`];
  if (typeof value === 'bigint' || typeof value === 'function')
    return [`${path} is a ${typeof value}`];
  if (Array.isArray(value)) return value.flatMap((item, i) => jsonProblems(item, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => jsonProblems(item, `${path}.${key}`));
  }
  return [];
}
