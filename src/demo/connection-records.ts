/**
 * Turns one connection into the flow log records AWS would write for it: on
 * every interface of the account that it touches, a record per capture window
 * and direction. https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html
 */

import type { FlowAction, FlowRecord, LogStatus } from '../flow-logs/flow-record.js';
import type { Direction } from '../inventory/inventory.js';
import { TCP } from '../inventory/protocol.js';
import type { DemoInterface } from './demo-account.js';
import type { Random } from './random.js';
import type { Volume } from './traffic-paths.js';

/** The default aggregation interval of a flow log: 10 minutes. */
export const CAPTURE_WINDOW_SECONDS = 600;

/** TCP flags as flow logs report them: the OR of the flags seen in the window. */
const FIN = 1;
const SYN = 2;
const SYN_ACK = 18;

export interface Endpoint {
  /** The address on the packets. */
  readonly address: string;
  /** The interface of the account that holds the address; null outside the account. */
  readonly eni: DemoInterface | null;
  readonly origin: 'account' | 'internet' | 'corp';
}

export interface Connection {
  readonly protocol: number;
  readonly client: Endpoint;
  readonly server: Endpoint;
  readonly clientPort: number;
  readonly serverPort: number;
  /** Unix seconds of the first and the last packet. */
  readonly start: number;
  readonly end: number;
  readonly action: FlowAction;
  readonly volume: Volume;
}

/** A record and what the custom formats add about its interface. */
export interface DemoRecord {
  readonly record: FlowRecord;
  readonly eni: DemoInterface;
  /** The `traffic-path` field: set on egress records only, as AWS does. */
  readonly trafficPath: number | null;
}

/** Packets and bytes of one record. */
interface Count {
  readonly packets: number;
  readonly bytes: number;
}

/**
 * The records of a connection. An accepted connection gives, per capture
 * window, a request record and a response record on each interface of the
 * account at either end (so four when both ends are ours). A rejected one
 * gives only the record of the direction the security group dropped.
 */
export function connectionRecords(connection: Connection, random: Random): DemoRecord[] {
  const records: DemoRecord[] = [];
  const windows = windowsOf(connection.start, connection.end);

  for (const [index, windowStart] of windows.entries()) {
    const flags = tcpFlags(connection, index === 0, index === windows.length - 1);
    const window = {
      start: Math.max(connection.start, windowStart),
      end: Math.min(connection.end, windowStart + CAPTURE_WINDOW_SECONDS - 1),
    };
    records.push(...windowRecords(connection, window, flags, random));
  }
  return records;
}

function windowsOf(start: number, end: number): number[] {
  const first = start - (start % CAPTURE_WINDOW_SECONDS);
  const windows: number[] = [];
  for (let window = first; window <= end; window += CAPTURE_WINDOW_SECONDS) windows.push(window);
  return windows;
}

/**
 * The opening window shows SYN on the request side and SYN-ACK on the
 * response side, the closing one FIN; the windows between show 0, because
 * flow logs report no ACK-only flags. Other protocols show 0.
 */
function tcpFlags(connection: Connection, first: boolean, last: boolean) {
  if (connection.protocol !== TCP) return { request: 0, response: 0 };
  if (connection.action === 'REJECT') return { request: SYN, response: 0 };

  const fin = last ? FIN : 0;
  return { request: (first ? SYN : 0) | fin, response: (first ? SYN_ACK : 0) | fin };
}

function volumeOf(connection: Connection, side: 'request' | 'response', random: Random): Count {
  const { volume } = connection;
  const packets = random.int(...volume.packets);
  const perPacket =
    side === 'request' ? volume.requestBytesPerPacket : volume.responseBytesPerPacket;
  return { packets, bytes: packets * random.int(...perPacket) };
}

/** The packets of one direction of a connection in one capture window. */
interface Packets {
  readonly src: Endpoint;
  readonly dst: Endpoint;
  readonly srcport: number;
  readonly dstport: number;
  readonly flags: number;
  readonly volume: Count;
}

interface Window {
  readonly start: number;
  readonly end: number;
}

