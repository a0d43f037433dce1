import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { loadInventoryDir } from '../../src/inventory/load-inventory.js';
import type { InventoryFiles } from './temp-inventory-dir.js';
import { useTempInventoryDirs } from './temp-inventory-dir.js';
import {
  ipPermission,
  networkInterface,
  securityGroup,
  securityGroupRule,
} from './aws-cli-output.js';

const SG = 'sg-000000000000000aa';
const GROUPS = { SecurityGroups: [securityGroup(SG)] };
const TOP_LEVEL_KEYS =
  'an object with one of the top-level keys SecurityGroups, SecurityGroupRules, ' +
  'NetworkInterfaces, Entries, PrefixLists (AWS CLI output)';

/** describe-security-groups output whose only group has these ingress permissions. */
function groupWithIngress(...permissions: unknown[]): InventoryFiles {
  return { 'groups.json': { SecurityGroups: [securityGroup(SG, { IpPermissions: permissions })] } };
}

/** Valid groups plus describe-security-group-rules output holding this rule. */
function ruleFile(rule: Record<string, unknown>): InventoryFiles {
  return { 'groups.json': GROUPS, 'rules.json': { SecurityGroupRules: [rule] } };
}

function withoutField(object: Record<string, unknown>, field: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([key]) => key !== field));
}

interface InvalidCase {
  readonly name: string;
  readonly files: InventoryFiles;
  /** The file the message must name. */
  readonly file: string;
  /** The message after the file name. */
  readonly message: string;
}

