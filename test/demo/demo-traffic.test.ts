import { describe, expect, it } from 'vitest';

import type { DemoRecord } from '../../src/demo/demo-traffic.js';
import { buildDemoAccount, demoGroup } from '../../src/demo/demo-account.js';
import { flowLogFor } from '../../src/demo/demo-flow-logs.js';
import { generateTraffic } from '../../src/demo/demo-traffic.js';
import { StaleSgError } from '../../src/errors.js';

const account = buildDemoAccount();
const hours = [...generateTraffic(account)];
const records = hours.flatMap((hour) => hour.records);
const ok = records.filter(({ record }) => record.logStatus === 'OK');

const END = Date.parse('2026-11-30T00:00:00Z') / 1000;
const DAY = 86_400;

function eniOf(name: string) {
  const eni = account.interfaces.find((candidate) => candidate.name === name);
  if (eni === undefined) throw new Error(`no interface ${name}`);
  return eni;
}

function addressesOf(demo: DemoRecord): string[] {
  const { eni } = demo;
  return [eni.primaryIpv4, ...eni.secondaryIpv4, ...eni.ipv6];
}

/** Records on interfaces of this group that arrive on these ports. */
function ingressTo(groupKey: string, predicate: (demo: DemoRecord) => boolean): DemoRecord[] {
  const { groupId } = demoGroup(account, groupKey);
  return ok.filter(
    (demo) =>
      demo.eni.groupIds.includes(groupId) &&
      demo.record.flowDirection === 'ingress' &&
      demo.record.action === 'ACCEPT' &&
      predicate(demo),
  );
}

