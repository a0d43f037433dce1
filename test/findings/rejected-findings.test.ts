import { describe, expect, it } from 'vitest';

import type { RejectedTraffic } from '../../src/findings/evidence.js';
import { rejectedFindings } from '../../src/findings/rejected-findings.js';
import { eni, evidenceOf, group, inventoryOf } from './fixtures.js';

const T = Date.parse('2026-02-01T00:00:00Z') / 1000;
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

function rejected(
  interfaceId: string,
  peer: string,
  port: number | null,
  records: number,
  fields: Partial<RejectedTraffic> = {},
): RejectedTraffic {
  return {
    interfaceId,
    direction: 'ingress',
    peer,
    protocol: 6,
    port,
    records,
    lastSeen: T,
    ...fields,
  };
}

const inventory = inventoryOf({
  groups: [group('sg-web'), group('sg-db'), group('sg-idle')],
  interfaces: [
    eni('eni-1', ['sg-web']),
    eni('eni-2', ['sg-web']),
    eni('eni-3', ['sg-db']),
    eni('eni-4', ['sg-idle']),
  ],
});

describe('rejectedFindings', () => {
  const evidence = evidenceOf({
    rejected: [
      rejected('eni-1', '198.51.100.7', 22, 50),
      rejected('eni-2', '198.51.100.7', 22, 30, { lastSeen: T + 600 }),
      rejected('eni-1', '203.0.113.9', 3389, 10),
      rejected('eni-1', '203.0.113.9', null, 2, { protocol: 1 }),
      rejected('eni-3', '10.0.9.9', 5432, 5, { direction: 'egress' }),
      rejected('eni-x', '192.0.2.1', 53, 100, { protocol: 17, lastSeen: null }),
      rejected('eni-4', '192.0.2.99', 80, 0),
    ],
  });

  it('summarises all interfaces first, then each group with rejections, most records first', () => {
    const findings = rejectedFindings({ inventory, evidence });

    expect(findings.map((f) => [f.scope, f.groupId, f.records, f.interfaces])).toEqual([
      ['all-interfaces', null, 197, ['eni-1', 'eni-2', 'eni-3', 'eni-x']],
      ['group', 'sg-web', 92, ['eni-1', 'eni-2']],
      ['group', 'sg-db', 5, ['eni-3']],
    ]);
  });

  it('sums peers and ports over the group interfaces, with the latest time', () => {
    const web = rejectedFindings({ inventory, evidence }).find((f) => f.groupId === 'sg-web');

    expect(web).toEqual({
      scope: 'group',
      groupId: 'sg-web',
      groupName: 'web',
      interfaces: ['eni-1', 'eni-2'],
      records: 92,
      topPeers: [
        { peer: '198.51.100.7', direction: 'ingress', records: 80, lastSeen: iso(T + 600) },
        { peer: '203.0.113.9', direction: 'ingress', records: 12, lastSeen: iso(T) },
      ],
      topPorts: [
        { protocol: 'tcp', port: 22, direction: 'ingress', records: 80, lastSeen: iso(T + 600) },
        { protocol: 'tcp', port: 3389, direction: 'ingress', records: 10, lastSeen: iso(T) },
        { protocol: 'icmp', port: null, direction: 'ingress', records: 2, lastSeen: iso(T) },
      ],
    });
  });

  it('counts a peer apart by direction', () => {
    const both = evidenceOf({
      rejected: [
        rejected('eni-1', '10.0.0.5', 443, 3),
        rejected('eni-1', '10.0.0.5', 443, 4, { direction: 'egress' }),
      ],
    });
    const [all] = rejectedFindings({ inventory, evidence: both });
    expect(all?.topPeers.map((p) => [p.direction, p.records])).toEqual([
      ['egress', 4],
      ['ingress', 3],
    ]);
  });

  it('keeps the top 10, breaking ties by the latest record, then by peer', () => {
    const many = evidenceOf({
      rejected: Array.from({ length: 12 }, (_, i) =>
        rejected('eni-1', `192.0.2.${i + 10}`, 22, i < 3 ? 9 : 1, { lastSeen: T + (i % 2) }),
      ),
    });
    const [all] = rejectedFindings({ inventory, evidence: many });

    expect(all?.topPeers).toHaveLength(10);
    expect(all?.topPeers.slice(0, 5).map((p) => p.peer)).toEqual([
      '192.0.2.11',
      '192.0.2.10',
      '192.0.2.12',
      '192.0.2.13',
      '192.0.2.15',
    ]);
  });

  it('reports nothing without rejected records', () => {
    expect(rejectedFindings({ inventory, evidence: evidenceOf() })).toEqual([]);
  });
});
