import { describe, expect, it } from 'vitest';

import type { InventoryFile } from '../../src/inventory/load-inventory.js';
import { parseInventoryDocuments } from '../../src/inventory/load-inventory.js';
import {
  ipPermission,
  networkInterface,
  OWNER_ID,
  securityGroup,
  securityGroupRule,
} from './aws-cli-output.js';

const SG_A = 'sg-000000000000000aa';
const SG_B = 'sg-000000000000000bb';

const groups: InventoryFile = {
  file: 'groups.json',
  json: { SecurityGroups: [securityGroup(SG_B), securityGroup(SG_A)] },
};

describe('parseInventoryDocuments', () => {
  it('reads every address of an interface once, in canonical form', () => {
    const eni = networkInterface('eni-01', [SG_A, SG_A], {
      PrivateIpAddress: '10.0.0.10',
      PrivateIpAddresses: [
        { Primary: true, PrivateIpAddress: '10.0.0.10' },
        { Primary: false, PrivateIpAddress: '10.0.0.11' },
      ],
      Ipv6Addresses: [{ Ipv6Address: '2600:1F18:0ABC:0000:0000:0000:0000:0001' }],
    });

    const { inventory } = parseInventoryDocuments([
      groups,
      { file: 'enis.json', json: { NetworkInterfaces: [eni] } },
    ]);

    expect(inventory.interfaces).toEqual([
      {
        interfaceId: 'eni-01',
        vpcId: 'vpc-0c1d2e3f4a5b6c7d8',
        groupIds: [SG_A],
        addresses: ['10.0.0.10', '10.0.0.11', '2600:1f18:abc::1'],
        description: null,
      },
    ]);
  });

  it('keeps prefix list entries of both families, host bits cleared', () => {
    const entries = { Entries: [{ Cidr: '10.1.2.3/16' }, { Cidr: '2001:DB8::/32' }] };

    const { inventory } = parseInventoryDocuments([
      groups,
      { file: 'lists/pl-0123abcd.json', json: entries },
      { file: 'lists.json', json: { PrefixLists: [{ PrefixListId: 'pl-0123abcd' }] } },
    ]);

    expect(inventory.prefixLists).toEqual([
      { prefixListId: 'pl-0123abcd', cidrs: ['10.1.0.0/16', '2001:db8::/32'] },
    ]);
  });

  it('treats null like an absent optional field', () => {
    const group = securityGroup(SG_A, { VpcId: null, Description: null, Tags: null });

    const { inventory } = parseInventoryDocuments([
      { file: 'groups.json', json: { SecurityGroups: [group] } },
    ]);

    expect(inventory.groups[0]).toMatchObject({ vpcId: null, description: null, tags: {} });
  });

  it('sorts groups, rules and interfaces by id, ingress rules first', () => {
    const rules = [
      securityGroupRule('sgr-03', SG_B),
      securityGroupRule('sgr-02', SG_A, { IsEgress: true }),
      securityGroupRule('sgr-04', SG_A),
      securityGroupRule('sgr-01', SG_B, { IsEgress: true }),
    ];
    const enis = [networkInterface('eni-02', [SG_A]), networkInterface('eni-01', [SG_B])];

    const { inventory } = parseInventoryDocuments([
      groups,
      { file: 'rules.json', json: { SecurityGroupRules: rules } },
      { file: 'enis.json', json: { NetworkInterfaces: enis } },
    ]);

    expect(inventory.groups.map((group) => group.groupId)).toEqual([SG_A, SG_B]);
    expect(inventory.rules.map((rule) => rule.ruleId)).toEqual([
      'sgr-04',
      'sgr-02',
      'sgr-03',
      'sgr-01',
    ]);
    expect(inventory.interfaces.map((eni) => eni.interfaceId)).toEqual(['eni-01', 'eni-02']);
  });

  it('requires describe-security-groups output', () => {
    expect(() => parseInventoryDocuments([])).toThrow(
      'no inventory files were given; aws ec2 describe-security-groups output is required',
    );
  });
});

describe('warnings', () => {
  it('warns of a rule whose prefix list has no entries file', () => {
    const rule = securityGroupRule('sgr-0000000000000001', SG_A, {
      CidrIpv4: undefined,
      PrefixListId: 'pl-0000ffff',
    });

    const { inventory, warnings } = parseInventoryDocuments([
      groups,
      { file: 'rules.json', json: { SecurityGroupRules: [rule] } },
    ]);

    expect(inventory.rules).toHaveLength(1);
    expect(warnings).toEqual([
      'rule sgr-0000000000000001 references prefix list pl-0000ffff, but no pl-0000ffff.json ' +
        'entries file was found; the rule can match no traffic',
    ]);
  });

  it('warns of a derived rule whose prefix list has no entries file', () => {
    const group = securityGroup(SG_A, {
      IpPermissions: [ipPermission('-1', { PrefixListIds: [{ PrefixListId: 'pl-0000ffff' }] })],
    });

    const { inventory, warnings } = parseInventoryDocuments([
      { file: 'groups.json', json: { SecurityGroups: [group] } },
    ]);

    expect(warnings).toEqual([
      `rule ${inventory.rules[0]?.ruleId} references prefix list pl-0000ffff, but no ` +
        'pl-0000ffff.json entries file was found; the rule can match no traffic',
    ]);
  });

  it('warns of an interface attached to a group that no output lists', () => {
    const eni = networkInterface('eni-01', [SG_A, 'sg-0000000000000dead'], {
      Groups: [
        { GroupId: SG_A, GroupName: 'a' },
        { GroupId: 'sg-0000000000000dead', GroupName: 'other-account', UserId: OWNER_ID },
      ],
    });

    const { inventory, warnings } = parseInventoryDocuments([
      groups,
      { file: 'enis.json', json: { NetworkInterfaces: [eni] } },
    ]);

    expect(inventory.interfaces[0]?.groupIds).toEqual([SG_A, 'sg-0000000000000dead']);
    expect(warnings).toEqual([
      'network interface eni-01 is attached to security group sg-0000000000000dead, ' +
        'which no describe-security-groups output lists; its rules are unknown',
    ]);
  });
});
