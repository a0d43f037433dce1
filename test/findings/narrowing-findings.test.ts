import { describe, expect, it } from 'vitest';

import type { RulePeerUsage, RulePortUsage } from '../../src/findings/evidence.js';
import { mergeNetworks } from '../../src/findings/merge-networks.js';
import { narrowingFindings } from '../../src/findings/narrowing-findings.js';
import type { SecurityGroupRule } from '../../src/inventory/inventory.js';
import { parseCidr } from '../../src/net/ip-address.js';
import type { RuleStatus } from '../../src/report/report.js';
import { cidr, evidenceOf, inventoryOf, reportOf, sgRule } from './fixtures.js';

function narrowing(
  rule: SecurityGroupRule,
  evidence: { ports?: [number, number][]; peers?: [string, number][] },
  status: RuleStatus = 'used',
) {
  const ports: RulePortUsage[] = (evidence.ports ?? []).map(([port, hits]) => ({
    ruleId: rule.ruleId,
    protocol: rule.protocol,
    port,
    hits,
  }));
  const peers: RulePeerUsage[] = (evidence.peers ?? []).map(([network, hits]) => ({
    ruleId: rule.ruleId,
    network,
    hits,
  }));
  return narrowingFindings({
    inventory: inventoryOf({ rules: [rule] }),
    rules: [reportOf(rule, { status, hits: 1 })],
    evidence: evidenceOf({ ports, peers }),
  });
}

const allTcp = sgRule('sgr-all', { fromPort: null, toPort: null, peer: cidr('10.0.0.0/16') });

describe('narrowing by ports', () => {
  it('suggests the ports seen, adjacent ports joined, with their share of hits', () => {
    expect(
      narrowing(allTcp, {
        ports: [
          [443, 6],
          [8081, 1],
          [8080, 3],
        ],
      }),
    ).toEqual([
      {
        ruleId: 'sgr-all',
        groupId: 'sg-web',
        groupName: 'web',
        direction: 'ingress',
        target: 'ports',
        protocol: 'tcp',
        fromPort: 0,
        toPort: 65535,
        hits: 10,
        suggestions: [
          { fromPort: 443, toPort: 443, hits: 6, share: 0.6 },
          { fromPort: 8080, toPort: 8081, hits: 4, share: 0.4 },
        ],
      },
    ]);
  });

  it('rounds shares to 4 decimals', () => {
    const [finding] = narrowing(allTcp, {
      ports: [
        [22, 1],
        [80, 1],
        [443, 1],
      ],
    });
    expect(finding?.suggestions.map((s) => s.share)).toEqual([0.3333, 0.3333, 0.3333]);
  });

  it('joins a run of adjacent ports into one range', () => {
    const [finding] = narrowing(allTcp, {
      ports: [
        [8002, 1],
        [8000, 1],
        [8001, 1],
        [9000, 1],
      ],
    });
    const ranges =
      finding?.target === 'ports' ? finding.suggestions.map((s) => [s.fromPort, s.toPort]) : null;
    expect(ranges).toEqual([
      [8000, 8002],
      [9000, 9000],
    ]);
  });

  const range = (from: number, to: number) =>
    sgRule('sgr-range', { fromPort: from, toPort: to, peer: cidr('10.0.0.0/16') });

  it.each<[string, SecurityGroupRule, [number, number][], boolean]>([
    ['1 port of 10: exactly a tenth', range(8000, 8009), [[8005, 4]], true],
    [
      '2 ports of 10: more than a tenth',
      range(8000, 8009),
      [
        [8000, 1],
        [8005, 1],
      ],
      false,
    ],
    ['a single-port rule', range(443, 443), [[443, 9]], false],
    ['8 separate ports', allTcp, [1, 3, 5, 7, 9, 11, 13, 15].map((p) => [p, 1]), true],
    ['9 separate ports', allTcp, [1, 3, 5, 7, 9, 11, 13, 15, 17].map((p) => [p, 1]), false],
    ['no port evidence', allTcp, [], false],
  ])('ports: %s', (_name, rule, ports, expected) => {
    const findings = narrowing(rule, { ports }).filter((f) => f.target === 'ports');
    expect(findings.length > 0).toBe(expected);
  });

  it('ignores ports of another protocol', () => {
    const udp = sgRule('sgr-udp', {
      protocol: 17,
      fromPort: null,
      toPort: null,
      peer: cidr('10.0.0.0/16'),
    });
    const findings = narrowingFindings({
      inventory: inventoryOf({ rules: [udp] }),
      rules: [reportOf(udp, { hits: 1 })],
      evidence: evidenceOf({ ports: [{ ruleId: 'sgr-udp', protocol: 6, port: 53, hits: 5 }] }),
    });
    expect(findings).toEqual([]);
  });

  it.each<RuleStatus>(['stale', 'unobserved', 'unattached'])(
    'suggests nothing for a %s rule',
    (status) => {
      expect(narrowing(allTcp, { ports: [[443, 1]] }, status)).toEqual([]);
    },
  );
});

