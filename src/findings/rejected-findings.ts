import type { Direction } from '../inventory/inventory.js';
import { protocolLabel } from '../inventory/protocol.js';
import type { RejectedTraffic } from './evidence.js';
import { isoOf } from './finding-time.js';
import type { FindingsInput } from './findings.js';
import { compareText } from './findings.js';
import { groupFacts } from './group-facts.js';

/** How many peers and ports each rejected-traffic finding lists. */
export const REJECTED_TOP = 10;

export interface RejectedPeer {
  readonly peer: string;
  readonly direction: Direction;
  readonly records: number;
  /** ISO 8601, or null when the records had no end time. */
  readonly lastSeen: string | null;
}

export interface RejectedPort {
  /** `tcp`, `udp`, `icmp`, `icmpv6` or the protocol number. */
  readonly protocol: string;
  /** The server port for TCP and UDP; null for protocols without ports. */
  readonly port: number | null;
  readonly direction: Direction;
  readonly records: number;
  readonly lastSeen: string | null;
}

/**
 * Rejected records, for one group's interfaces or for all interfaces in the
 * logs. Inbound, they show who probes from outside; outbound, or inbound from
 * inside the VPC, they may show a rule someone is missing.
 */
export interface RejectedTrafficFinding {
  readonly scope: 'all-interfaces' | 'group';
  /** Null for the `all-interfaces` finding. */
  readonly groupId: string | null;
  readonly groupName: string | null;
  /** The interfaces with rejected records. */
  readonly interfaces: readonly string[];
  readonly records: number;
  /** The 10 peers with the most rejected records, most first. */
  readonly topPeers: readonly RejectedPeer[];
  /** The 10 (protocol, port) pairs with the most rejected records, most first. */
  readonly topPorts: readonly RejectedPort[];
}

/**
 * Rejected traffic over all interfaces first, then per group with rejected
 * records on its interfaces, most records first. An interface carries all its
 * groups' rules together, so each group sees all of its interfaces' rejections.
 */
export function rejectedFindings(
  input: Pick<FindingsInput, 'inventory' | 'evidence'>,
): RejectedTrafficFinding[] {
  const rejected = input.evidence.rejected.filter((entry) => entry.records > 0);
  if (rejected.length === 0) return [];

  const facts = groupFacts(input.inventory);
  const byGroup = input.inventory.groups.flatMap((group) => {
    const interfaces = new Set(facts.interfaces.get(group.groupId) ?? []);
    const entries = rejected.filter((entry) => interfaces.has(entry.interfaceId));
    if (entries.length === 0) return [];
    return [summarise(entries, 'group', group.groupId, group.groupName)];
  });

  byGroup.sort((a, b) => b.records - a.records || compareText(a.groupId ?? '', b.groupId ?? ''));
  return [summarise(rejected, 'all-interfaces', null, null), ...byGroup];
}

function summarise(
  entries: readonly RejectedTraffic[],
  scope: RejectedTrafficFinding['scope'],
  groupId: string | null,
  groupName: string | null,
): RejectedTrafficFinding {
  return {
    scope,
    groupId,
    groupName,
    interfaces: [...new Set(entries.map((entry) => entry.interfaceId))].sort(),
    records: entries.reduce((sum, entry) => sum + entry.records, 0),
    topPeers: top(entries, (entry) => [entry.direction, entry.peer]).map((total) => ({
      peer: total.sample.peer,
      direction: total.sample.direction,
      records: total.records,
      lastSeen: isoOf(total.lastSeen),
    })),
    topPorts: top(entries, (entry) => [entry.direction, entry.protocol, entry.port]).map(
      (total) => ({
        protocol: protocolLabel(total.sample.protocol),
        port: total.sample.port,
        direction: total.sample.direction,
        records: total.records,
        lastSeen: isoOf(total.lastSeen),
      }),
    ),
  };
}

interface Total {
  readonly key: string;
  readonly sample: RejectedTraffic;
  readonly records: number;
  readonly lastSeen: number | null;
}

/** Sums records by key; the most records first, then the most recent, then by key. */
function top(
  entries: readonly RejectedTraffic[],
  keyOf: (entry: RejectedTraffic) => readonly (string | number | null)[],
): Total[] {
  const totals = new Map<string, Total>();
  for (const entry of entries) {
    const key = JSON.stringify(keyOf(entry));
    const total = totals.get(key);
    totals.set(key, {
      key,
      sample: total?.sample ?? entry,
      records: (total?.records ?? 0) + entry.records,
      lastSeen: latest(total?.lastSeen ?? null, entry.lastSeen),
    });
  }

  return [...totals.values()]
    .sort(
      (a, b) =>
        b.records - a.records ||
        (b.lastSeen ?? -1) - (a.lastSeen ?? -1) ||
        compareText(a.key, b.key),
    )
    .slice(0, REJECTED_TOP);
}

function latest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  return b === null ? a : Math.max(a, b);
}