const cases: InvalidCase[] = [
  {
    name: 'a file that is not JSON',
    files: { 'groups.json': '{"SecurityGroups": [}' },
    file: 'groups.json',
    message: ':1:21: not valid JSON: expected a JSON value, found "}"',
  },
  {
    name: 'an unknown top-level key',
    files: { 'groups.json': GROUPS, 'instances.json': { Reservations: [] } },
    file: 'instances.json',
    message: `: $: expected ${TOP_LEVEL_KEYS}, found the keys "Reservations"`,
  },
  {
    name: 'a bare array, as `--query SecurityGroups` prints',
    files: { 'groups.json': [securityGroup(SG)] },
    file: 'groups.json',
    message: `: $: expected ${TOP_LEVEL_KEYS}, found an array`,
  },
  {
    name: 'two kinds in one file',
    files: { 'both.json': { ...GROUPS, NetworkInterfaces: [] } },
    file: 'both.json',
    message: `: $: expected ${TOP_LEVEL_KEYS}, found SecurityGroups and NetworkInterfaces`,
  },
  {
    name: 'a list that is not an array',
    files: { 'groups.json': { SecurityGroups: { GroupId: SG } } },
    file: 'groups.json',
    message: ': $.SecurityGroups: expected an array, found an object',
  },
  {
    name: 'a group without GroupId',
    files: {
      'groups.json': {
        SecurityGroups: [securityGroup(SG), withoutField(securityGroup(SG), 'GroupId')],
      },
    },
    file: 'groups.json',
    message:
      ': $.SecurityGroups[1].GroupId: expected a non-empty string, found nothing (the field is missing)',
  },
  {
    name: 'a tag without Key',
    files: { 'groups.json': { SecurityGroups: [securityGroup(SG, { Tags: [{ Value: 'x' }] })] } },
    file: 'groups.json',
    message:
      ': $.SecurityGroups[0].Tags[0].Key: expected a non-empty string, found nothing (the field is missing)',
  },
  {
    name: 'FromPort as a string',
    files: groupWithIngress(
      ipPermission('tcp', { FromPort: '22', ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }),
    ),
    file: 'groups.json',
    message: ': $.SecurityGroups[0].IpPermissions[0].FromPort: expected an integer, found "22"',
  },
  {
    name: 'a port above 65535',
    files: groupWithIngress(ipPermission('udp', { FromPort: 53, ToPort: 70000 })),
    file: 'groups.json',
    message:
      ': $.SecurityGroups[0].IpPermissions[0].ToPort: expected a port from 0 to 65535, or -1, found 70000',
  },
  {
    name: 'ToPort below FromPort',
    files: groupWithIngress(ipPermission('tcp', { FromPort: 443, ToPort: 80 })),
    file: 'groups.json',
    message:
      ': $.SecurityGroups[0].IpPermissions[0].ToPort: expected a port at or above FromPort 443, found 80',
  },
  {
    name: 'an unknown protocol',
    files: groupWithIngress(ipPermission('tcpp')),
    file: 'groups.json',
    message:
      ': $.SecurityGroups[0].IpPermissions[0].IpProtocol: expected an IP protocol ' +
      '(tcp, udp, icmp, icmpv6, -1 or a number 0 to 255), found "tcpp"',
  },
  {
    name: 'a CIDR that does not parse',
    files: groupWithIngress(
      ipPermission('tcp', {
        FromPort: 22,
        ToPort: 22,
        IpRanges: [{ CidrIp: '10.0.0.0/8' }, { CidrIp: '10.0.0' }],
      }),
    ),
    file: 'groups.json',
    message:
      ': $.SecurityGroups[0].IpPermissions[0].IpRanges[1].CidrIp: expected a CIDR block, found "10.0.0"',
  },
  {
    name: 'an IPv4 CIDR in Ipv6Ranges',
    files: groupWithIngress(ipPermission('-1', { Ipv6Ranges: [{ CidrIpv6: '10.0.0.0/8' }] })),
    file: 'groups.json',
    message:
      ': $.SecurityGroups[0].IpPermissions[0].Ipv6Ranges[0].CidrIpv6: ' +
      'expected an IPv6 CIDR block, found "10.0.0.0/8" (an IPv4 block)',
  },
  {
    name: 'a long value, cut short',
    files: groupWithIngress(ipPermission('-1', { IpRanges: [{ CidrIp: 'x'.repeat(500) }] })),
    file: 'groups.json',
    message: `: $.SecurityGroups[0].IpPermissions[0].IpRanges[0].CidrIp: expected a CIDR block, found "${'x'.repeat(60)}..." (500 characters)`,
  },
  {
    name: 'a rule without IsEgress',
    files: ruleFile(withoutField(securityGroupRule('sgr-01', SG), 'IsEgress')),
    file: 'rules.json',
    message:
      ': $.SecurityGroupRules[0].IsEgress: expected true or false, found nothing (the field is missing)',
  },
  {
    name: 'IsEgress as a string',
    files: ruleFile(securityGroupRule('sgr-01', SG, { IsEgress: 'false' })),
    file: 'rules.json',
    message: ': $.SecurityGroupRules[0].IsEgress: expected true or false, found "false"',
  },
  {
    name: 'an IPv6 CIDR in CidrIpv4',
    files: ruleFile(securityGroupRule('sgr-01', SG, { CidrIpv4: '2001:db8::/32' })),
    file: 'rules.json',
    message:
      ': $.SecurityGroupRules[0].CidrIpv4: expected an IPv4 CIDR block, ' +
      'found "2001:db8::/32" (an IPv6 block)',
  },
  {
    name: 'a rule without a peer',
    files: ruleFile(withoutField(securityGroupRule('sgr-01', SG), 'CidrIpv4')),
    file: 'rules.json',
    message:
      ': $.SecurityGroupRules[0]: expected exactly one of CidrIpv4, CidrIpv6, PrefixListId ' +
      'or ReferencedGroupInfo, found none of them',
  },
  {
    name: 'a rule with two peers',
    files: ruleFile(securityGroupRule('sgr-01', SG, { PrefixListId: 'pl-0a1b2c3d' })),
    file: 'rules.json',
    message:
      ': $.SecurityGroupRules[0]: expected exactly one of CidrIpv4, CidrIpv6, PrefixListId ' +
      'or ReferencedGroupInfo, found CidrIpv4 and PrefixListId',
  },
  {
    name: 'ReferencedGroupInfo without GroupId',
    files: ruleFile(
      securityGroupRule('sgr-01', SG, {
        CidrIpv4: undefined,
        ReferencedGroupInfo: { UserId: '1' },
      }),
    ),
    file: 'rules.json',
    message:
      ': $.SecurityGroupRules[0].ReferencedGroupInfo.GroupId: expected a non-empty string, ' +
      'found nothing (the field is missing)',
  },
  {
    name: 'a rule of a group that describe-security-groups does not list',
    files: {
      'groups.json': GROUPS,
      'rules.json': {
        SecurityGroupRules: [
          securityGroupRule('sgr-01', SG),
          securityGroupRule('sgr-02', 'sg-0000000000000dead'),
        ],
      },
    },
    file: 'rules.json',
    message:
      ': $.SecurityGroupRules[1].GroupId: expected the id of a group in ' +
      'aws ec2 describe-security-groups output, found "sg-0000000000000dead"',
  },
  {
    name: 'an interface without NetworkInterfaceId',
    files: {
      'groups.json': GROUPS,
      'enis.json': {
        NetworkInterfaces: [withoutField(networkInterface('eni-1', [SG]), 'NetworkInterfaceId')],
      },
    },
    file: 'enis.json',
    message:
      ': $.NetworkInterfaces[0].NetworkInterfaceId: expected a non-empty string, found nothing (the field is missing)',
  },
  {
    name: 'a secondary address that is not IPv4',
    files: {
      'groups.json': GROUPS,
      'enis.json': {
        NetworkInterfaces: [
          networkInterface('eni-1', [SG], {
            PrivateIpAddresses: [
              { Primary: true, PrivateIpAddress: '10.0.0.10' },
              { PrivateIpAddress: 'fe80::1' },
            ],
          }),
        ],
      },
    },
    file: 'enis.json',
    message:
      ': $.NetworkInterfaces[0].PrivateIpAddresses[1].PrivateIpAddress: expected an IPv4 address, found "fe80::1"',
  },
  {
    name: 'a prefix list entry without Cidr',
    files: { 'groups.json': GROUPS, 'pl-0a1b2c3d.json': { Entries: [{ Description: 'office' }] } },
    file: 'pl-0a1b2c3d.json',
    message:
      ': $.Entries[0].Cidr: expected a non-empty string, found nothing (the field is missing)',
  },
  {
    name: 'prefix list entries in a file not named after the list',
    files: { 'groups.json': GROUPS, 'entries.json': { Entries: [{ Cidr: '10.0.0.0/8' }] } },
    file: 'entries.json',
    message:
      ': expected a file named after its prefix list, such as pl-0a1b2c3d.json, for ' +
      'aws ec2 get-managed-prefix-list-entries output (which does not name the list), ' +
      'found the name "entries.json"',
  },
];

describe('invalid inventory files', () => {
  const writeDir = useTempInventoryDirs();

  it.each(cases)(
    'rejects $name, naming the file and JSON path',
    async ({ files, file, message }) => {
      const dir = await writeDir(files);

      await expect(loadInventoryDir(dir)).rejects.toMatchObject({
        name: 'StaleSgError',
        code: 'INVALID_INVENTORY',
        message: join(dir, file) + message,
      });
    },
  );

  it('requires describe-security-groups output even when rules are present', async () => {
    const dir = await writeDir({
      'rules.json': { SecurityGroupRules: [securityGroupRule('sgr-01', SG)] },
      'enis.json': { NetworkInterfaces: [] },
    });

    await expect(loadInventoryDir(dir)).rejects.toMatchObject({
      code: 'INVALID_INVENTORY',
      message:
        'aws ec2 describe-security-groups output is required (a JSON file with the top-level ' +
        `key SecurityGroups); found only ${join(dir, 'enis.json')} (NetworkInterfaces), ` +
        `${join(dir, 'rules.json')} (SecurityGroupRules)`,
    });
  });
});