describe('narrowing by peer', () => {
  const open = sgRule('sgr-open', { peer: cidr('0.0.0.0/0') });

  it('suggests the networks seen, sibling pairs merged, with their share of hits', () => {
    const findings = narrowing(open, {
      peers: [
        ['10.0.1.0/24', 30],
        ['192.0.2.0/24', 20],
        ['10.0.0.0/24', 50],
      ],
    });
    expect(findings).toEqual([
      {
        ruleId: 'sgr-open',
        groupId: 'sg-web',
        groupName: 'web',
        direction: 'ingress',
        target: 'peer',
        cidr: '0.0.0.0/0',
        hits: 100,
        suggestions: [
          { cidr: '10.0.0.0/23', hits: 80, share: 0.8 },
          { cidr: '192.0.2.0/24', hits: 20, share: 0.2 },
        ],
      },
    ]);
  });

  it.each<[string, string, [string, number][], string[] | null]>([
    [
      'four sibling /24s become a /22',
      '0.0.0.0/0',
      [
        ['10.0.0.0/24', 1],
        ['10.0.1.0/24', 1],
        ['10.0.2.0/24', 1],
        ['10.0.3.0/24', 1],
      ],
      ['10.0.0.0/22'],
    ],
    [
      'adjacent /24s that are not siblings stay apart',
      '0.0.0.0/0',
      [
        ['10.0.1.0/24', 1],
        ['10.0.2.0/24', 1],
      ],
      ['10.0.1.0/24', '10.0.2.0/24'],
    ],
    [
      'three /24s: only the sibling pair merges',
      '0.0.0.0/0',
      [
        ['10.0.0.0/24', 1],
        ['10.0.1.0/24', 1],
        ['10.0.2.0/24', 1],
      ],
      ['10.0.0.0/23', '10.0.2.0/24'],
    ],
    ['IPv6 /64s under ::/0', '::/0', [['2001:db8:0:1::/64', 1]], ['2001:db8:0:1::/64']],
    ['a /15 is large', '10.0.0.0/15', [['10.1.7.0/24', 1]], ['10.1.7.0/24']],
    ['a /16 is not large', '10.0.0.0/16', [['10.0.7.0/24', 1]], null],
    ['an IPv6 /48 is not large', '2001:db8::/48', [['2001:db8:0:1::/64', 1]], null],
    [
      '9 networks are too many',
      '0.0.0.0/0',
      [0, 2, 4, 6, 8, 10, 12, 14, 16].map((n) => [`10.0.${n}.0/24`, 1]),
      null,
    ],
    ['networks of the other family are left out', '0.0.0.0/0', [['2001:db8::/64', 1]], null],
  ])('%s', (_name, ruleCidr, peers, expected) => {
    const rule = sgRule('sgr-wide', { peer: cidr(ruleCidr) });
    const findings = narrowing(rule, { peers }).filter((f) => f.target === 'peer');
    const suggested =
      findings[0]?.target === 'peer' ? findings[0].suggestions.map((s) => s.cidr) : null;
    expect(suggested).toEqual(expected);
  });

  it('suggests nothing when the networks seen fill the whole rule', () => {
    const rule = sgRule('sgr-half', { peer: cidr('10.0.0.0/15') });
    const peers: [string, number][] = [];
    for (let n = 0; n < 512; n++) peers.push([`10.${n >> 8}.${n & 255}.0/24`, 1]);
    expect(narrowing(rule, { peers })).toEqual([]);
  });

  it('suggests nothing for a prefix list or a group', () => {
    const rule = sgRule('sgr-pl', { peer: { kind: 'prefix-list', value: 'pl-1' } });
    expect(narrowing(rule, { peers: [['10.0.0.0/24', 1]] })).toEqual([]);
  });
});

describe('mergeNetworks', () => {
  const all4 = parseCidr('0.0.0.0/0');
  if (all4 === undefined) throw new Error('fixture');

  it('folds a network into one containing it, adding its hits', () => {
    expect(
      mergeNetworks(
        [
          { cidr: '10.0.0.0/24', hits: 2 },
          { cidr: '10.0.0.128/25', hits: 3 },
        ],
        all4,
      ),
    ).toEqual([{ cidr: '10.0.0.0/24', hits: 5 }]);
  });

  it('merges cascading siblings and keeps the rest', () => {
    const networks = ['10.0.4.0/24', '10.0.5.0/24', '10.0.6.0/24', '10.0.7.0/24', '10.0.9.0/24'];
    expect(
      mergeNetworks(
        networks.map((n) => ({ cidr: n, hits: 1 })),
        all4,
      ),
    ).toEqual([
      { cidr: '10.0.4.0/22', hits: 4 },
      { cidr: '10.0.9.0/24', hits: 1 },
    ]);
  });

  it('leaves out networks outside the rule and text that is not a CIDR', () => {
    const within = parseCidr('10.0.0.0/8');
    if (within === undefined) throw new Error('fixture');
    const networks = [
      { cidr: '11.0.0.0/24', hits: 1 },
      { cidr: 'garbage', hits: 1 },
      { cidr: '10.9.9.0/24', hits: 1 },
    ];
    expect(mergeNetworks(networks, within)).toEqual([{ cidr: '10.9.9.0/24', hits: 1 }]);
  });
});
