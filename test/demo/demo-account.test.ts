import { describe, expect, it } from 'vitest';

import {
  describeNetworkInterfaces,
  describeSecurityGroupRules,
  describeSecurityGroups,
  managedPrefixListEntries,
  writeInventory,
} from '../../src/demo/aws-cli-documents.js';
import { buildDemoAccount, demoRules } from '../../src/demo/demo-account.js';
import { loadInventoryDir } from '../../src/inventory/load-inventory.js';
import { listFiles, withTempDir } from './demo-output.js';

// The documents are plain JSON; the tests read them as the loader would.
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const account = buildDemoAccount();
const groups: Json[] = describeSecurityGroups(account).SecurityGroups;
const rules: Json[] = describeSecurityGroupRules(account).SecurityGroupRules;
const interfaces: Json[] = describeNetworkInterfaces(account).NetworkInterfaces;

const PEER_KEYS = ['CidrIpv4', 'CidrIpv6', 'PrefixListId', 'ReferencedGroupInfo'];

/** Where a SecurityGroupRules entry must appear in its group's IpPermissions. */
function permissionPeer(rule: Json): [list: string, entry: Json] {
  if (rule.CidrIpv4 !== undefined) return ['IpRanges', { CidrIp: rule.CidrIpv4 }];
  if (rule.CidrIpv6 !== undefined) return ['Ipv6Ranges', { CidrIpv6: rule.CidrIpv6 }];
  if (rule.PrefixListId !== undefined)
    return ['PrefixListIds', { PrefixListId: rule.PrefixListId }];
  return ['UserIdGroupPairs', { GroupId: rule.ReferencedGroupInfo.GroupId }];
}

describe('the demo account', () => {
  it('has the size of a small real account', () => {
    expect(account.accountId).toBe('123456789012');
    expect(account.region).toBe('us-east-1');
    expect(account.vpcs.map((vpc) => vpc.cidr)).toEqual([
      '10.0.0.0/16',
      '10.1.0.0/16',
      '10.2.0.0/16',
    ]);
    expect(groups.length).toBeGreaterThanOrEqual(12);
    expect(groups.length).toBeLessThanOrEqual(18);
    expect(rules.length).toBeGreaterThanOrEqual(50);
    expect(rules.length).toBeLessThanOrEqual(80);
    expect(interfaces.length).toBeGreaterThanOrEqual(20);
    expect(interfaces.length).toBeLessThanOrEqual(30);
  });

  it('is the same for the same seed and differs for another', () => {
    expect(buildDemoAccount(42)).toEqual(account);
    const other = buildDemoAccount(7);
    expect(other.groups.map((group) => group.groupId)).not.toEqual(
      account.groups.map((group) => group.groupId),
    );
    expect(other.groups.map((group) => group.groupName)).toEqual(
      account.groups.map((group) => group.groupName),
    );
  });
});

