/**
 * Builders for small inventories and flow records, with defaults that make a
 * case read as a sentence: one web server `eni-1` (10.0.0.10) in `sg-a`, and
 * a client 203.0.113.5 opening TCP connections to it on port 443.
 */
import type { FlowRecord } from '../../src/flow-logs/flow-record.js';
import type {
  Direction,
  Inventory,
  NetworkInterface,
  PrefixList,
  RulePeer,
  SecurityGroupRule,
} from '../../src/inventory/inventory.js';
import { protocolNumber } from '../../src/inventory/protocol.js';

/** 2023-11-14T22:13:20Z, the start of every default record. */
export const T0 = 1_700_000_000;
export const DAY = 86_400;

export const SERVER = '10.0.0.10';
export const CLIENT = '203.0.113.5';

export interface RuleSpec {
  readonly group?: string;
  readonly direction?: Direction;
  /** A name (`tcp`) or a number, as `IpProtocol` has it; `tcp` by default. */
  readonly protocol?: string | number;
  /** Defaults to 443-443 for TCP and UDP, and to none for other protocols. */
  readonly ports?: readonly [number | null, number | null];
  /** A CIDR of either family, a `pl-` or an `sg-` id; 0.0.0.0/0 by default. */
  readonly peer?: string;
}

export function rule(ruleId: string, spec: RuleSpec = {}): SecurityGroupRule {
  const protocol = protocolNumber(String(spec.protocol ?? 'tcp'));
  if (protocol === undefined) throw new TypeError(`Not a protocol: ${String(spec.protocol)}`);

  const defaultPorts: readonly [number | null, number | null] =
    protocol === 6 || protocol === 17 ? [443, 443] : [null, null];
  const [fromPort, toPort] = spec.ports ?? defaultPorts;
  return {
    ruleId,
    groupId: spec.group ?? 'sg-a',
    direction: spec.direction ?? 'ingress',
    protocol,
    fromPort,
    toPort,
    peer: peer(spec.peer ?? '0.0.0.0/0'),
    description: null,
    derived: false,
  };
}

export function egress(ruleId: string, spec: RuleSpec = {}): SecurityGroupRule {
  return rule(ruleId, { ...spec, direction: 'egress' });
}

/** An egress rule allowing everything, as every new security group has. */
export function allOut(ruleId: string, group = 'sg-a'): SecurityGroupRule {
  return egress(ruleId, { group, protocol: -1 });
}

export function peer(value: string): RulePeer {
  if (value.startsWith('pl-')) return { kind: 'prefix-list', value };
  if (value.startsWith('sg-')) return { kind: 'security-group', value };
  return { kind: value.includes(':') ? 'cidr6' : 'cidr4', value };
}

export function eni(
  interfaceId: string,
  groupIds: readonly string[],
  addresses: readonly string[],
): NetworkInterface {
  return { interfaceId, vpcId: null, groupIds, addresses, description: null };
}

/** The web server: eni-1 at 10.0.0.10 in sg-a. */
export const WEB = eni('eni-1', ['sg-a'], [SERVER]);

export interface InventorySpec {
  readonly rules: readonly SecurityGroupRule[];
  readonly interfaces?: readonly NetworkInterface[];
  readonly prefixLists?: readonly PrefixList[];
}

/** An inventory with a group for every group id its rules and interfaces name. */
export function inventory(spec: InventorySpec): Inventory {
  const interfaces = spec.interfaces ?? [WEB];
  const groupIds = new Set([
    ...spec.rules.map((r) => r.groupId),
    ...interfaces.flatMap((i) => i.groupIds),
  ]);
  const groups = [...groupIds].map((groupId) => ({
    groupId,
    groupName: groupId.replace(/^sg-/, ''),
    vpcId: null,
    ownerId: null,
    description: null,
    tags: {},
  }));
  return { groups, rules: spec.rules, interfaces, prefixLists: spec.prefixLists ?? [] };
}

/** An accepted TCP record from CLIENT:40000 to SERVER:443 on eni-1, with overrides. */
export function flow(overrides: Partial<FlowRecord> = {}): FlowRecord {
  return {
    interfaceId: 'eni-1',
    srcaddr: CLIENT,
    dstaddr: SERVER,
    srcport: 40000,
    dstport: 443,
    protocol: 6,
    packets: 10,
    bytes: 1000,
    start: T0,
    end: T0 + 60,
    action: 'ACCEPT',
    logStatus: 'OK',
    tcpFlags: null,
    pktSrcaddr: null,
    pktDstaddr: null,
    flowDirection: null,
    ...overrides,
  };
}

/** The other direction of the same conversation: addresses and ports swapped. */
export function reply(record: FlowRecord, overrides: Partial<FlowRecord> = {}): FlowRecord {
  return {
    ...record,
    srcaddr: record.dstaddr,
    dstaddr: record.srcaddr,
    srcport: record.dstport,
    dstport: record.srcport,
    pktSrcaddr: record.pktDstaddr,
    pktDstaddr: record.pktSrcaddr,
    flowDirection: null,
    tcpFlags: null,
    ...overrides,
  };
}

/** A record without a flow, as AWS writes NODATA and SKIPDATA: only times and status. */
export function noFlow(
  logStatus: 'NODATA' | 'SKIPDATA',
  overrides: Partial<FlowRecord> = {},
): FlowRecord {
  return {
    ...flow(),
    srcaddr: null,
    dstaddr: null,
    srcport: null,
    dstport: null,
    protocol: null,
    packets: null,
    bytes: null,
    action: null,
    logStatus,
    ...overrides,
  };
}
