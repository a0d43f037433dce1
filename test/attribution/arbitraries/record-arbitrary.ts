/**
 * Random flow records, as conversations: the two ends and the protocol, seen
 * from an interface, and 1-4 records in either direction with random flags,
 * actions, pkt-* and flow-direction fields. The specs hold picks (indices),
 * not addresses, so they do not depend on the inventory and shrink on their
 * own; `recordsOf` resolves them against an inventory.
 */
import fc from 'fast-check';

import type { FlowRecord, LogStatus } from '../../../src/flow-logs/flow-record.js';
import type { Direction, Inventory } from '../../../src/inventory/inventory.js';
import type { IpFamily } from '../../../src/net/ip-address.js';
import { formatIpAddress, parseCidr, parseIpv6 } from '../../../src/net/ip-address.js';
import {
  HOUR,
  IPV4,
  IPV6,
  OUTSIDE_IPV4,
  OUTSIDE_IPV6,
  PORTS,
  T0,
  TCP_FLAGS,
  WINDOW_HOURS,
  pickFrom,
} from './pools.js';

/** A pool to pick from: the fixed pools, the edges of the inventory's ranges, or outside them. */
interface Choice {
  readonly from: 'pool' | 'edge' | 'outside';
  readonly pick: number;
}

interface ConversationSpec {
  /** An interface of the inventory, or (null) one that is not in it. */
  readonly interfacePick: number | null;
  /** One of the interface's own addresses, or (false) any address of the pools. */
  readonly localOwn: boolean;
  readonly localPick: number;
  readonly peer: Choice;
  /** srcaddr and dstaddr when the pkt-* fields carry the real ends. */
  readonly outer: readonly [Choice, Choice];
  readonly protocol: number;
  readonly localPort: Choice;
  readonly peerPort: Choice;
  readonly messages: readonly Message[];
}

/** One record of a conversation. */
interface Message {
  readonly direction: Direction;
  readonly action: 'ACCEPT' | 'REJECT';
  readonly tcpFlags: number | null;
  readonly pkt: 'none' | 'same' | 'outer';
  readonly flowDirection: 'none' | 'true' | 'flipped';
  readonly packets: number | null;
  readonly bytes: number | null;
  readonly start: number | null;
  readonly duration: number;
  readonly textForm: 'canonical' | 'expanded' | 'upper';
}

/** NODATA or SKIPDATA for an interface. */
interface QuietSpec {
  readonly interfacePick: number | null;
  readonly logStatus: LogStatus;
  readonly start: number;
}

/** A way a record can be malformed; it then must neither count nor cover. */
type Damage = 'ends-before-start' | 'no-protocol' | 'bad-address';

export interface RecordsSpec {
  readonly conversations: readonly ConversationSpec[];
  readonly quiet: readonly QuietSpec[];
  /** Damaged copies of the first records. */
  readonly damage: readonly Damage[];
}

export function recordsSpecArb(): fc.Arbitrary<RecordsSpec> {
  return fc.record({
    conversations: fc.array(conversationArb(), { minLength: 1, maxLength: 16, size: 'max' }),
    quiet: fc.array(quietArb(), { maxLength: 3 }),
    damage: fc.array(fc.constantFrom<Damage>('ends-before-start', 'no-protocol', 'bad-address'), {
      maxLength: 2,
    }),
  });
}

/** At most 40 records: the conversations, the NODATA and SKIPDATA ones, the damaged ones. */
export function recordsOf(spec: RecordsSpec, inventory: Inventory): FlowRecord[] {
  const flows = spec.conversations.flatMap((conversation) =>
    conversationRecords(conversation, inventory),
  );
  const quiet = spec.quiet.map((q) => quietRecord(q, inventory));
  const damaged = spec.damage.flatMap((damage, i) => {
    const record = flows[i];
    return record === undefined ? [] : [damagedCopy(record, damage)];
  });
  return [...flows, ...quiet, ...damaged].slice(-40);
}

// Arbitraries ---------------------------------------------------------------

function conversationArb(): fc.Arbitrary<ConversationSpec> {
  return fc.record({
    interfacePick: interfacePickArb(),
    localOwn: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, fc.constant(false)),
    localPick: fc.nat({ max: 15 }),
    peer: choiceArb([3, 2, 1]),
    outer: fc.tuple(choiceArb([3, 2, 1]), choiceArb([3, 2, 1])),
    protocol: fc.constantFrom(6, 6, 6, 6, 17, 17, 1, 58, 47),
    localPort: choiceArb([3, 1, 0]),
    peerPort: choiceArb([3, 1, 0]),
    messages: fc.array(messageArb(), { minLength: 1, maxLength: 4, size: 'max' }),
  });
}

