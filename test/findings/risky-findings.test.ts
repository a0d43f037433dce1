import { describe, expect, it } from 'vitest';

import { riskyFindings } from '../../src/findings/risky-findings.js';
import type { SecurityGroupRule } from '../../src/inventory/inventory.js';
import type { RuleReport } from '../../src/report/report.js';
import { cidr, inventoryOf, reportOf, sgRule } from './fixtures.js';

type Fields = Partial<SecurityGroupRule>;

const tcp = (fromPort: number | null, toPort = fromPort): Fields => ({
  protocol: 6,
  fromPort,
  toPort,
});

function risky(
  rules: readonly SecurityGroupRule[],
  usage: Record<string, Partial<RuleReport>> = {},
) {
  return riskyFindings({
    inventory: inventoryOf({ rules }),
    rules: rules.map((rule) => reportOf(rule, usage[rule.ruleId] ?? { status: 'used', hits: 3 })),
  });
}

describe('riskyFindings', () => {
  it.each<[string, Fields, string, string[], string]>([
    [
      'all protocols',
      { protocol: -1, fromPort: null, toPort: null },
      'all-protocols',
      ['all'],
      'all traffic',
    ],
    ['tcp without ports', tcp(null), 'all-ports', ['all'], 'all ports'],
    ['tcp 0-65535', tcp(0, 65535), 'all-ports', ['all'], 'all ports'],
    ['SSH', tcp(22), 'admin', ['22'], 'SSH (22)'],
    ['a range with SSH and Telnet', tcp(20, 25), 'admin', ['22', '23'], 'SSH (22), Telnet (23)'],
    [
      'RDP over UDP',
      { protocol: 17, fromPort: 3389, toPort: 3389 },
      'admin',
      ['3389'],
      'RDP (3389)',
    ],
    ['WinRM over HTTPS', tcp(5986), 'admin', ['5986'], 'WinRM over HTTPS (5986)'],
    ['MySQL', tcp(3306), 'database', ['3306'], 'MySQL (3306)'],
    ['Redis and MongoDB', tcp(6379), 'database', ['6379'], 'Redis (6379)'],
    [
      'a range with a database and RDP',
      tcp(3000, 3400),
      'admin',
      ['3306', '3389'],
      'MySQL (3306), RDP (3389)',
    ],
    [
      '1001 ports without a known service',
      tcp(40000, 41000),
      'wide-range',
      ['40000-41000'],
      'ports 40000-41000',
    ],
  ])('flags %s open to 0.0.0.0/0', (_name, fields, exposure, exposedPorts, reason) => {
    const [finding] = risky([sgRule('sgr-1', fields)]);
    expect(finding).toMatchObject({
      exposure,
      exposedPorts,
      reason: `${reason} open to 0.0.0.0/0`,
    });
  });

  it('flags ::/0 like 0.0.0.0/0', () => {
    const [finding] = risky([sgRule('sgr-6', { ...tcp(5432), peer: cidr('::/0') })]);
    expect(finding).toEqual({
      ruleId: 'sgr-6',
      groupId: 'sg-web',
      groupName: 'web',
      direction: 'ingress',
      cidr: '::/0',
      exposure: 'database',
      exposedPorts: ['5432'],
      reason: 'PostgreSQL (5432) open to ::/0',
      status: 'used',
      hits: 3,
      score: 20,
    });
  });

  it.each<[string, Fields]>([
    ['HTTPS', tcp(443)],
    ['exactly 1000 ports', tcp(40000, 40999)],
    ['SSH from a private network', { ...tcp(22), peer: cidr('10.0.0.0/8') }],
    ['SSH from a /1', { ...tcp(22), peer: cidr('0.0.0.0/1') }],
    ['SSH outbound', { ...tcp(22), direction: 'egress' }],
    ['SSH from a prefix list', { ...tcp(22), peer: { kind: 'prefix-list', value: 'pl-1' } }],
    ['ICMP', { protocol: 1, fromPort: -1, toPort: -1 }],
    ['protocol 47', { protocol: 47, fromPort: null, toPort: null }],
  ])('does not flag %s', (_name, fields) => {
    expect(risky([sgRule('sgr-1', fields)])).toEqual([]);
  });

  it('ranks unused rules first, then by exposure, then by rule id', () => {
    const rules = [
      sgRule('sgr-a-ssh-used', tcp(22)),
      sgRule('sgr-b-all-used', { protocol: -1, fromPort: null, toPort: null }),
      sgRule('sgr-c-db-stale', tcp(3306)),
      sgRule('sgr-d-ssh-unattached', tcp(22)),
      sgRule('sgr-e-ssh-unobserved', tcp(22)),
      sgRule('sgr-f-wide-stale', tcp(40000, 50000)),
    ];
    const findings = risky(rules, {
      'sgr-a-ssh-used': { status: 'used', hits: 10 },
      'sgr-b-all-used': { status: 'used', hits: 10 },
      'sgr-c-db-stale': { status: 'stale' },
      'sgr-d-ssh-unattached': { status: 'unattached' },
      'sgr-e-ssh-unobserved': { status: 'unobserved' },
      'sgr-f-wide-stale': { status: 'stale' },
    });

    expect(findings.map((f) => [f.ruleId, f.score])).toEqual([
      ['sgr-d-ssh-unattached', 130],
      ['sgr-c-db-stale', 120],
      ['sgr-f-wide-stale', 110],
      ['sgr-b-all-used', 50],
      ['sgr-a-ssh-used', 30],
      ['sgr-e-ssh-unobserved', 30],
    ]);
    expect(findings[0]?.reason).toBe(
      'SSH (22) open to 0.0.0.0/0, unattached: removing it breaks no traffic seen',
    );
  });
});
