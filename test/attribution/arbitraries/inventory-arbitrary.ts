/**
 * Small random inventories: 1-3 groups without a VPC, their rules over every
 * kind of peer, 1-4 interfaces with distinct addresses of both families, and
 * up to three prefix lists (some without entries). Built from flat lists and
 * picks rather than `chain`, so that fast-check shrinks each part on its own.
 */
import fc from 'fast-check';

import type { Inventory, RulePeer, SecurityGroupRule } from '../../../src/inventory/inventory.js';
import type { PortPair } from './pools.js';
import {
  CIDR4,
  CIDR6,
  GONE_GROUP,
  GONE_PREFIX_LIST,
  GROUP_IDS,
  ICMP_TYPES,
  IPV4,
  IPV6,
  PORT_RANGES,
  PREFIX_LIST_IDS,
  pickFrom,
} from './pools.js';

interface RuleSpec {
  readonly groupPick: number;
  readonly direction: SecurityGroupRule['direction'];
  readonly protocol: number;
  readonly ports: PortPair;
  readonly peer: RulePeer;
}

export function inventoryArb(): fc.Arbitrary<Inventory> {
  return fc
    .record({
      groupCount: fc.integer({ min: 1, max: 3 }),
      rules: fc.array(ruleSpecArb(), { minLength: 1, maxLength: 24, size: 'max' }),
      interfaceGroups: fc.array(fc.subarray([0, 1, 2], { minLength: 1 }), {
        minLength: 1,
        maxLength: 4,
      }),
      addresses: fc.shuffledSubarray([...IPV4, ...IPV6], { minLength: 4, maxLength: 9 }),
      prefixLists: fc.array(fc.subarray([...CIDR4, ...CIDR6], { maxLength: 3 }), { maxLength: 3 }),
    })
    .map(({ groupCount, rules, interfaceGroups, addresses, prefixLists }) => {
      const groupIds = GROUP_IDS.slice(0, groupCount);
      const groupOf = (pick: number): string => pickFrom(groupIds, pick);
      return {
        groups: groupIds.map((groupId) => ({
          groupId,
          groupName: groupId,
          vpcId: null,
          ownerId: null,
          description: null,
          tags: {},
        })),
        rules: rules.map((spec, i) => ruleOf(spec, `sgr-${i}`, groupOf(spec.groupPick))),
        // Addresses dealt round-robin: every interface gets at least one, no two share one.
        interfaces: interfaceGroups.map((picks, i) => ({
          interfaceId: `eni-${i}`,
          vpcId: null,
          groupIds: [...new Set(picks.map(groupOf))],
          addresses: addresses.filter((_, j) => j % interfaceGroups.length === i),
          description: null,
        })),
        prefixLists: prefixLists.map((cidrs, i) => ({ prefixListId: `pl-${i}`, cidrs })),
      };
    });
}

function ruleOf(spec: RuleSpec, ruleId: string, groupId: string): SecurityGroupRule {
  return {
    ruleId,
    groupId,
    direction: spec.direction,
    protocol: spec.protocol,
    fromPort: spec.ports[0],
    toPort: spec.ports[1],
    peer: spec.peer,
    description: null,
    derived: false,
  };
}

function ruleSpecArb(): fc.Arbitrary<RuleSpec> {
  const shape = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        protocol: fc.constantFrom(6, 6, 17),
        ports: fc.constantFrom(...PORT_RANGES),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        protocol: fc.constantFrom(-1, -1, 47),
        ports: fc.constant<PortPair>([null, null]),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        protocol: fc.constantFrom(1, 58),
        ports: fc.constantFrom(...ICMP_TYPES),
      }),
    },
  );
  return fc
    .record({
      groupPick: fc.nat({ max: 2 }),
      direction: fc.constantFrom('ingress', 'egress'),
      shape,
      peer: peerArb(),
    })
    .map(({ shape: { protocol, ports }, ...rest }) => ({ ...rest, protocol, ports }));
}

/** Every kind of peer; referenced groups and prefix lists may be missing from the inventory. */
function peerArb(): fc.Arbitrary<RulePeer> {
  const peer = <K extends RulePeer['kind']>(kind: K, values: readonly string[]) =>
    fc.constantFrom(...values).map((value) => ({ kind, value }) as RulePeer);
  return fc.oneof(
    { weight: 3, arbitrary: peer('cidr4', CIDR4) },
    { weight: 3, arbitrary: peer('cidr6', CIDR6) },
    { weight: 3, arbitrary: peer('security-group', [...GROUP_IDS, GONE_GROUP]) },
    { weight: 2, arbitrary: peer('prefix-list', [...PREFIX_LIST_IDS, GONE_PREFIX_LIST]) },
  );
}
