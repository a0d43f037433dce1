/**
 * The reference oracle: the attribution semantics (docs/attribution.md; the
 * design brief's section 2, made precise in the team's semantics notes)
 * written out record by record, for the tests to hold the engine to. It
 * favours being obviously right over being fast, and each step names the
 * clause it implements: § Well-formed records, § Window, § Coverage,
 * § Usage records, § Direction, § Local/peer, § Request or response,
 * § Matching, § Per rule, § Verdicts.
 */
import type { FlowRecord } from '../../src/flow-logs/flow-record.js';
import type {
  Direction,
  Inventory,
  NetworkInterface,
  RulePeer,
  SecurityGroupRule,
} from '../../src/inventory/inventory.js';
import type { IpAddress } from '../../src/net/ip-address.js';
import type { RuleStatus } from '../../src/report/report.js';
import { cidrContains, parseCidr, parseIpAddress } from '../../src/net/ip-address.js';
import { hasValidAddresses, hasValidValues, logStatusOf } from './well-formed.js';

export interface OracleInput {
  readonly inventory: Inventory;
  readonly records: readonly FlowRecord[];
  readonly since?: Date;
  readonly until?: Date;
  readonly staleAfterDays?: number;
  readonly ephemeralPorts?: { readonly from: number; readonly to: number };
}

export interface OracleRule {
  readonly ruleId: string;
  readonly hits: number;
  readonly exclusiveHits: number;
  readonly packets: number;
  readonly bytes: number;
  /** Unix seconds, or null without hits (or when every hit lacks the time). */
  readonly firstSeen: number | null;
  readonly lastSeen: number | null;
  readonly status: RuleStatus;
}

export interface OracleSummary {
  readonly records: number;
  readonly acceptedRecords: number;
  readonly rejectedRecords: number;
  /** Records with invalid values anywhere, and records with invalid addresses inside the window. */
  readonly malformedRecords: number;
}

export interface OracleResult {
  /** One entry per inventory rule, in inventory order. */
  readonly rules: readonly OracleRule[];
  readonly summary: OracleSummary;
  /** Unix seconds; null when nothing bounds that end. */
  readonly window: { readonly from: number | null; readonly to: number | null };
}

const TCP = 6;
const UDP = 17;
const ALL_PROTOCOLS = -1;
const SECONDS_PER_DAY = 86_400;
const DEFAULT_EPHEMERAL_PORTS = { from: 32768, to: 65535 };

/** A usage record with a known direction, seen from its interface (§ Local/peer). */
interface LocatedRecord {
  readonly record: FlowRecord;
  readonly direction: Direction;
  readonly local: IpAddress | undefined;
  readonly localPort: number | null;
  readonly peer: IpAddress | undefined;
  readonly peerPort: number | null;
}

export function runOracle(input: OracleInput): OracleResult {
  const { inventory } = input;
  const ephemeral = input.ephemeralPorts ?? DEFAULT_EPHEMERAL_PORTS;

  // § Well-formed records: the semantics defer to the engine's malformed rules,
  // and the engine checks addresses only for records inside the window.
  const readable = input.records.filter(hasValidValues);

  // § Window: only records whose start lies in [since, until) count.
  const inside = readable.filter((record) => inWindow(record, input.since, input.until));
  const counted = inside.filter(hasValidAddresses);
  const window = windowOf(counted, input.since, input.until);

  // § Coverage: any counted record, of any status or action, covers its interface.
  const covered = new Set(counted.map((record) => record.interfaceId));

  // § Usage records: OK (or no log-status at all) and ACCEPT.
  const usage = counted.filter(
    (record) => logStatusOf(record) === 'OK' && record.action === 'ACCEPT',
  );
  const rejected = counted.filter(
    (record) => logStatusOf(record) === 'OK' && record.action === 'REJECT',
  );

  // § Direction: records of unknown direction match no rule, so they stop here.
  const located = usage.flatMap((record) => {
    const found = locate(record, inventory);
    return found === undefined ? [] : [found];
  });

  // § Request or response: only the request side of each conversation is matched.
  const requests = requestsOf(located, ephemeral);

  // § Matching, and § Per rule.
  const tallies = new Map(inventory.rules.map((rule) => [rule.ruleId, emptyTally()]));
  for (const request of requests) {
    const matching = inventory.rules.filter((rule) => ruleMatches(rule, request, inventory));
    for (const rule of matching) {
      const tally = tallies.get(rule.ruleId);
      if (tally !== undefined) addHit(tally, request.record, matching.length === 1);
    }
  }

  const rules = inventory.rules.map((rule) => {
    const tally = tallies.get(rule.ruleId) ?? emptyTally();
    const status = verdict(rule, tally, { inventory, covered, windowEnd: window.to, input });
    return { ruleId: rule.ruleId, ...tally, status };
  });

  const summary = {
    records: counted.length,
    acceptedRecords: usage.length,
    rejectedRecords: rejected.length,
    malformedRecords: input.records.length - readable.length + inside.length - counted.length,
  };
  return { rules, summary, window };
}

// § Window ------------------------------------------------------------------

