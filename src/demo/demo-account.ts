import type { Direction, RulePeer } from '../inventory/inventory.js';
import { AddressMaker } from './address-maker.js';
import {
  CORP_PREFIX_LIST,
  GROUP_SPECS,
  INTERFACE_SPECS,
  SUBNET_SPECS,
  VPC_SPECS,
} from './demo-account-spec.js';
import type {
  DemoRole,
  GroupSpec,
  InterfaceSpec,
  InterfaceType,
  PeerSpec,
  SubnetSpec,
  VpcName,
} from './demo-account-spec.js';
import { IdMaker } from './id-maker.js';
import { Random } from './random.js';

export type { DemoRole, InterfaceType, VpcName } from './demo-account-spec.js';

export const DEMO_ACCOUNT_ID = '123456789012';
export const DEMO_REGION = 'us-east-1';
/** The seed of `stale-sg demo` and of the docs' examples. */
export const DEFAULT_DEMO_SEED = 42;

export interface DemoVpc {
  readonly vpcId: string;
  readonly name: VpcName;
  readonly cidr: string;
  readonly ipv6Cidr: string | null;
}

export interface DemoSubnet {
  readonly subnetId: string;
  readonly name: string;
  readonly vpcId: string;
  readonly cidr: string;
  readonly ipv6Cidr: string | null;
  readonly availabilityZone: string;
  readonly public: boolean;
}

/** One rule, with ports as the API gives them (-1 where it does not restrict them). */
export interface DemoRule {
  readonly ruleId: string;
  readonly groupId: string;
  readonly direction: Direction;
  readonly ipProtocol: string;
  readonly fromPort: number;
  readonly toPort: number;
  readonly peer: RulePeer;
  readonly description: string | null;
}

export interface DemoGroup {
  readonly groupId: string;
  /** The key in the spec; unique, unlike `groupName` (`default` in every VPC). */
  readonly key: string;
  readonly groupName: string;
  readonly description: string;
  readonly vpcId: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly rules: readonly DemoRule[];
}

export interface DemoInterface {
  readonly interfaceId: string;
  readonly name: string;
  readonly role: DemoRole;
  readonly vpcId: string;
  readonly subnet: DemoSubnet;
  readonly groupIds: readonly string[];
  readonly primaryIpv4: string;
  readonly secondaryIpv4: readonly string[];
  readonly ipv6: readonly string[];
  readonly interfaceType: InterfaceType;
  readonly owner: InterfaceSpec['owner'];
  /** Null for interfaces that services own (load balancer, endpoint, NAT gateway). */
  readonly instanceId: string | null;
  readonly description: string;
  readonly publicIp: string | null;
  readonly macAddress: string;
}

export interface DemoPrefixList {
  readonly prefixListId: string;
  readonly name: string;
  readonly entries: readonly { readonly cidr: string; readonly description: string }[];
}

/** A small AWS account, built the same way from the same seed. */
export interface DemoAccount {
  readonly accountId: string;
  readonly region: string;
  readonly vpcs: readonly DemoVpc[];
  readonly subnets: readonly DemoSubnet[];
  readonly groups: readonly DemoGroup[];
  readonly interfaces: readonly DemoInterface[];
  readonly prefixLists: readonly DemoPrefixList[];
}

/**
 * Builds the demo account. The structure (names, rules, attachments) is fixed
 * by `demo-account-spec.ts`; the seed draws the resource ids and the host
 * parts of the addresses, so two seeds give two different-looking accounts
 * with the same story.
 */
export function buildDemoAccount(seed: number = DEFAULT_DEMO_SEED): DemoAccount {
  const random = Random.derive(seed, 'account');
  const ids = new IdMaker(random);

  const vpcIds = new Map(VPC_SPECS.map((vpc) => [vpc.name, ids.make('vpc')]));
  const vpcs = VPC_SPECS.map((vpc) => ({ ...vpc, vpcId: vpcIdOf(vpcIds, vpc.name) }));
  const subnets = SUBNET_SPECS.map((spec) => buildSubnet(spec, vpcIdOf(vpcIds, spec.vpc), ids));
  const prefixList = { ...CORP_PREFIX_LIST, prefixListId: ids.make('pl') };

  const groupIds = new Map(GROUP_SPECS.map((spec) => [spec.key, ids.make('sg')]));
  const resolve = (peer: PeerSpec) => resolvePeer(peer, groupIds, prefixList.prefixListId);
  const groups = GROUP_SPECS.map((spec) =>
    buildGroup(spec, vpcIdOf(vpcIds, spec.vpc), ids, resolve),
  );

  const addresses = new AddressMaker(random);
  const interfaces = INTERFACE_SPECS.map((spec) =>
    buildInterface(spec, subnets, groupIds, ids, addresses),
  );

  const { entries, name, prefixListId } = prefixList;
  return {
    accountId: DEMO_ACCOUNT_ID,
    region: DEMO_REGION,
    vpcs,
    subnets,
    groups,
    interfaces,
    prefixLists: [{ prefixListId, name, entries }],
  };
}