/** Mostly an interface of the inventory, now and then one that is not in it. */
function interfacePickArb(): fc.Arbitrary<number | null> {
  return fc.oneof({ weight: 6, arbitrary: fc.nat({ max: 3 }) }, fc.constant(null));
}

function choiceArb([pool, edge, outside]: readonly [number, number, number]): fc.Arbitrary<Choice> {
  const weighted = [
    { weight: pool, arbitrary: fc.constant('pool' as const) },
    { weight: edge, arbitrary: fc.constant('edge' as const) },
    { weight: outside, arbitrary: fc.constant('outside' as const) },
  ];
  const from = fc.oneof(...weighted.filter(({ weight }) => weight > 0));
  return fc.record({ from, pick: fc.nat({ max: 15 }) });
}

function messageArb(): fc.Arbitrary<Message> {
  return fc.record({
    direction: fc.constantFrom('ingress', 'egress'),
    action: fc.constantFrom('ACCEPT', 'ACCEPT', 'ACCEPT', 'ACCEPT', 'REJECT'),
    tcpFlags: fc.constantFrom(...TCP_FLAGS),
    pkt: fc.constantFrom('none', 'none', 'same', 'outer'),
    flowDirection: fc.constantFrom('none', 'none', 'true', 'flipped'),
    packets: fc.option(fc.integer({ min: 1, max: 50 }), { nil: null, freq: 15 }),
    bytes: fc.option(fc.integer({ min: 40, max: 9000 }), { nil: null, freq: 15 }),
    start: fc.option(hourArb(), { nil: null, freq: 25 }),
    duration: fc.integer({ min: 0, max: 600 }),
    textForm: fc.constantFrom('canonical', 'canonical', 'expanded', 'upper'),
  });
}

function quietArb(): fc.Arbitrary<QuietSpec> {
  return fc.record({
    interfacePick: interfacePickArb(),
    logStatus: fc.constantFrom<LogStatus>('NODATA', 'SKIPDATA'),
    start: hourArb(),
  });
}

export function hourArb(): fc.Arbitrary<number> {
  return fc.integer({ min: 0, max: WINDOW_HOURS }).map((hour) => T0 + hour * HOUR);
}

// Resolving picks against an inventory ------------------------------------------

function interfaceOf(
  pick: number | null,
  inventory: Inventory,
): Inventory['interfaces'][number] | undefined {
  return pick === null || inventory.interfaces.length === 0
    ? undefined
    : pickFrom(inventory.interfaces, pick);
}

function conversationRecords(spec: ConversationSpec, inventory: Inventory): FlowRecord[] {
  const eni = interfaceOf(spec.interfacePick, inventory);
  const own = eni?.addresses ?? [];
  const local =
    spec.localOwn && own.length > 0
      ? pickFrom(own, spec.localPick)
      : pickFrom([...IPV4, ...IPV6], spec.localPick);

  // The peer and the outer addresses have the local address's family.
  const family: IpFamily = local.includes(':') ? 6 : 4;
  const address = (choice: Choice): string => addressOf(choice, family, inventory);
  const hasPorts = spec.protocol === 6 || spec.protocol === 17;
  const port = (choice: Choice): number => (hasPorts ? portOf(choice, inventory) : 0);

  const ends: Ends = {
    interfaceId: eni?.interfaceId ?? 'eni-unknown',
    local,
    peer: address(spec.peer),
    outer: [address(spec.outer[0]), address(spec.outer[1])],
    protocol: spec.protocol,
    localPort: port(spec.localPort),
    peerPort: port(spec.peerPort),
  };
  return spec.messages.map((message) => recordOf(ends, message));
}

function addressOf(choice: Choice, family: IpFamily, inventory: Inventory): string {
  const pool = family === 6 ? IPV6 : IPV4;
  const edges = edgeAddresses(inventory, family);
  if (choice.from === 'edge' && edges.length > 0) return pickFrom(edges, choice.pick);
  if (choice.from === 'outside')
    return pickFrom(family === 6 ? OUTSIDE_IPV6 : OUTSIDE_IPV4, choice.pick);
  return pickFrom(pool, choice.pick);
}

function portOf(choice: Choice, inventory: Inventory): number {
  const edges = edgePorts(inventory);
  return choice.from === 'edge' && edges.length > 0
    ? pickFrom(edges, choice.pick)
    : pickFrom(PORTS, choice.pick);
}

