/**
 * The inventory model: what stale-sg needs to know about an account's
 * security groups, whichever way it was collected (AWS CLI exports on disk or
 * the EC2 API). Names follow the EC2 API.
 */

export type Direction = 'ingress' | 'egress';

/** What a rule allows traffic from (ingress) or to (egress). */
export type RulePeer =
  | { readonly kind: 'cidr4'; readonly value: string }
  | { readonly kind: 'cidr6'; readonly value: string }
  | { readonly kind: 'prefix-list'; readonly value: string }
  | { readonly kind: 'security-group'; readonly value: string };

export type PeerKind = RulePeer['kind'];

/** One rule of a security group, as DescribeSecurityGroupRules returns it. */
export interface SecurityGroupRule {
  /** `sgr-...` from the API, or a derived id (see `derive-rules.ts`). */
  readonly ruleId: string;
  readonly groupId: string;
  readonly direction: Direction;
  /** IP protocol number; -1 means all protocols. */
  readonly protocol: number;
  /**
   * Port range for TCP and UDP rules; for ICMP the type and code; null where
   * the rule does not restrict them (all protocols, or -1 in the API).
   */
  readonly fromPort: number | null;
  readonly toPort: number | null;
  readonly peer: RulePeer;
  readonly description: string | null;
  /** True when the id was derived from IpPermissions rather than given by AWS. */
  readonly derived: boolean;
}

export interface SecurityGroup {
  readonly groupId: string;
  readonly groupName: string;
  readonly vpcId: string | null;
  readonly ownerId: string | null;
  readonly description: string | null;
  readonly tags: Readonly<Record<string, string>>;
  /** The group's region: known when collected from the EC2 API, absent in CLI exports. */
  readonly region?: string | null;
}

/** An elastic network interface (ENI) and the groups attached to it. */
export interface NetworkInterface {
  readonly interfaceId: string;
  readonly vpcId: string | null;
  readonly groupIds: readonly string[];
  /** Every private IPv4 address and every IPv6 address of the interface. */
  readonly addresses: readonly string[];
  readonly description: string | null;
}

/** A managed prefix list and its entries (CIDRs of either family). */
export interface PrefixList {
  readonly prefixListId: string;
  readonly cidrs: readonly string[];
}

export interface Inventory {
  readonly groups: readonly SecurityGroup[];
  readonly rules: readonly SecurityGroupRule[];
  readonly interfaces: readonly NetworkInterface[];
  readonly prefixLists: readonly PrefixList[];
}