describe('describe-security-group-rules output', () => {
  it('has unique sgr- ids of 17 hex digits', () => {
    const ids = rules.map((rule) => rule.SecurityGroupRuleId);
    for (const id of ids) expect(id).toMatch(/^sgr-[0-9a-f]{17}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every rule exactly one peer, and -1 ports for all protocols', () => {
    for (const rule of rules) {
      expect(PEER_KEYS.filter((key) => key in rule)).toHaveLength(1);
      expect(rule.GroupOwnerId).toBe('123456789012');
      expect(typeof rule.IsEgress).toBe('boolean');
      if (rule.IpProtocol === '-1') expect([rule.FromPort, rule.ToPort]).toEqual([-1, -1]);
    }
  });

  it('lists only rules that the groups IpPermissions show', () => {
    const byId = new Map(groups.map((group) => [group.GroupId, group]));
    for (const rule of rules) {
      const group = byId.get(rule.GroupId);
      expect(group, rule.SecurityGroupRuleId).toBeDefined();

      const permissions: Json[] = group?.[rule.IsEgress ? 'IpPermissionsEgress' : 'IpPermissions'];
      const [list, entry] = permissionPeer(rule);
      const matching = permissions.filter(
        (permission) =>
          permission.IpProtocol === rule.IpProtocol &&
          (permission.FromPort ?? -1) === rule.FromPort &&
          (permission.ToPort ?? -1) === rule.ToPort &&
          permission[list].some((peer: Json) =>
            Object.entries(entry).every(([k, v]) => peer[k] === v),
          ),
      );
      expect(matching, rule.SecurityGroupRuleId).toHaveLength(1);
    }
  });

  it('has as many rules as the IpPermissions list peers', () => {
    const peers = groups.flatMap((group) =>
      [...group.IpPermissions, ...group.IpPermissionsEgress].flatMap((permission: Json) => [
        ...permission.IpRanges,
        ...permission.Ipv6Ranges,
        ...permission.PrefixListIds,
        ...permission.UserIdGroupPairs,
      ]),
    );
    expect(peers).toHaveLength(rules.length);
  });
});

describe('describe-network-interfaces output', () => {
  it('attaches only groups that exist', () => {
    const groupIds = new Set(groups.map((group) => group.GroupId));
    for (const eni of interfaces) {
      expect(eni.NetworkInterfaceId).toMatch(/^eni-[0-9a-f]{17}$/);
      for (const group of eni.Groups) expect(groupIds.has(group.GroupId)).toBe(true);
    }
  });

  it('has interfaces with two groups, secondary addresses and IPv6 addresses', () => {
    expect(interfaces.filter((eni) => eni.Groups.length === 2).length).toBeGreaterThanOrEqual(4);
    expect(
      interfaces.filter((eni) => eni.PrivateIpAddresses.length > 1).length,
    ).toBeGreaterThanOrEqual(3);
    expect(interfaces.filter((eni) => eni.Ipv6Addresses.length > 0).length).toBeGreaterThanOrEqual(
      3,
    );
    for (const eni of interfaces) {
      const primary = eni.PrivateIpAddresses.filter((address: Json) => address.Primary);
      expect(primary).toEqual([
        expect.objectContaining({ PrivateIpAddress: eni.PrivateIpAddress }),
      ]);
    }
  });

  it('gives every address once', () => {
    const addresses = interfaces.flatMap((eni) => [
      ...eni.PrivateIpAddresses.map((address: Json) => address.PrivateIpAddress),
      ...eni.Ipv6Addresses.map((address: Json) => address.Ipv6Address),
    ]);
    expect(new Set(addresses).size).toBe(addresses.length);
  });
});

describe('the corporate prefix list', () => {
  it('has IPv4 entries and one IPv6 entry', () => {
    const [list] = account.prefixLists;
    expect(list?.prefixListId).toMatch(/^pl-[0-9a-f]{17}$/);
    const entries = list === undefined ? [] : managedPrefixListEntries(list).Entries;
    expect(entries.filter((entry) => String(entry.Cidr).includes(':'))).toHaveLength(1);
    expect(
      entries.filter((entry) => !String(entry.Cidr).includes(':')).length,
    ).toBeGreaterThanOrEqual(2);
  });

  it('is what the prefix-list rules name', () => {
    const ids = new Set(account.prefixLists.map((list) => list.prefixListId));
    const named = demoRules(account).filter((rule) => rule.peer.kind === 'prefix-list');
    expect(named.length).toBeGreaterThan(0);
    for (const rule of named) expect(ids.has(rule.peer.value)).toBe(true);
  });
});

describe('writeInventory', () => {
  it('writes the files that the inventory loader reads, without warnings', async () => {
    await withTempDir(async (dir) => {
      await writeInventory(account, dir);
      const pl = account.prefixLists[0]?.prefixListId;
      expect(await listFiles(dir)).toEqual(
        [
          `${pl}.json`,
          'network-interfaces.json',
          'security-group-rules.json',
          'security-groups.json',
        ].sort(),
      );

      const { inventory, warnings } = await loadInventoryDir(dir);
      expect(warnings).toEqual([]);
      expect(inventory.groups).toHaveLength(groups.length);
      expect(inventory.rules).toHaveLength(rules.length);
      expect(inventory.rules.every((rule) => !rule.derived)).toBe(true);
      expect(inventory.interfaces).toHaveLength(interfaces.length);
      expect(inventory.prefixLists[0]?.cidrs).toHaveLength(4);
    });
  });
});
