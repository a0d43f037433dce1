import type { RiskyRuleFinding } from '../findings/risky-findings.js';
import { parseCidr } from '../net/ip-address.js';
import type { RuleReport } from '../report/report.js';

/**
 * How much a rule lets in, as the email ranks rules: the risk score of the
 * risky finding when there is one (open to the whole internet on sensitive
 * ports), then ingress before egress (what others can reach comes before
 * what the instances can reach), then how much of the address space its peer
 * covers, then how many ports it allows. The email lists first the rules
 * whose removal or narrowing closes the most.
 */
export interface ExposureKey {
  /** The risky finding's score; 0 for a rule that is not risky. */
  readonly risk: number;
  /** 1 for ingress, 0 for egress. */
  readonly inbound: number;
  /** Share of the address family a CIDR peer covers, 0 to 1; 0 for prefix lists and groups. */
  readonly peer: number;
  /** Ports allowed; all protocols count as all TCP and all UDP ports. */
  readonly ports: number;
}

const PORTS_PER_PROTOCOL = 65_536;

/** The exposure of a rule; the least for a rule the report does not have. */
export function exposureOf(
  rule: RuleReport | undefined,
  risky: RiskyRuleFinding | undefined,
): ExposureKey {
  return {
    risk: risky?.score ?? 0,
    inbound: rule?.direction === 'ingress' ? 1 : 0,
    peer: rule === undefined ? 0 : peerBreadth(rule.peer),
    ports: rule === undefined ? 0 : portCount(rule),
  };
}

/** Orders the widest exposure first; 0 for equal ones, so a stable sort keeps their order. */
export function compareExposure(a: ExposureKey, b: ExposureKey): number {
  return b.risk - a.risk || b.inbound - a.inbound || b.peer - a.peer || b.ports - a.ports;
}

function peerBreadth(peer: RuleReport['peer']): number {
  if (peer.kind !== 'cidr4' && peer.kind !== 'cidr6') return 0;
  const block = parseCidr(peer.value);
  if (block === undefined) return 0;
  const bits = block.family === 4 ? 32 : 128;
  return (bits - block.prefixLength) / bits;
}

function portCount(rule: RuleReport): number {
  if (rule.protocol === 'all') return 2 * PORTS_PER_PROTOCOL;
  if (rule.protocol !== 'tcp' && rule.protocol !== 'udp') return 1;
  if (rule.fromPort === null || rule.toPort === null) return PORTS_PER_PROTOCOL;
  return rule.toPort - rule.fromPort + 1;
}
