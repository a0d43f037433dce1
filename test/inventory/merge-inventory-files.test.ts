import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { loadInventoryDir, parseInventoryDocuments } from '../../src/inventory/load-inventory.js';
import { networkInterface, securityGroup, securityGroupRule } from './aws-cli-output.js';
import { useTempInventoryDirs } from './temp-inventory-dir.js';

const SG_A = 'sg-000000000000000aa';
const SG_B = 'sg-000000000000000bb';
const SG_C = 'sg-000000000000000cc';

describe('several files of one kind', () => {
  const writeDir = useTempInventoryDirs();

  it('merges groups from two describe-security-groups outputs, one copy per id', async () => {
    const dir = await writeDir({
      'us-east-1a.json': { SecurityGroups: [securityGroup(SG_A), securityGroup(SG_B)] },
      'us-east-1b.json': { SecurityGroups: [securityGroup(SG_B), securityGroup(SG_C)] },
    });

    const { inventory, warnings } = await loadInventoryDir(dir);

    expect(inventory.groups.map((group) => group.groupId)).toEqual([SG_A, SG_B, SG_C]);
    expect(warnings).toEqual([]);
  });

  it('merges pages of describe-security-group-rules and ignores NextToken', async () => {
    const dir = await writeDir({
      'groups.json': { SecurityGroups: [securityGroup(SG_A), securityGroup(SG_B)] },
      'rules-page-1.json': {
        SecurityGroupRules: [securityGroupRule('sgr-0000000000000001', SG_A)],
        NextToken: 'eyJOZXh0VG9rZW4iOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAxfQ==',
      },
      'rules-page-2.json': {
        SecurityGroupRules: [
          securityGroupRule('sgr-0000000000000002', SG_B, { FromPort: 22, ToPort: 22 }),
        ],
      },
    });

    const { inventory } = await loadInventoryDir(dir);

    expect(inventory.rules.map((rule) => [rule.ruleId, rule.groupId, rule.fromPort])).toEqual([
      ['sgr-0000000000000001', SG_A, 443],
      ['sgr-0000000000000002', SG_B, 22],
    ]);
  });

  it('lets the last file in name order win a conflict, and warns', async () => {
    const dir = await writeDir({
      'b-later.json': { SecurityGroups: [securityGroup(SG_A, { Description: 'after the edit' })] },
      'a-earlier.json': {
        SecurityGroups: [securityGroup(SG_A, { Description: 'before the edit' })],
      },
    });

    const { inventory, warnings } = await loadInventoryDir(dir);

    expect(inventory.groups.map((group) => group.description)).toEqual(['after the edit']);
    expect(warnings).toEqual([
      `security group ${SG_A} appears in ${join(dir, 'a-earlier.json')} ($.SecurityGroups[0]) ` +
        `and ${join(dir, 'b-later.json')} ($.SecurityGroups[0]) with different content; using the latter`,
    ]);
  });

  it('merges network interfaces the same way', async () => {
    const dir = await writeDir({
      'groups.json': { SecurityGroups: [securityGroup(SG_A)] },
      'enis-1.json': { NetworkInterfaces: [networkInterface('eni-01', [SG_A])] },
      'enis-2.json': {
        NetworkInterfaces: [
          networkInterface('eni-01', [SG_A]),
          networkInterface('eni-02', [SG_A], {
            PrivateIpAddress: '10.0.0.20',
            PrivateIpAddresses: [{ Primary: true, PrivateIpAddress: '10.0.0.20' }],
          }),
        ],
      },
    });

    const { inventory, warnings } = await loadInventoryDir(dir);

    expect(inventory.interfaces.map((eni) => [eni.interfaceId, eni.addresses])).toEqual([
      ['eni-01', ['10.0.0.10']],
      ['eni-02', ['10.0.0.20']],
    ]);
    expect(warnings).toEqual([]);
  });

  it('orders documents by file name whatever order they are given in', () => {
    const earlier = {
      file: 'a.json',
      json: { SecurityGroups: [securityGroup(SG_A, { GroupName: 'first' })] },
    };
    const later = {
      file: 'b.json',
      json: { SecurityGroups: [securityGroup(SG_A, { GroupName: 'second' })] },
    };

    const forwards = parseInventoryDocuments([earlier, later]);
    const backwards = parseInventoryDocuments([later, earlier]);

    expect(backwards).toEqual(forwards);
    expect(forwards.inventory.groups[0]?.groupName).toBe('second');
  });
});
