/**
 * One security group per payload, written into an inventory directory of
 * AWS CLI exports: the payload is the group's name, its description, a tag
 * key, the values of that tag and of `Name`, and the description of its one
 * rule. The groups are attached to interfaces that the flow logs cover, and
 * the rule allows all traffic from `::/0`, which those IPv4-only interfaces
 * never see: every hostile rule is stale and risky, and ranks above the
 * demo's rules in the findings email, which lists the riskiest first.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { PAYLOADS, type Payload } from './payloads.js';

export interface HostileGroup {
  readonly groupId: string;
  readonly ruleId: string;
  readonly payload: Payload;
}

/** `sg-0badc0de000000007`: AWS's form, recognisable in a report. */
export const HOSTILE_GROUPS: readonly HostileGroup[] = PAYLOADS.map((payload, index) => {
  const suffix = `0badc0de${index.toString(16).padStart(9, '0')}`;
  return { groupId: `sg-${suffix}`, ruleId: `sgr-${suffix}`, payload };
});

/** The demo's group whose interfaces get the hostile groups as well. */
const HOST_GROUP_NAME = 'prod-db';

interface GroupJson {
  GroupId: string;
  GroupName: string;
  OwnerId?: string;
  VpcId?: string;
}

interface InterfaceJson {
  Groups: { GroupId: string; GroupName: string }[];
  Ipv6Addresses?: unknown[];
}

/** Adds `HOSTILE_GROUPS` to the demo inventory in `inventoryDir`. */
export async function addHostileGroups(inventoryDir: string): Promise<void> {
  const groupsFile = join(inventoryDir, 'security-groups.json');
  const groups = await readJson<{ SecurityGroups: GroupJson[] }>(groupsFile);
  const host = groups.SecurityGroups.find((group) => group.GroupName === HOST_GROUP_NAME);
  if (host === undefined) throw new Error(`the demo has no group ${HOST_GROUP_NAME}`);
  groups.SecurityGroups.push(...HOSTILE_GROUPS.map((group) => groupJson(group, host)));
  await writeFile(groupsFile, JSON.stringify(groups));

  const rulesFile = join(inventoryDir, 'security-group-rules.json');
  const rules = await readJson<{ SecurityGroupRules: unknown[] }>(rulesFile);
  rules.SecurityGroupRules.push(...HOSTILE_GROUPS.map((group) => ruleJson(group, host)));
  await writeFile(rulesFile, JSON.stringify(rules));

  const interfacesFile = join(inventoryDir, 'network-interfaces.json');
  const interfaces = await readJson<{ NetworkInterfaces: InterfaceJson[] }>(interfacesFile);
  const hosts = interfaces.NetworkInterfaces.filter((eni) =>
    eni.Groups.some((group) => group.GroupId === host.GroupId),
  );
  if (hosts.length === 0 || hosts.some((eni) => (eni.Ipv6Addresses ?? []).length > 0)) {
    throw new Error(`the interfaces of ${HOST_GROUP_NAME} should be there, IPv4 only`);
  }
  for (const eni of hosts) {
    eni.Groups.push(
      ...HOSTILE_GROUPS.map(({ groupId, payload }) => ({
        GroupId: groupId,
        GroupName: payload.raw,
      })),
    );
  }
  await writeFile(interfacesFile, JSON.stringify(interfaces));
}

function groupJson({ groupId, payload }: HostileGroup, host: GroupJson) {
  return {
    GroupId: groupId,
    GroupName: payload.raw,
    Description: payload.raw,
    OwnerId: host.OwnerId,
    VpcId: host.VpcId,
    IpPermissions: [
      {
        IpProtocol: '-1',
        IpRanges: [],
        Ipv6Ranges: [{ CidrIpv6: '::/0', Description: payload.raw }],
        PrefixListIds: [],
        UserIdGroupPairs: [],
      },
    ],
    IpPermissionsEgress: [],
    Tags: [
      { Key: 'Name', Value: payload.raw },
      { Key: payload.raw, Value: payload.raw },
    ],
  };
}

function ruleJson({ groupId, ruleId, payload }: HostileGroup, host: GroupJson) {
  return {
    SecurityGroupRuleId: ruleId,
    GroupId: groupId,
    GroupOwnerId: host.OwnerId,
    IsEgress: false,
    IpProtocol: '-1',
    FromPort: -1,
    ToPort: -1,
    CidrIpv6: '::/0',
    Description: payload.raw,
    Tags: [],
  };
}

async function readJson<T>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, 'utf8')) as T;
}
