import type { SecurityGroupRule } from '../inventory/inventory.js';
import { ALL_PROTOCOLS, ICMP, ICMPV6, hasPorts, protocolLabel } from '../inventory/protocol.js';

/** The full port range of TCP and UDP, which a rule without ports allows. */
export const ALL_PORTS = { from: 0, to: 65535 } as const;

export interface PortRange {
  readonly from: number;
  readonly to: number;
}

/** The ports a TCP or UDP rule allows (all of them where it sets none); null for other protocols. */
export function rulePorts(rule: SecurityGroupRule): PortRange | null {
  if (!hasPorts(rule.protocol)) return null;
  if (rule.fromPort === null || rule.toPort === null) return ALL_PORTS;
  return { from: rule.fromPort, to: rule.toPort };
}

export function isIcmp(protocol: number): boolean {
  return protocol === ICMP || protocol === ICMPV6;
}

/**
 * What a rule allows, in one line: `tcp 22 from 0.0.0.0/0`, `all traffic to
 * sg-0123`, `icmp type 8 from 10.0.0.0/8`. Built from ids, numbers and CIDRs
 * only, never from descriptions, so it is safe to put anywhere.
 */
export function ruleLabel(rule: SecurityGroupRule): string {
  const towards = rule.direction === 'ingress' ? 'from' : 'to';
  return `${trafficLabel(rule)} ${towards} ${rule.peer.value}`;
}

function trafficLabel(rule: SecurityGroupRule): string {
  if (rule.protocol === ALL_PROTOCOLS) return 'all traffic';

  const protocol = protocolLabel(rule.protocol);
  const ports = rulePorts(rule);
  if (ports !== null) return `${protocol} ${portRangeLabel(ports)}`;
  if (isIcmp(rule.protocol)) return `${protocol} ${icmpLabel(rule.fromPort, rule.toPort)}`;
  return protocol === String(rule.protocol) ? `protocol ${protocol}` : protocol;
}

/** `443`, `8000-8999`, or `all ports`. */
export function portRangeLabel(range: PortRange): string {
  if (range.from === ALL_PORTS.from && range.to === ALL_PORTS.to) return 'all ports';
  return range.from === range.to ? String(range.from) : `${range.from}-${range.to}`;
}

function icmpLabel(type: number | null, code: number | null): string {
  if (type === null || type === -1) return 'all types';
  if (code === null || code === -1) return `type ${type}`;
  return `type ${type} code ${code}`;
}