/** Every rule of the account, group by group. */
export function demoRules(account: DemoAccount): DemoRule[] {
  return account.groups.flatMap((group) => group.rules);
}

/** The group with this spec key (`prod-app`, `staging-default`, ...). */
export function demoGroup(account: DemoAccount, key: string): DemoGroup {
  const found = account.groups.find((group) => group.key === key);
  if (found === undefined) throw new RangeError(`The demo account has no group ${key}`);
  return found;
}

function vpcIdOf(vpcIds: ReadonlyMap<VpcName, string>, name: VpcName): string {
  return lookup(vpcIds, name, 'VPC');
}

function lookup<K>(map: ReadonlyMap<K, string>, key: K, what: string): string {
  const value = map.get(key);
  if (value === undefined) throw new RangeError(`The demo spec has no ${what} ${String(key)}`);
  return value;
}

function buildSubnet(spec: SubnetSpec, vpcId: string, ids: IdMaker): DemoSubnet {
  const { name, cidr, ipv6Cidr, availabilityZone } = spec;
  return {
    subnetId: ids.make('subnet'),
    name,
    vpcId,
    cidr,
    ipv6Cidr,
    availabilityZone,
    public: spec.public,
  };
}

function buildGroup(
  spec: GroupSpec,
  vpcId: string,
  ids: IdMaker,
  resolve: (peer: PeerSpec) => RulePeer,
): DemoGroup {
  const groupId = resolve(`sg:${spec.key}`).value;
  const rules = spec.rules.map((rule) => ({
    ruleId: ids.make('sgr'),
    groupId,
    direction: rule.direction,
    ipProtocol: rule.ipProtocol,
    fromPort: rule.fromPort,
    toPort: rule.toPort,
    peer: resolve(rule.peer),
    description: rule.description,
  }));

  const { key, name, description, tags } = spec;
  return { groupId, key, groupName: name, description, vpcId, tags, rules };
}

function resolvePeer(
  peer: PeerSpec,
  groupIds: ReadonlyMap<string, string>,
  prefixListId: string,
): RulePeer {
  if (peer.startsWith('pl:')) return { kind: 'prefix-list', value: prefixListId };
  if (peer.startsWith('sg:')) {
    return { kind: 'security-group', value: lookup(groupIds, peer.slice(3), 'group') };
  }
  return { kind: peer.includes(':') ? 'cidr6' : 'cidr4', value: peer };
}

function buildInterface(
  spec: InterfaceSpec,
  subnets: readonly DemoSubnet[],
  groupIds: ReadonlyMap<string, string>,
  ids: IdMaker,
  addresses: AddressMaker,
): DemoInterface {
  const subnet = subnets.find((candidate) => candidate.name === spec.subnet);
  if (subnet === undefined) throw new RangeError(`The demo spec has no subnet ${spec.subnet}`);

  const ipv4 = addresses.ipv4(subnet.cidr, 1 + spec.secondaryIpv4);
  const ipv6 = subnet.ipv6Cidr === null ? [] : addresses.ipv6(subnet.ipv6Cidr, spec.ipv6);
  const primaryIpv4 = ipv4[0] ?? '';

  return {
    interfaceId: ids.make('eni'),
    name: spec.name,
    role: spec.role,
    vpcId: subnet.vpcId,
    subnet,
    groupIds: spec.groups.map((key) => lookup(groupIds, key, 'group')),
    primaryIpv4,
    secondaryIpv4: ipv4.slice(1),
    ipv6,
    interfaceType: spec.interfaceType,
    owner: spec.owner,
    instanceId: spec.owner === 'instance' ? ids.make('i') : null,
    description: interfaceDescription(spec, ids),
    publicIp: subnet.public ? addresses.publicIpv4() : null,
    macAddress: addresses.macAddress(),
  };
}

function interfaceDescription(spec: InterfaceSpec, ids: IdMaker): string {
  switch (spec.owner) {
    case 'elb':
      return `ELB app/prod-web/${ids.sharedHex('prod-web', 16)}`;
    case 'vpc-endpoint':
      return `VPC Endpoint Interface ${ids.make('vpce')}`;
    case 'nat-gateway':
      return `Interface for NAT Gateway ${ids.make('nat')}`;
    case 'instance':
      return '';
  }
}