function windowRecords(
  connection: Connection,
  window: Window,
  flags: { request: number; response: number },
  random: Random,
): DemoRecord[] {
  const { client, server, clientPort, serverPort } = connection;
  const request: Packets = {
    src: client,
    dst: server,
    srcport: clientPort,
    dstport: serverPort,
    flags: flags.request,
    volume: volumeOf(connection, 'request', random),
  };

  if (connection.action === 'REJECT') {
    // The receiving interface's group drops inbound traffic; the sending
    // interface's group drops outbound traffic before it leaves.
    if (server.eni !== null)
      return [sideRecord(connection, window, server.eni, 'ingress', request)];
    if (client.eni !== null) return [sideRecord(connection, window, client.eni, 'egress', request)];
    return [];
  }

  const response: Packets = {
    src: server,
    dst: client,
    srcport: serverPort,
    dstport: clientPort,
    flags: flags.response,
    volume: volumeOf(connection, 'response', random),
  };
  const records: DemoRecord[] = [];
  if (client.eni !== null) {
    records.push(sideRecord(connection, window, client.eni, 'egress', request));
    records.push(sideRecord(connection, window, client.eni, 'ingress', response));
  }
  if (server.eni !== null) {
    records.push(sideRecord(connection, window, server.eni, 'ingress', request));
    records.push(sideRecord(connection, window, server.eni, 'egress', response));
  }
  return records;
}

/**
 * One record on one interface. `srcaddr`/`dstaddr` show the interface's
 * primary private IPv4 address even when the packet used a secondary one;
 * `pkt-srcaddr`/`pkt-dstaddr` show the packet's own addresses.
 */
function sideRecord(
  connection: Connection,
  window: Window,
  eni: DemoInterface,
  direction: Direction,
  packets: Packets,
): DemoRecord {
  const { src, dst } = packets;
  const local = direction === 'egress' ? src : dst;
  const peer = direction === 'egress' ? dst : src;
  const shownLocal = eni.secondaryIpv4.includes(local.address) ? eni.primaryIpv4 : local.address;

  const record: FlowRecord = {
    interfaceId: eni.interfaceId,
    srcaddr: direction === 'egress' ? shownLocal : src.address,
    dstaddr: direction === 'ingress' ? shownLocal : dst.address,
    srcport: packets.srcport,
    dstport: packets.dstport,
    protocol: connection.protocol,
    packets: packets.volume.packets,
    bytes: packets.volume.bytes,
    start: window.start,
    end: window.end,
    action: connection.action,
    logStatus: 'OK',
    tcpFlags: packets.flags,
    pktSrcaddr: src.address,
    pktDstaddr: dst.address,
    flowDirection: direction,
  };
  const trafficPath = direction === 'egress' ? trafficPathOf(eni, peer) : null;
  return { record, eni, trafficPath };
}

/**
 * `traffic-path` codes: 1 through a resource of the same VPC (here also the
 * NAT gateway of private subnets), 3 through a virtual private gateway (the
 * offices' VPN), 4 through VPC peering, 8 through an internet gateway.
 */
function trafficPathOf(eni: DemoInterface, peer: Endpoint): number {
  if (peer.eni !== null) return peer.eni.vpcId === eni.vpcId ? 1 : 4;
  if (eni.subnet.public) return 8;
  return peer.origin === 'corp' ? 3 : 1;
}

/** A NODATA or SKIPDATA record: no flow, but proof that the interface is logged. */
export function statusRecord(
  eni: DemoInterface,
  windowStart: number,
  logStatus: LogStatus,
): DemoRecord {
  const record: FlowRecord = {
    interfaceId: eni.interfaceId,
    srcaddr: null,
    dstaddr: null,
    srcport: null,
    dstport: null,
    protocol: null,
    packets: null,
    bytes: null,
    start: windowStart,
    end: windowStart + CAPTURE_WINDOW_SECONDS - 1,
    action: null,
    logStatus,
    tcpFlags: null,
    pktSrcaddr: null,
    pktDstaddr: null,
    flowDirection: null,
  };
  return { record, eni, trafficPath: null };
}