/** The first and last address of every CIDR the inventory names, and their outside neighbours. */
function edgeAddresses(inventory: Inventory, family: IpFamily): string[] {
  const cidrs = [
    ...inventory.rules.flatMap((rule) =>
      rule.peer.kind === 'cidr4' || rule.peer.kind === 'cidr6' ? [rule.peer.value] : [],
    ),
    ...inventory.prefixLists.flatMap((list) => list.cidrs),
  ];
  const highest = (1n << (family === 4 ? 32n : 128n)) - 1n;
  const values = cidrs.flatMap((cidr) => {
    const block = parseCidr(cidr);
    if (block === undefined || block.family !== family) return [];
    return [block.first - 1n, block.first, block.last, block.last + 1n];
  });
  const inRange = values.filter((value) => value >= 0n && value <= highest);
  return [...new Set(inRange)].map((value) => formatIpAddress({ family, value }));
}

/** fromPort and toPort of every TCP and UDP rule, and their outside neighbours. */
function edgePorts(inventory: Inventory): number[] {
  const ports = inventory.rules.flatMap((rule) =>
    rule.fromPort === null || rule.toPort === null || (rule.protocol !== 6 && rule.protocol !== 17)
      ? []
      : [rule.fromPort - 1, rule.fromPort, rule.toPort, rule.toPort + 1],
  );
  return [...new Set(ports.filter((port) => port >= 0 && port <= 65535))];
}

// Records -------------------------------------------------------------------

/** A conversation's ends, resolved. */
interface Ends {
  readonly interfaceId: string;
  readonly local: string;
  readonly peer: string;
  readonly outer: readonly [string, string];
  readonly protocol: number;
  readonly localPort: number;
  readonly peerPort: number;
}

function recordOf(ends: Ends, message: Message): FlowRecord {
  const ingress = message.direction === 'ingress';
  const src = ingress ? ends.peer : ends.local;
  const dst = ingress ? ends.local : ends.peer;
  const text = (address: string): string => textOf(address, message.textForm);
  const outer = message.pkt === 'outer';

  return {
    interfaceId: ends.interfaceId,
    srcaddr: text(outer ? ends.outer[0] : src),
    dstaddr: text(outer ? ends.outer[1] : dst),
    srcport: ingress ? ends.peerPort : ends.localPort,
    dstport: ingress ? ends.localPort : ends.peerPort,
    protocol: ends.protocol,
    packets: message.packets,
    bytes: message.bytes,
    start: message.start,
    end: (message.start ?? T0) + message.duration,
    action: message.action,
    logStatus: 'OK',
    tcpFlags: message.tcpFlags,
    pktSrcaddr: message.pkt === 'none' ? null : text(src),
    pktDstaddr: message.pkt === 'none' ? null : text(dst),
    flowDirection: flowDirectionOf(message),
  };
}

function flowDirectionOf(message: Message): Direction | null {
  if (message.flowDirection === 'none') return null;
  if (message.flowDirection === 'true') return message.direction;
  return message.direction === 'ingress' ? 'egress' : 'ingress';
}

/** The same address as another text: IPv6 fully expanded, or in capitals. */
function textOf(address: string, form: Message['textForm']): string {
  const value = address.includes(':') ? parseIpv6(address) : undefined;
  if (value === undefined || form === 'canonical') return address;
  if (form === 'upper') return address.toUpperCase();

  const groups = Array.from({ length: 8 }, (_, i) => (value >> BigInt(112 - 16 * i)) & 0xffffn);
  return groups.map((group) => group.toString(16).padStart(4, '0')).join(':');
}

function damagedCopy(record: FlowRecord, damage: Damage): FlowRecord {
  switch (damage) {
    case 'ends-before-start':
      return { ...record, start: (record.end ?? T0) + 1 };
    case 'no-protocol':
      return { ...record, protocol: null };
    case 'bad-address':
      return { ...record, srcaddr: '10.0.0.256', pktSrcaddr: null };
  }
}

/** NODATA and SKIPDATA records, as AWS writes them: only interface, times and status. */
function quietRecord(spec: QuietSpec, inventory: Inventory): FlowRecord {
  return {
    interfaceId: interfaceOf(spec.interfacePick, inventory)?.interfaceId ?? 'eni-unknown',
    srcaddr: null,
    dstaddr: null,
    srcport: null,
    dstport: null,
    protocol: null,
    packets: null,
    bytes: null,
    start: spec.start,
    end: spec.start + 60,
    action: null,
    logStatus: spec.logStatus,
    tcpFlags: null,
    pktSrcaddr: null,
    pktDstaddr: null,
    flowDirection: null,
  };
}