describe('the demo traffic', () => {
  it('covers 7 days of hours that end on the fixed date', () => {
    expect(hours).toHaveLength(7 * 24);
    expect(hours[0]?.start).toBe(END - 7 * DAY);
    const outside = hours.flatMap((hour) =>
      hour.records.filter(
        ({ record }) =>
          (record.start ?? 0) < hour.start ||
          (record.end ?? 0) >= hour.start + 3600 ||
          (record.end ?? 0) < (record.start ?? 0),
      ),
    );
    expect(outside).toEqual([]);
  });

  it('has a few tens of thousands of records at scale 1', () => {
    expect(records.length).toBeGreaterThan(20_000);
    expect(records.length).toBeLessThan(100_000);
  });

  it('records an accepted connection between two of our interfaces on both, both ways', () => {
    const request = ok.find(
      ({ record, eni }) => eni.role === 'app' && record.dstport === 5432 && record.tcpFlags === 3,
    );
    expect(request).toBeDefined();
    const { srcport, pktSrcaddr, pktDstaddr } = request?.record ?? {};
    const conversation = ok.filter(
      ({ record }) =>
        (record.srcport === srcport && record.pktSrcaddr === pktSrcaddr) ||
        (record.dstport === srcport && record.pktDstaddr === pktSrcaddr),
    );
    const seen = conversation.map(
      ({ eni, record }) => `${eni.role} ${record.flowDirection} ${record.tcpFlags}`,
    );
    expect(seen.sort()).toEqual([
      'app egress 3',
      'app ingress 19',
      'db-primary egress 19',
      'db-primary ingress 3',
    ]);
    expect(
      conversation.every(({ record }) => [pktSrcaddr, pktDstaddr].includes(record.pktSrcaddr)),
    ).toBe(true);
  });

  it('flags requests with SYN and responses with SYN-ACK, later windows with 0 or FIN', () => {
    const tcp = ok.filter(({ record }) => record.protocol === 6 && record.action === 'ACCEPT');
    const flags = new Set(tcp.map(({ record }) => record.tcpFlags));
    expect([...flags].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([0, 1, 2, 3, 18, 19]);

    const fromClient = ({ record }: DemoRecord) => (record.srcport ?? 0) >= 32768;
    const syn = tcp.filter(({ record }) => record.tcpFlags === 2 || record.tcpFlags === 3);
    const synAck = tcp.filter(({ record }) => record.tcpFlags === 18 || record.tcpFlags === 19);
    expect(syn.filter((demo) => !fromClient(demo))).toEqual([]);
    expect(synAck.filter(fromClient)).toEqual([]);
  });

  it('uses Linux ephemeral client ports', () => {
    const requests = ok.filter(({ record }) => record.tcpFlags === 2 || record.tcpFlags === 3);
    const ports = requests.map(({ record }) => record.srcport ?? 0);
    expect(Math.min(...ports)).toBeGreaterThanOrEqual(32768);
    expect(Math.max(...ports)).toBeLessThanOrEqual(60999);
  });

  it('shows the primary address in dstaddr and the secondary one in pkt-dstaddr', () => {
    const secondary = ok.filter(
      ({ record, eni }) =>
        record.flowDirection === 'ingress' && eni.secondaryIpv4.includes(record.pktDstaddr ?? ''),
    );
    expect(secondary.length).toBeGreaterThan(0);
    for (const { record, eni } of secondary) expect(record.dstaddr).toBe(eni.primaryIpv4);
  });

  it('has REJECT, NODATA, SKIPDATA, ICMP, UDP and IPv6 records', () => {
    const statuses = new Set(records.map(({ record }) => record.logStatus));
    expect(statuses).toEqual(new Set(['OK', 'NODATA', 'SKIPDATA']));
    expect(ok.some(({ record }) => record.action === 'REJECT')).toBe(true);
    expect(ok.some(({ record }) => record.protocol === 1)).toBe(true);
    expect(ok.some(({ record }) => record.protocol === 17 && record.dstport === 53)).toBe(true);
    expect(ok.some(({ record }) => record.protocol === 17 && record.srcport === 123)).toBe(true);
    expect(ok.some(({ record }) => record.srcaddr?.includes(':'))).toBe(true);
  });

  it('never reaches the stopped instance, nor the NAT gateway', () => {
    const silent = [eniOf('staging-reports-1').interfaceId, eniOf('prod-nat-a').interfaceId];
    expect(records.filter(({ record }) => silent.includes(record.interfaceId ?? ''))).toEqual([]);
  });

  it('uses the wide internal-tools range on 8080 and 8081 only', () => {
    const tools = ingressTo(
      'prod-app',
      ({ record }) =>
        record.protocol === 6 &&
        record.srcaddr?.startsWith('10.2.') === true &&
        (record.dstport ?? 0) < 32768,
    );
    const ports = new Set(tools.map(({ record }) => record.dstport));
    // 9100 is the node exporter, which other rules allow
    expect(ports).toEqual(new Set([8080, 8081, 9100]));
  });

  it('sends nothing accepted to the ports of the stale rules', () => {
    expect(ingressTo('prod-app', ({ record }) => record.dstport === 3389)).toEqual([]);
    expect(ingressTo('prod-web-alb', ({ record }) => record.dstport === 8443)).toEqual([]);
    expect(ingressTo('shared-file-transfer', ({ record }) => record.dstport === 21)).toEqual([]);
  });

  it('has the bastion reach PostgreSQL on the first day only', () => {
    const migration = ingressTo(
      'prod-db',
      ({ record }) => record.srcaddr === eniOf('prod-bastion').primaryIpv4,
    );
    expect(migration.length).toBeGreaterThan(0);
    for (const { record } of migration) expect(record.start).toBeLessThan(END - 6 * DAY);
  });

  it.each([
    [42, 1],
    [1, 0.01],
    [7, 0.01],
  ])(
    'runs the export job at 02:00 UTC on days 1, 3 and 5 only (seed %i, scale %s)',
    (seed, scale) => {
      const ci = eniOf('shared-ci-1').primaryIpv4;
      const standby = eniOf('prod-db-2').interfaceId;
      const runs = new Set(
        [...generateTraffic(account, { seed, scale })]
          .flatMap((hour) => hour.records)
          .filter(
            ({ record }) =>
              record.interfaceId === standby &&
              record.srcaddr === ci &&
              record.dstport === 5432 &&
              record.action === 'ACCEPT',
          )
          .map(({ record }) => new Date((record.start ?? 0) * 1000).toISOString().slice(0, 13)),
      );
      expect([...runs].sort()).toEqual(['2026-11-24T02', '2026-11-26T02', '2026-11-28T02']);
    },
  );

  it('needs neither flow-direction nor flags nor pkt-* fields in default-format days', () => {
    const v2 = hours
      .filter((hour) => flowLogFor('prod', hour.day)?.format === 'default')
      .flatMap((hour) => hour.records)
      .filter(({ record }) => record.logStatus === 'OK' && record.action === 'ACCEPT');
    expect(v2.length).toBeGreaterThan(0);

    const byAddresses = (demo: DemoRecord) => {
      const own = addressesOf(demo);
      if (own.includes(demo.record.dstaddr ?? '')) return 'ingress';
      return own.includes(demo.record.srcaddr ?? '') ? 'egress' : null;
    };
    expect(v2.filter((demo) => byAddresses(demo) !== demo.record.flowDirection)).toEqual([]);

    // Where flags tell the request side, ports alone tell the same.
    const flagged = v2.filter(({ record }) => record.protocol === 6 && (record.tcpFlags ?? 0) > 1);
    const byPorts = ({ record }: DemoRecord) =>
      (record.srcport ?? 0) >= 32768 && (record.dstport ?? 0) < 32768;
    const byFlags = ({ record }: DemoRecord) => (record.tcpFlags ?? 0) < 16;
    expect(flagged.filter((demo) => byPorts(demo) !== byFlags(demo))).toEqual([]);
  });

  it('depends only on the seed', () => {
    const first = [...generateTraffic(account, { days: 1, seed: 5 })];
    const again = [...generateTraffic(account, { days: 1, seed: 5 })];
    const other = [...generateTraffic(account, { days: 1, seed: 6 })];
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
  });

  it('scales the number of records', () => {
    const day = { days: 1, endDate: new Date('2026-11-24T00:00:00Z') };
    const count = (scale: number) =>
      [...generateTraffic(account, { ...day, scale })].reduce(
        (sum, hour) => sum + hour.records.length,
        0,
      );
    expect(count(10) / count(1)).toBeGreaterThan(7);
  });

  it.each([
    [{ days: 0 }],
    [{ days: 1.5 }],
    [{ scale: 0 }],
    [{ scale: Number.NaN }],
    [{ endDate: new Date('nonsense') }],
    [{ seed: 1.5 }],
  ])('rejects %o', (options) => {
    expect(() => generateTraffic(account, options)).toThrow(StaleSgError);
  });
});
