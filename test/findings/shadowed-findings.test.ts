import { describe, expect, it } from 'vitest';

import { ruleCovers } from '../../src/findings/rule-covers.js';
import { shadowedFindings } from '../../src/findings/shadowed-findings.js';
import type { SecurityGroupRule } from '../../src/inventory/inventory.js';
import { cidr, group, inventoryOf, sgRule } from './fixtures.js';

type Fields = Partial<SecurityGroupRule>;

const tcp = (fromPort: number | null, toPort = fromPort): Fields => ({
  protocol: 6,
  fromPort,
  toPort,
});
const icmp = (type: number | null, code: number | null, protocol = 1): Fields => ({
  protocol,
  fromPort: type,
  toPort: code,
});
const from = (value: string): Fields => ({ peer: cidr(value) });
const prefixList = (value: string): Fields => ({ peer: { kind: 'prefix-list', value } });
const groupPeer = (value: string): Fields => ({ peer: { kind: 'security-group', value } });

describe('ruleCovers', () => {
  it.each<[string, Fields, Fields, boolean]>([
    ['an identical rule', tcp(443), tcp(443), true],
    ['all protocols covers tcp', { protocol: -1, fromPort: null, toPort: null }, tcp(22), true],
    ['all protocols covers icmp', { protocol: -1, fromPort: null, toPort: null }, icmp(8, 0), true],
    [
      'tcp covers nothing of all protocols',
      tcp(null),
      { protocol: -1, fromPort: null, toPort: null },
      false,
    ],
    ['null ports cover a range', tcp(null), tcp(80, 90), true],
    ['0-65535 covers null ports', tcp(0, 65535), tcp(null), true],
    ['a range covers a port inside', tcp(80, 90), tcp(85), true],
    ['a range does not cover one sticking out', tcp(80, 90), tcp(79, 85), false],
    ['a port does not cover all ports', tcp(443), tcp(null), false],
    ['tcp does not cover udp', tcp(53), { protocol: 17, fromPort: 53, toPort: 53 }, false],
    ['icmp any type covers a type and code', icmp(-1, -1), icmp(8, 0), true],
    ['icmp with null type covers a type', icmp(null, null), icmp(3, 4), true],
    ['icmp type, any code, covers a code', icmp(8, -1), icmp(8, 0), true],
    ['icmp type and code do not cover any code', icmp(8, 0), icmp(8, -1), false],
    ['icmp type 3 does not cover type 8', icmp(3, -1), icmp(8, -1), false],
    ['icmp does not cover icmpv6', icmp(-1, -1), icmp(128, -1, 58), false],
    [
      'protocol 47 covers protocol 47',
      { protocol: 47, fromPort: null, toPort: null },
      { protocol: 47, fromPort: null, toPort: null },
      true,
    ],
  ])('traffic: %s', (_name, outer, inner, expected) => {
    expect(ruleCovers(sgRule('sgr-outer', outer), sgRule('sgr-inner', inner))).toBe(expected);
  });

  it.each<[string, Fields, Fields, boolean]>([
    ['a CIDR covers one inside it', from('10.0.0.0/8'), from('10.1.0.0/16'), true],
    ['a CIDR does not cover a wider one', from('10.1.0.0/16'), from('10.0.0.0/8'), false],
    ['a CIDR does not cover a neighbour', from('10.0.0.0/24'), from('10.0.1.0/24'), false],
    ['host bits do not matter', from('10.0.0.5/16'), from('10.0.0.0/16'), true],
    ['0.0.0.0/0 covers a host', from('0.0.0.0/0'), from('192.0.2.1/32'), true],
    ['0.0.0.0/0 does not cover IPv6', from('0.0.0.0/0'), from('2001:db8::/32'), false],
    ['::/0 covers an IPv6 CIDR', from('::/0'), from('2001:db8::/32'), true],
    ['::/0 does not cover IPv4', from('::/0'), from('10.0.0.0/8'), false],
    ['0.0.0.0/0 does not cover a prefix list', from('0.0.0.0/0'), prefixList('pl-1'), false],
    ['0.0.0.0/0 does not cover a group', from('0.0.0.0/0'), groupPeer('sg-db'), false],
    ['a prefix list covers itself', prefixList('pl-1'), prefixList('pl-1'), true],
    ['a prefix list does not cover another', prefixList('pl-1'), prefixList('pl-2'), false],
    ['a group covers itself', groupPeer('sg-db'), groupPeer('sg-db'), true],
    ['a group does not cover another', groupPeer('sg-db'), groupPeer('sg-app'), false],
  ])('peer: %s', (_name, outer, inner, expected) => {
    expect(ruleCovers(sgRule('sgr-outer', outer), sgRule('sgr-inner', inner))).toBe(expected);
  });

  it.each<[string, Fields]>([
    ['another direction', { direction: 'egress' }],
    ['another group', { groupId: 'sg-other' }],
  ])('never covers a rule of %s', (_name, fields) => {
    expect(ruleCovers(sgRule('sgr-outer', tcp(null)), sgRule('sgr-inner', fields))).toBe(false);
  });
});

