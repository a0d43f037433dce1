/**
 * The demo account as the JSON that the AWS CLI prints for
 * `aws ec2 describe-security-groups`, `describe-security-group-rules`,
 * `describe-network-interfaces` and `get-managed-prefix-list-entries`, so the
 * demo goes through the same inventory loader as a real export.
 */

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type {
  DemoAccount,
  DemoGroup,
  DemoInterface,
  DemoPrefixList,
  DemoRule,
} from './demo-account.js';
import { demoRules } from './demo-account.js';
import { Random } from './random.js';

type Json = Record<string, unknown>;

/** One entry of IpPermissions: a protocol and port range with every peer it is allowed for. */
interface IpPermission {
  readonly FromPort?: number;
  readonly ToPort?: number;
  readonly IpProtocol: string;
  readonly IpRanges: Json[];
  readonly Ipv6Ranges: Json[];
  readonly PrefixListIds: Json[];
  readonly UserIdGroupPairs: Json[];
}

/** `aws ec2 describe-security-groups` output. */
export function describeSecurityGroups(account: DemoAccount): { SecurityGroups: Json[] } {
  const { accountId, region } = account;
  const SecurityGroups = account.groups.map((group) => ({
    Description: group.description,
    GroupName: group.groupName,
    IpPermissions: ipPermissions(group, 'ingress', accountId),
    OwnerId: accountId,
    GroupId: group.groupId,
    IpPermissionsEgress: ipPermissions(group, 'egress', accountId),
    ...tagsOf(group.tags),
    VpcId: group.vpcId,
    SecurityGroupArn: `arn:aws:ec2:${region}:${accountId}:security-group/${group.groupId}`,
  }));
  return { SecurityGroups };
}

/**
 * IpPermissions group the rules by protocol and port range, as the API does:
 * one permission lists every peer of the same protocol and ports. For all
 * protocols (`-1`) the API prints no FromPort and ToPort here, while
 * DescribeSecurityGroupRules prints -1 for both.
 */
function ipPermissions(
  group: DemoGroup,
  direction: DemoRule['direction'],
  accountId: string,
): IpPermission[] {
  const permissions = new Map<string, IpPermission>();
  for (const rule of group.rules.filter((candidate) => candidate.direction === direction)) {
    const key = `${rule.ipProtocol}|${rule.fromPort}|${rule.toPort}`;
    const permission = permissions.get(key) ?? emptyPermission(rule);
    permissions.set(key, permission);
    addPeer(permission, rule, accountId);
  }
  return [...permissions.values()];
}

function emptyPermission(rule: DemoRule): IpPermission {
  const ports = rule.ipProtocol === '-1' ? {} : { FromPort: rule.fromPort, ToPort: rule.toPort };
  return {
    ...ports,
    IpProtocol: rule.ipProtocol,
    IpRanges: [],
    Ipv6Ranges: [],
    PrefixListIds: [],
    UserIdGroupPairs: [],
  };
}

function addPeer(permission: IpPermission, rule: DemoRule, accountId: string): void {
  const description = rule.description === null ? {} : { Description: rule.description };
  const { kind, value } = rule.peer;
  if (kind === 'cidr4') permission.IpRanges.push({ CidrIp: value, ...description });
  if (kind === 'cidr6') permission.Ipv6Ranges.push({ CidrIpv6: value, ...description });
  if (kind === 'prefix-list')
    permission.PrefixListIds.push({ PrefixListId: value, ...description });
  if (kind === 'security-group') {
    permission.UserIdGroupPairs.push({ ...description, GroupId: value, UserId: accountId });
  }
}

/** `aws ec2 describe-security-group-rules` output. */
export function describeSecurityGroupRules(account: DemoAccount): { SecurityGroupRules: Json[] } {
  const { accountId, region } = account;
  const SecurityGroupRules = demoRules(account).map((rule) => ({
    SecurityGroupRuleId: rule.ruleId,
    GroupId: rule.groupId,
    GroupOwnerId: accountId,
    IsEgress: rule.direction === 'egress',
    IpProtocol: rule.ipProtocol,
    FromPort: rule.fromPort,
    ToPort: rule.toPort,
    ...rulePeer(rule, accountId),
    ...(rule.description === null ? {} : { Description: rule.description }),
    Tags: [],
    SecurityGroupRuleArn: `arn:aws:ec2:${region}:${accountId}:security-group-rule/${rule.ruleId}`,
  }));
  return { SecurityGroupRules };
}

function rulePeer(rule: DemoRule, accountId: string): Json {
  const { kind, value } = rule.peer;
  switch (kind) {
    case 'cidr4':
      return { CidrIpv4: value };
    case 'cidr6':
      return { CidrIpv6: value };
    case 'prefix-list':
      return { PrefixListId: value };
    case 'security-group':
      return { ReferencedGroupInfo: { GroupId: value, UserId: accountId } };
  }
}