function inWindow(record: FlowRecord, since: Date | undefined, until: Date | undefined): boolean {
  if (since === undefined && until === undefined) return true;

  // With a bound, a record without a start cannot be placed, so it is excluded.
  if (record.start === null) return false;
  if (since !== undefined && record.start * 1000 < since.getTime()) return false;
  if (until !== undefined && record.start * 1000 >= until.getTime()) return false;
  return true;
}

/** Window start: `since`, else min start. Window end: `until`, else max end (any status). */
function windowOf(
  counted: readonly FlowRecord[],
  since: Date | undefined,
  until: Date | undefined,
): OracleResult['window'] {
  const starts = counted.flatMap((record) => (record.start === null ? [] : [record.start]));
  const ends = counted.flatMap((record) => (record.end === null ? [] : [record.end]));
  return {
    from: since !== undefined ? since.getTime() / 1000 : minOrNull(starts),
    to: until !== undefined ? until.getTime() / 1000 : maxOrNull(ends),
  };
}

// § Direction, § Local/peer ---------------------------------------------------

function locate(record: FlowRecord, inventory: Inventory): LocatedRecord | undefined {
  // § Effective addresses: pkt-* where present.
  const src = parseAddress(record.pktSrcaddr ?? record.srcaddr);
  const dst = parseAddress(record.pktDstaddr ?? record.dstaddr);

  // Interfaces not in the inventory have no addresses (and no groups).
  const addresses = interfaceById(inventory, record.interfaceId)?.addresses ?? [];
  const isOwn = (address: IpAddress | undefined): boolean =>
    addresses.some((own) => sameAddress(parseIpAddress(own), address));

  // flow-direction wins; else dst on the interface => ingress; else src => egress.
  let direction: Direction | undefined;
  if (record.flowDirection !== null) direction = record.flowDirection;
  else if (isOwn(dst)) direction = 'ingress';
  else if (isOwn(src)) direction = 'egress';
  if (direction === undefined) return undefined;

  if (direction === 'ingress') {
    return {
      record,
      direction,
      local: dst,
      localPort: record.dstport,
      peer: src,
      peerPort: record.srcport,
    };
  }
  return {
    record,
    direction,
    local: src,
    localPort: record.srcport,
    peer: dst,
    peerPort: record.dstport,
  };
}

// § Request or response --------------------------------------------------------

function requestsOf(
  located: readonly LocatedRecord[],
  ephemeral: { readonly from: number; readonly to: number },
): LocatedRecord[] {
  const conversations = new Map<string, LocatedRecord[]>();
  for (const item of located) {
    const key = conversationKey(item);
    conversations.set(key, [...(conversations.get(key) ?? []), item]);
  }

  const requests: LocatedRecord[] = [];
  for (const conversation of conversations.values()) {
    const requestDirection = requestDirectionOf(conversation, ephemeral);
    for (const item of conversation) {
      if (requestDirection === 'both' || item.direction === requestDirection) requests.push(item);
    }
  }
  return requests;
}

/** (interfaceId, local address, localPort, peer address, peerPort, protocol). */
function conversationKey(item: LocatedRecord): string {
  return [
    item.record.interfaceId,
    addressKey(item.local),
    item.localPort,
    addressKey(item.peer),
    item.peerPort,
    item.record.protocol,
  ].join('|');
}

function requestDirectionOf(
  conversation: readonly LocatedRecord[],
  ephemeral: { readonly from: number; readonly to: number },
): Direction | 'both' {
  // Rule 1, flags: SYN without ACK votes for its own direction, SYN-ACK for the opposite one.
  const votes = new Set<Direction>();
  for (const item of conversation) {
    const flags = item.record.tcpFlags;
    if (item.record.protocol !== TCP || flags === null) continue;
    if ((flags & 18) === 2) votes.add(item.direction);
    if ((flags & 18) === 18) votes.add(opposite(item.direction));
  }
  const [onlyVote] = votes;
  if (votes.size === 1 && onlyVote !== undefined) return onlyVote;

  // Rule 2, ports: protocol, localPort and peerPort are part of the key, so any record tells.
  const first = conversation[0];
  if (first === undefined) return 'both';
  const { localPort, peerPort } = first;
  const protocol = first.record.protocol;
  if ((protocol === TCP || protocol === UDP) && localPort !== null && peerPort !== null) {
    const isEphemeral = (port: number): boolean => ephemeral.from <= port && port <= ephemeral.to;
    // The peer is the client: the local side is the server, so requests come in.
    if (isEphemeral(peerPort) && !isEphemeral(localPort)) return 'ingress';
    if (isEphemeral(localPort) && !isEphemeral(peerPort)) return 'egress';
  }

  // Rule 3: both or neither ephemeral, or no ports: everything counts as a request.
  return 'both';
}

function opposite(direction: Direction): Direction {
  return direction === 'ingress' ? 'egress' : 'ingress';
}

// § Matching -----------------------------------------------------------------

