import type { SecurityGroupRule } from '../inventory/inventory.js';
import { parseCidr } from '../net/ip-address.js';
import type { RuleReport } from '../report/report.js';
import type { UsageEvidence } from './evidence.js';
import type { FindingRule, FindingsInput } from './findings.js';
import { byGroupAndRule, findingRule, shareOf } from './findings.js';
import { mergeNetworks } from './merge-networks.js';
import { rulePorts } from './rule-label.js';

/** At most this many ports, port ranges or CIDRs make a suggestion; more is no simplification. */
export const MAX_SUGGESTIONS = 8;

/** A port range is "much wider" when the ports seen are at most this fraction of it. */
export const MAX_USED_PORT_FRACTION = 0.1;

/** CIDRs with a shorter prefix than this are large enough to suggest narrowing. */
export const LARGE_PREFIX = { 4: 16, 6: 48 } as const;

export interface PortSuggestion {
  readonly fromPort: number;
  readonly toPort: number;
  readonly hits: number;
  /** Of the rule's hits on any port, 0 to 1. */
  readonly share: number;
}

export interface CidrSuggestion {
  readonly cidr: string;
  readonly hits: number;
  /** Of the rule's hits from any network, 0 to 1. */
  readonly share: number;
}

/** A TCP or UDP rule whose port range is much wider than the ports its traffic used. */
export interface PortNarrowingFinding extends FindingRule {
  readonly target: 'ports';
  readonly protocol: string;
  /** The rule's range; 0-65535 where it sets no ports. */
  readonly fromPort: number;
  readonly toPort: number;
  readonly hits: number;
  /** The smallest set of ports and ranges covering every port seen, by port. */
  readonly suggestions: readonly PortSuggestion[];
}

/** A rule open to a large CIDR whose traffic came from (or went to) a few narrow networks. */
export interface PeerNarrowingFinding extends FindingRule {
  readonly target: 'peer';
  readonly cidr: string;
  readonly hits: number;
  /** The fewest CIDRs covering every network seen, no wider than them, by address. */
  readonly suggestions: readonly CidrSuggestion[];
}

export type NarrowingFinding = PortNarrowingFinding | PeerNarrowingFinding;

/**
 * Used rules much wider than their traffic, with the narrower ports or CIDRs
 * that would still have allowed every request seen. A suggestion rests on
 * the window's traffic only: a port used once a quarter needs a long window.
 */
export function narrowingFindings(
  input: Pick<FindingsInput, 'inventory' | 'rules' | 'evidence'>,
): NarrowingFinding[] {
  const configs = new Map(input.inventory.rules.map((rule) => [rule.ruleId, rule]));

  return input.rules
    .filter((rule) => rule.status === 'used')
    .flatMap((report) => {
      const config = configs.get(report.ruleId);
      if (config === undefined) return [];
      return [
        portNarrowing(report, config, input.evidence),
        peerNarrowing(report, config, input.evidence),
      ].filter((finding): finding is NarrowingFinding => finding !== null);
    })
    .sort(byGroupAndRule);
}

function portNarrowing(
  report: RuleReport,
  rule: SecurityGroupRule,
  evidence: UsageEvidence,
): PortNarrowingFinding | null {
  const range = rulePorts(rule);
  if (range === null) return null;

  const hitsByPort = new Map<number, number>();
  for (const entry of evidence.ports) {
    if (entry.ruleId !== rule.ruleId || entry.protocol !== rule.protocol) continue;
    if (entry.port < range.from || entry.port > range.to || entry.hits <= 0) continue;
    hitsByPort.set(entry.port, (hitsByPort.get(entry.port) ?? 0) + entry.hits);
  }

  const ranges = adjacentRanges(hitsByPort);
  const width = range.to - range.from + 1;
  if (ranges.length === 0 || ranges.length > MAX_SUGGESTIONS) return null;
  if (hitsByPort.size > width * MAX_USED_PORT_FRACTION) return null;

  const hits = [...hitsByPort.values()].reduce((sum, value) => sum + value, 0);
  return {
    ...findingRule(report),
    target: 'ports',
    protocol: report.protocol,
    fromPort: range.from,
    toPort: range.to,
    hits,
    suggestions: ranges.map((entry) => ({ ...entry, share: shareOf(entry.hits, hits) })),
  };
}

/** Ports seen, with consecutive ports joined into ranges (8080 and 8081 become 8080-8081). */
function adjacentRanges(
  hitsByPort: ReadonlyMap<number, number>,
): { fromPort: number; toPort: number; hits: number }[] {
  const ranges: { fromPort: number; toPort: number; hits: number }[] = [];

  for (const port of [...hitsByPort.keys()].sort((a, b) => a - b)) {
    const hits = hitsByPort.get(port) ?? 0;
    const last = ranges.at(-1);
    if (last !== undefined && last.toPort === port - 1) {
      ranges[ranges.length - 1] = { ...last, toPort: port, hits: last.hits + hits };
    } else {
      ranges.push({ fromPort: port, toPort: port, hits });
    }
  }
  return ranges;
}

function peerNarrowing(
  report: RuleReport,
  rule: SecurityGroupRule,
  evidence: UsageEvidence,
): PeerNarrowingFinding | null {
  if (rule.peer.kind !== 'cidr4' && rule.peer.kind !== 'cidr6') return null;
  const block = parseCidr(rule.peer.value);
  if (block === undefined || block.prefixLength >= LARGE_PREFIX[block.family]) return null;

  const seen = evidence.peers
    .filter((entry) => entry.ruleId === rule.ruleId && entry.hits > 0)
    .map((entry) => ({ cidr: entry.network, hits: entry.hits }));
  const merged = mergeNetworks(seen, block);
  if (merged.length === 0 || merged.length > MAX_SUGGESTIONS) return null;
  if (
    merged.length === 1 &&
    parseCidr(merged[0]?.cidr ?? '')?.prefixLength === block.prefixLength
  ) {
    return null;
  }

  const hits = merged.reduce((sum, entry) => sum + entry.hits, 0);
  return {
    ...findingRule(report),
    target: 'peer',
    cidr: rule.peer.value,
    hits,
    suggestions: merged.map((entry) => ({ ...entry, share: shareOf(entry.hits, hits) })),
  };
}
