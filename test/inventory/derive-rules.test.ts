import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import type { SecurityGroupRule } from '../../src/inventory/inventory.js';
import { parseInventoryDocuments } from '../../src/inventory/load-inventory.js';
import { protocolLabel } from '../../src/inventory/protocol.js';
import { ipPermission, OWNER_ID, securityGroup, securityGroupRule } from './aws-cli-output.js';

const SG_A = 'sg-000000000000000aa';
const SG_B = 'sg-000000000000000bb';
const PREFIX_LIST = 'pl-0a1b2c3d';

/** Ingress with every kind of peer, grouped by port as describe-security-groups prints it. */
function groupA(fields: Record<string, unknown> = {}) {
  return securityGroup(SG_A, {
    IpPermissions: [
      ipPermission('tcp', {
        FromPort: 443,
        ToPort: 443,
        IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'HTTPS' }],
        Ipv6Ranges: [{ CidrIpv6: '::/0', Description: 'HTTPS over IPv6' }],
      }),
      ipPermission('tcp', {
        FromPort: 22,
        ToPort: 22,
        PrefixListIds: [{ PrefixListId: PREFIX_LIST, Description: 'SSH from the office' }],
        UserIdGroupPairs: [{ GroupId: SG_B, UserId: OWNER_ID }],
      }),
      ipPermission('icmp', { FromPort: 8, ToPort: -1, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }),
    ],
    IpPermissionsEgress: [ipPermission('-1', { IpRanges: [{ CidrIp: '0.0.0.0/0' }] })],
    ...fields,
  });
}

/** A group that allows all traffic from itself, like a default group. */
const groupB = securityGroup(SG_B, {
  IpPermissions: [ipPermission('-1', { UserIdGroupPairs: [{ GroupId: SG_B, UserId: OWNER_ID }] })],
});

function parseGroups(groups: readonly unknown[], ruleFiles: readonly unknown[] = []) {
  return parseInventoryDocuments([
    { file: 'groups.json', json: { SecurityGroups: groups } },
    { file: `${PREFIX_LIST}.json`, json: { Entries: [{ Cidr: '203.0.113.0/24' }] } },
    ...ruleFiles.map((json, index) => ({ file: `rules-${index}.json`, json })),
  ]);
}

/** What a rule allows, on one line, without its id. */
function ruleLine(rule: SecurityGroupRule): string {
  const ports = rule.fromPort === null ? '-' : `${rule.fromPort}..${rule.toPort}`;
  const { groupId, direction, peer, description } = rule;
  const label = protocolLabel(rule.protocol);
  return `${groupId} ${direction} ${label} ${ports} ${peer.kind} ${peer.value} ${description}`;
}

function ruleIds(groups: readonly unknown[]): string[] {
  return parseGroups(groups).inventory.rules.map((rule) => rule.ruleId);
}