function ruleMatches(
  rule: SecurityGroupRule,
  request: LocatedRecord,
  inventory: Inventory,
): boolean {
  const { record } = request;

  // R belongs to a group attached to E, and R's direction is D.
  const groupIds = interfaceById(inventory, record.interfaceId)?.groupIds ?? [];
  if (!groupIds.includes(rule.groupId) || rule.direction !== request.direction) return false;

  // Protocol: -1, or equal (a null record protocol matches only -1).
  if (rule.protocol !== ALL_PROTOCOLS && rule.protocol !== record.protocol) return false;

  // Port: the request's destination port is the server port. Only TCP and UDP
  // rules with a range restrict it; ICMP type and code are not in flow logs.
  const portsApply = record.protocol === TCP || record.protocol === UDP;
  if (
    portsApply &&
    rule.protocol !== ALL_PROTOCOLS &&
    rule.fromPort !== null &&
    rule.toPort !== null
  ) {
    const port = record.dstport;
    if (port === null || port < rule.fromPort || port > rule.toPort) return false;
  }

  // Peer: source for ingress, destination for egress (already so in `request.peer`).
  return peerMatches(rule.peer, request.peer, inventory);
}

function peerMatches(
  peer: RulePeer,
  address: IpAddress | undefined,
  inventory: Inventory,
): boolean {
  if (address === undefined) return false;

  switch (peer.kind) {
    case 'cidr4':
    case 'cidr6':
      // cidrContains never matches across families.
      return insideCidr(peer.value, address);

    case 'prefix-list': {
      // A list that is missing or has no entries matches nothing.
      const list = inventory.prefixLists.find((candidate) => candidate.prefixListId === peer.value);
      return (list?.cidrs ?? []).some((cidr) => insideCidr(cidr, address));
    }

    case 'security-group':
      // Any address of any interface the referenced group is attached to (it may be R's own).
      return inventory.interfaces
        .filter((eni) => eni.groupIds.includes(peer.value))
        .some((eni) => eni.addresses.some((own) => sameAddress(parseIpAddress(own), address)));
  }
}

function insideCidr(cidr: string, address: IpAddress): boolean {
  const block = parseCidr(cidr);
  return block !== undefined && cidrContains(block, address);
}

// § Per rule -----------------------------------------------------------------

interface Tally {
  hits: number;
  exclusiveHits: number;
  packets: number;
  bytes: number;
  firstSeen: number | null;
  lastSeen: number | null;
}

function emptyTally(): Tally {
  return { hits: 0, exclusiveHits: 0, packets: 0, bytes: 0, firstSeen: null, lastSeen: null };
}

function addHit(tally: Tally, record: FlowRecord, exclusive: boolean): void {
  tally.hits += 1;
  if (exclusive) tally.exclusiveHits += 1;

  // Null counts 0; firstSeen and lastSeen ignore nulls.
  tally.packets += record.packets ?? 0;
  tally.bytes += record.bytes ?? 0;
  tally.firstSeen = minOrNull([tally.firstSeen, record.start].filter(isNumber));
  tally.lastSeen = maxOrNull([tally.lastSeen, record.end].filter(isNumber));
}

// § Verdicts -----------------------------------------------------------------

interface VerdictContext {
  readonly inventory: Inventory;
  readonly covered: ReadonlySet<string | null>;
  readonly windowEnd: number | null;
  readonly input: OracleInput;
}

function verdict(rule: SecurityGroupRule, tally: Tally, context: VerdictContext): RuleStatus {
  const groupInterfaces = context.inventory.interfaces.filter((eni) =>
    eni.groupIds.includes(rule.groupId),
  );

  // First that applies: unattached, used, stale, unobserved.
  if (groupInterfaces.length === 0) return 'unattached';
  if (tally.hits > 0 && isRecentEnough(tally.lastSeen, context)) return 'used';
  if (groupInterfaces.some((eni) => context.covered.has(eni.interfaceId))) return 'stale';
  return 'unobserved';
}

/** With --stale-after N: lastSeen >= windowEnd - N days (a null on either side fails, as in SQL). */
function isRecentEnough(lastSeen: number | null, context: VerdictContext): boolean {
  const days = context.input.staleAfterDays;
  if (days === undefined) return true;
  if (lastSeen === null || context.windowEnd === null) return false;
  return lastSeen >= context.windowEnd - days * SECONDS_PER_DAY;
}

// Small helpers -----------------------------------------------------------------

function interfaceById(inventory: Inventory, id: string | null): NetworkInterface | undefined {
  return inventory.interfaces.find((eni) => eni.interfaceId === id);
}

function parseAddress(text: string | null): IpAddress | undefined {
  return text === null ? undefined : parseIpAddress(text);
}

/** Same family and same numeric value; an unknown address equals nothing. */
function sameAddress(a: IpAddress | undefined, b: IpAddress | undefined): boolean {
  return a !== undefined && b !== undefined && a.family === b.family && a.value === b.value;
}

function addressKey(address: IpAddress | undefined): string {
  return address === undefined ? 'none' : `${address.family}:${address.value}`;
}

function isNumber(value: number | null): value is number {
  return value !== null;
}

function minOrNull(values: readonly number[]): number | null {
  return values.length === 0 ? null : Math.min(...values);
}

function maxOrNull(values: readonly number[]): number | null {
  return values.length === 0 ? null : Math.max(...values);
}
