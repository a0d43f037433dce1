import type { Direction } from '../inventory/inventory.js';

/**
 * What traffic showed about rules, beyond their totals: the evidence the
 * findings are computed from. The engine produces it per batch of flow logs;
 * the store accumulates it. Days are UTC dates, `YYYY-MM-DD`; times are unix
 * seconds.
 */

/** One rule's traffic on one day. */
export interface DailyRuleUsage {
  readonly ruleId: string;
  readonly day: string;
  readonly hits: number;
  readonly exclusiveHits: number;
  readonly packets: number;
  readonly bytes: number;
  readonly firstSeen: number | null;
  readonly lastSeen: number | null;
}

/** Records of one interface on one day, of any status: the interface was covered. */
export interface InterfaceCoverage {
  readonly interfaceId: string;
  readonly day: string;
  readonly records: number;
}

/** Hits of a rule on one server port (TCP and UDP requests). */
export interface RulePortUsage {
  readonly ruleId: string;
  readonly protocol: number;
  readonly port: number;
  readonly hits: number;
}

/**
 * Hits of a rule from (ingress) or to (egress) one peer network: the /24
 * around an IPv4 peer, the /64 around an IPv6 peer, as canonical CIDR text.
 */
export interface RulePeerUsage {
  readonly ruleId: string;
  readonly network: string;
  readonly hits: number;
}

/**
 * Requests that several rules allowed at once: the ids of all matching rules
 * (sorted), and how many records. A rule whose hits all lie in overlaps is
 * redundant for the traffic seen; remediation keeps one rule of each overlap.
 */
export interface RuleOverlap {
  readonly ruleIds: readonly string[];
  readonly hits: number;
}

/** Rejected records on an interface, by peer address, protocol and server port. */
export interface RejectedTraffic {
  readonly interfaceId: string;
  readonly direction: Direction;
  readonly peer: string;
  readonly protocol: number;
  readonly port: number | null;
  readonly records: number;
  readonly lastSeen: number | null;
}

export interface UsageEvidence {
  readonly daily: readonly DailyRuleUsage[];
  readonly coverage: readonly InterfaceCoverage[];
  readonly ports: readonly RulePortUsage[];
  readonly peers: readonly RulePeerUsage[];
  readonly overlaps: readonly RuleOverlap[];
  readonly rejected: readonly RejectedTraffic[];
}