describe('rules derived from IpPermissions', () => {
  it('makes one rule per peer, described by that peer entry', () => {
    const { inventory, warnings } = parseGroups([groupA()]);

    expect(new Set(inventory.rules.map(ruleLine))).toEqual(
      new Set([
        `${SG_A} ingress tcp 443..443 cidr4 0.0.0.0/0 HTTPS`,
        `${SG_A} ingress tcp 443..443 cidr6 ::/0 HTTPS over IPv6`,
        `${SG_A} ingress tcp 22..22 prefix-list ${PREFIX_LIST} SSH from the office`,
        `${SG_A} ingress tcp 22..22 security-group ${SG_B} null`,
        `${SG_A} ingress icmp 8..-1 cidr4 10.0.0.0/8 null`,
        `${SG_A} egress all - cidr4 0.0.0.0/0 null`,
      ]),
    );
    expect(inventory.rules).toHaveLength(6);
    expect(inventory.rules.every((rule) => rule.derived)).toBe(true);
    expect(warnings).toEqual([]);
  });

  it('gives ids that say they are derived, all different', () => {
    const ids = ruleIds([groupA(), groupB]);

    expect(ids).toHaveLength(7);
    expect(new Set(ids).size).toBe(7);
    for (const id of ids) expect(id).toMatch(/^sgr-derived-[0-9a-f]{12}$/);
  });

  it('gives the same ids on every parse', () => {
    expect(ruleIds([groupA(), groupB])).toEqual(ruleIds([groupA(), groupB]));
  });

  it('hashes group, direction, protocol, ports and peer, in that order', () => {
    const canonical = `${SG_A}|ingress|6|443|443|cidr4|0.0.0.0/0`;
    const digest = createHash('sha256').update(canonical).digest('hex');

    const https = parseGroups([groupA()]).inventory.rules.find(
      (rule) => rule.peer.value === '0.0.0.0/0' && rule.direction === 'ingress',
    );

    expect(https?.ruleId).toBe(`sgr-derived-${digest.slice(0, 12)}`);
    expect(https?.ruleId).toBe('sgr-derived-0bc6255a58ce');
  });

  /** The id of a group's only rule: tcp 443 from 0.0.0.0/0, with `fields` changed. */
  function idWith(fields: Record<string, unknown>): string | undefined {
    const permission = ipPermission('tcp', {
      FromPort: 443,
      ToPort: 443,
      IpRanges: [{ CidrIp: '0.0.0.0/0' }],
      ...fields,
    });
    const ids = ruleIds([securityGroup(SG_A, { IpPermissions: [permission] })]);
    expect(ids).toHaveLength(1);
    return ids[0];
  }

  it.each([
    ['another port', { FromPort: 8443, ToPort: 8443 }],
    ['another protocol', { IpProtocol: 'udp' }],
    ['another CIDR', { IpRanges: [{ CidrIp: '10.0.0.0/8' }] }],
  ])('changes the id for %s', (_, fields) => {
    expect(idWith(fields)).not.toBe(idWith({}));
  });

  it.each([
    ['another description', { IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'edited' }] }, {}],
    ['the same CIDR with host bits set', { IpRanges: [{ CidrIp: '0.1.2.3/0' }] }, {}],
    ['ports on an all-traffic rule', { IpProtocol: '-1', FromPort: 0 }, { IpProtocol: '-1' }],
  ])('keeps the id for %s', (_, fields, reference) => {
    expect(idWith(fields)).toBe(idWith(reference));
  });

  it('gives an ingress and an egress rule with the same traffic different ids', () => {
    const permission = ipPermission('-1', { IpRanges: [{ CidrIp: '10.0.0.0/8' }] });
    const group = securityGroup(SG_A, {
      IpPermissions: [permission],
      IpPermissionsEgress: [permission],
    });

    const [ingress, egress] = parseGroups([group]).inventory.rules;

    expect(ingress?.direction).toBe('ingress');
    expect(egress?.direction).toBe('egress');
    expect(ingress?.ruleId).not.toBe(egress?.ruleId);
  });
});

describe('describe-security-group-rules output, where present', () => {
  const rulesOfA = {
    SecurityGroupRules: [
      securityGroupRule('sgr-0aaaaaaaaaaaaaaa1', SG_A, { Description: 'HTTPS' }),
      securityGroupRule('sgr-0aaaaaaaaaaaaaaa2', SG_A, {
        IsEgress: true,
        IpProtocol: '-1',
        FromPort: -1,
        ToPort: -1,
      }),
    ],
  };

  it('replaces the derived rules of the groups it covers, and only those', () => {
    const { inventory } = parseGroups([groupA(), groupB], [rulesOfA]);

    expect(inventory.rules.map((rule) => [rule.groupId, rule.ruleId, rule.derived])).toEqual([
      [SG_A, 'sgr-0aaaaaaaaaaaaaaa1', false],
      [SG_A, 'sgr-0aaaaaaaaaaaaaaa2', false],
      [SG_B, expect.stringMatching(/^sgr-derived-/), true],
    ]);
    expect(inventory.rules[2]?.peer).toEqual({ kind: 'security-group', value: SG_B });
  });

  it('is used alone for a group even where IpPermissions say more', () => {
    const { inventory } = parseGroups([groupA()], [rulesOfA]);

    expect(inventory.rules.map(ruleLine)).toEqual([
      `${SG_A} ingress tcp 443..443 cidr4 0.0.0.0/0 HTTPS`,
      `${SG_A} egress all - cidr4 0.0.0.0/0 null`,
    ]);
  });
});
