import type { RulePeer, SecurityGroupRule } from '../inventory/inventory.js';
import { ALL_PROTOCOLS } from '../inventory/protocol.js';
import { parseCidr } from '../net/ip-address.js';
import { isIcmp, rulePorts } from './rule-label.js';

/**
 * Whether `outer` allows everything `inner` allows, judged on configuration
 * alone: same group and direction, and protocol, ports and peer all covered.
 * It is a preorder (reflexive and transitive), which `shadowedFindings` relies
 * on to find a covering rule that is not itself shadowed.
 */
export function ruleCovers(outer: SecurityGroupRule, inner: SecurityGroupRule): boolean {
  return (
    outer.groupId === inner.groupId &&
    outer.direction === inner.direction &&
    trafficCovers(outer, inner) &&
    peerCovers(outer.peer, inner.peer)
  );
}

/** Protocol and ports (or ICMP type and code). */
function trafficCovers(outer: SecurityGroupRule, inner: SecurityGroupRule): boolean {
  if (outer.protocol === ALL_PROTOCOLS) return true;
  if (outer.protocol !== inner.protocol) return false;

  if (isIcmp(outer.protocol)) return icmpCovers(outer, inner);

  const outerPorts = rulePorts(outer);
  const innerPorts = rulePorts(inner);
  if (outerPorts === null || innerPorts === null) return true;
  return outerPorts.from <= innerPorts.from && innerPorts.to <= outerPorts.to;
}

/**
 * ICMP rules keep the type in `fromPort` and the code in `toPort`, -1 (or
 * absent) meaning any: a rule for any type covers every ICMP rule of its
 * family, a rule for one type with any code covers that type's codes.
 */
function icmpCovers(outer: SecurityGroupRule, inner: SecurityGroupRule): boolean {
  const outerType = outer.fromPort ?? -1;
  if (outerType === -1) return true;
  if ((inner.fromPort ?? -1) !== outerType) return false;

  const outerCode = outer.toPort ?? -1;
  return outerCode === -1 || (inner.toPort ?? -1) === outerCode;
}

/**
 * A CIDR covers the CIDRs of its own family inside it (so a /0 covers every
 * one); a prefix list or a referenced group covers only itself, since its
 * contents can change without the rule changing.
 */
function peerCovers(outer: RulePeer, inner: RulePeer): boolean {
  if (outer.kind !== inner.kind) return false;
  if (outer.kind === 'prefix-list' || outer.kind === 'security-group') {
    return outer.value === inner.value;
  }

  const outerBlock = parseCidr(outer.value);
  const innerBlock = parseCidr(inner.value);
  if (outerBlock === undefined || innerBlock === undefined) return outer.value === inner.value;
  return (
    outerBlock.family === innerBlock.family &&
    outerBlock.first <= innerBlock.first &&
    innerBlock.last <= outerBlock.last
  );
}