/** `aws ec2 describe-network-interfaces` output. */
export function describeNetworkInterfaces(account: DemoAccount): { NetworkInterfaces: Json[] } {
  const groupNames = new Map(account.groups.map((group) => [group.groupId, group.groupName]));
  const NetworkInterfaces = account.interfaces.map((eni) => ({
    ...association(eni),
    Attachment: attachment(eni, account.accountId),
    AvailabilityZone: eni.subnet.availabilityZone,
    Description: eni.description,
    Groups: eni.groupIds.map((GroupId) => ({ GroupId, GroupName: groupNames.get(GroupId) })),
    InterfaceType: eni.interfaceType,
    Ipv6Addresses: eni.ipv6.map((Ipv6Address) => ({ Ipv6Address, IsPrimaryIpv6: false })),
    MacAddress: eni.macAddress,
    NetworkInterfaceId: eni.interfaceId,
    OwnerId: account.accountId,
    PrivateDnsName: privateDnsName(eni.primaryIpv4),
    PrivateIpAddress: eni.primaryIpv4,
    PrivateIpAddresses: privateIpAddresses(eni),
    ...(eni.owner === 'elb' ? { RequesterId: 'amazon-elb' } : {}),
    RequesterManaged: eni.owner !== 'instance',
    SourceDestCheck: eni.owner !== 'nat-gateway',
    Status: 'in-use',
    SubnetId: eni.subnet.subnetId,
    TagSet: eni.owner === 'instance' ? [{ Key: 'Name', Value: eni.name }] : [],
    VpcId: eni.vpcId,
  }));
  return { NetworkInterfaces };
}

function association(eni: DemoInterface): Json {
  if (eni.publicIp === null) return {};
  const dns = `ec2-${eni.publicIp.replaceAll('.', '-')}.compute-1.amazonaws.com`;
  return { Association: { IpOwnerId: 'amazon', PublicDnsName: dns, PublicIp: eni.publicIp } };
}

/** Who attached the interface, as `InstanceOwnerId` shows it for service-owned ones. */
const SERVICE_OWNER: Readonly<Record<DemoInterface['owner'], string | null>> = {
  instance: null,
  elb: 'amazon-elb',
  'vpc-endpoint': 'amazon-aws',
  'nat-gateway': 'amazon-aws',
};

function attachment(eni: DemoInterface, accountId: string): Json {
  const random = Random.derive(0, eni.interfaceId);
  const attached = new Date(
    Date.UTC(2026, random.int(0, 8), random.int(1, 28), random.int(0, 23), random.int(0, 59)),
  );

  return {
    AttachTime: attached.toISOString().replace('.000Z', '+00:00'),
    AttachmentId: `eni-attach-0${random.hex(16)}`,
    DeleteOnTermination: eni.owner === 'instance',
    DeviceIndex: eni.owner === 'instance' ? 0 : 1,
    NetworkCardIndex: 0,
    ...(eni.instanceId === null ? {} : { InstanceId: eni.instanceId }),
    InstanceOwnerId: SERVICE_OWNER[eni.owner] ?? accountId,
    Status: 'attached',
  };
}

function privateIpAddresses(eni: DemoInterface): Json[] {
  const addresses = [eni.primaryIpv4, ...eni.secondaryIpv4];
  return addresses.map((address, index) => ({
    ...(index === 0 ? association(eni) : {}),
    Primary: index === 0,
    PrivateDnsName: privateDnsName(address),
    PrivateIpAddress: address,
  }));
}

function privateDnsName(address: string): string {
  return `ip-${address.replaceAll('.', '-')}.ec2.internal`;
}

/** `Tags`, which the API leaves out for a group without tags. */
function tagsOf(tags: Readonly<Record<string, string>>): Json {
  const list = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
  return list.length === 0 ? {} : { Tags: list };
}

/** `aws ec2 get-managed-prefix-list-entries` output. */
export function managedPrefixListEntries(list: DemoPrefixList): { Entries: Json[] } {
  return {
    Entries: list.entries.map(({ cidr, description }) => ({
      Cidr: cidr,
      Description: description,
    })),
  };
}

/**
 * Writes the inventory directory that `stale-sg analyze --inventory` reads:
 * `security-groups.json`, `security-group-rules.json`,
 * `network-interfaces.json` and `<prefix-list-id>.json`. Returns the paths.
 */
export async function writeInventory(account: DemoAccount, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });

  const documents: [string, unknown][] = [
    ['security-groups.json', describeSecurityGroups(account)],
    ['security-group-rules.json', describeSecurityGroupRules(account)],
    ['network-interfaces.json', describeNetworkInterfaces(account)],
    ...account.prefixLists.map((list): [string, unknown] => [
      `${list.prefixListId}.json`,
      managedPrefixListEntries(list),
    ]),
  ];

  const paths: string[] = [];
  for (const [name, document] of documents) {
    const path = join(dir, name);
    // The AWS CLI indents its JSON output by four spaces.
    await writeFile(path, `${JSON.stringify(document, null, 4)}\n`);
    paths.push(path);
  }
  return paths;
}