function shadowed(rules: readonly SecurityGroupRule[]) {
  return shadowedFindings(inventoryOf({ groups: [group('sg-web')], rules }));
}

describe('shadowedFindings', () => {
  it('reports the greater id of two identical rules, never both', () => {
    const findings = shadowed([
      sgRule('sgr-b', from('10.0.0.0/8')),
      sgRule('sgr-a', from('10.0.0.0/8')),
    ]);

    expect(findings).toEqual([
      {
        ruleId: 'sgr-b',
        groupId: 'sg-web',
        groupName: 'web',
        direction: 'ingress',
        coveredBy: 'sgr-a',
        identical: true,
        reason: 'identical to sgr-a (tcp 443 from 10.0.0.0/8)',
      },
    ]);
  });

  it('reports every copy of three identical rules as shadowed by the first', () => {
    const findings = shadowed(['sgr-c', 'sgr-a', 'sgr-b'].map((id) => sgRule(id)));
    expect(findings.map((f) => [f.ruleId, f.coveredBy])).toEqual([
      ['sgr-b', 'sgr-a'],
      ['sgr-c', 'sgr-a'],
    ]);
  });

  it('names a covering rule that is not itself shadowed', () => {
    const findings = shadowed([
      sgRule('sgr-1', { ...tcp(443), ...from('10.1.2.0/24') }),
      sgRule('sgr-2', { ...tcp(1, 1024), ...from('10.1.0.0/16') }),
      sgRule('sgr-3', { ...tcp(null), ...from('10.0.0.0/8') }),
    ]);

    expect(findings.map((f) => [f.ruleId, f.coveredBy, f.identical])).toEqual([
      ['sgr-1', 'sgr-3', false],
      ['sgr-2', 'sgr-3', false],
    ]);
    expect(findings[1]?.reason).toBe(
      'sgr-3 allows tcp all ports from 10.0.0.0/8, which includes tcp 1-1024 from 10.1.0.0/16',
    );
  });

  it('reports an ICMP rule inside an ICMP rule of any type', () => {
    const findings = shadowed([sgRule('sgr-any', icmp(-1, -1)), sgRule('sgr-echo', icmp(8, 0))]);
    expect(findings.map((f) => [f.ruleId, f.coveredBy, f.reason])).toEqual([
      [
        'sgr-echo',
        'sgr-any',
        'sgr-any allows icmp all types from 0.0.0.0/0, which includes icmp type 8 code 0 from 0.0.0.0/0',
      ],
    ]);
  });

  it.each<[string, Fields, Fields]>([
    ['other directions', {}, { direction: 'egress' }],
    ['overlapping port ranges', tcp(80, 90), tcp(85, 95)],
    ['a CIDR and a prefix list', from('0.0.0.0/0'), prefixList('pl-1')],
    ['IPv4 and IPv6 /0', from('0.0.0.0/0'), from('::/0')],
  ])('reports nothing for %s', (_name, a, b) => {
    expect(shadowed([sgRule('sgr-a', a), sgRule('sgr-b', b)])).toEqual([]);
  });
});
