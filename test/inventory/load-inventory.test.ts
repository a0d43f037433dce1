import { copyFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import type { SecurityGroupRule } from '../../src/inventory/inventory.js';
import { loadInventoryDir } from '../../src/inventory/load-inventory.js';
import { protocolLabel } from '../../src/inventory/protocol.js';
import { securityGroup } from './aws-cli-output.js';
import { useTempInventoryDirs } from './temp-inventory-dir.js';

const REALISTIC = fileURLToPath(new URL('../fixtures/inventory/realistic', import.meta.url));

const DEFAULT = 'sg-0a1b2c3d4e5f60001';
const WEB = 'sg-0a1b2c3d4e5f60002';
const APP = 'sg-0a1b2c3d4e5f60003';
const DB = 'sg-0a1b2c3d4e5f60004';
const BATCH = 'sg-0a1b2c3d4e5f60005';
const PREFIX_LIST = 'pl-0a1b2c3d4e5f60718';

/** A rule on one line: id, group, direction, protocol, ports, peer. */
function ruleLine(rule: SecurityGroupRule): string {
  const ports = rule.fromPort === null ? '-' : `${rule.fromPort}..${rule.toPort}`;
  const { ruleId, groupId, direction, peer } = rule;
  return `${ruleId} ${groupId} ${direction} ${protocolLabel(rule.protocol)} ${ports} ${peer.kind} ${peer.value}`;
}

describe('loadInventoryDir on a realistic AWS CLI export', () => {
  it('reads every group with its name, VPC, owner, description and tags', async () => {
    const { inventory } = await loadInventoryDir(REALISTIC);

    expect(inventory.groups.map((group) => group.groupId)).toEqual([DEFAULT, WEB, APP, DB, BATCH]);
    expect(inventory.groups[1]).toEqual({
      groupId: WEB,
      groupName: 'web-alb',
      vpcId: 'vpc-0c1d2e3f4a5b6c7d8',
      ownerId: '123456789012',
      description: 'Public application load balancer',
      tags: { Name: 'web-alb', team: 'platform' },
    });
    expect(inventory.groups[0]?.tags).toEqual({});
  });

  it('takes the rules from describe-security-group-rules, ingress before egress', async () => {
    const { inventory } = await loadInventoryDir(REALISTIC);

    expect(inventory.rules.map(ruleLine)).toEqual([
      `sgr-0d00000000000a001 ${DEFAULT} ingress all - security-group ${DEFAULT}`,
      `sgr-0d00000000000a002 ${DEFAULT} egress all - cidr4 0.0.0.0/0`,
      `sgr-0d00000000000b001 ${WEB} ingress tcp 443..443 cidr4 0.0.0.0/0`,
      `sgr-0d00000000000b002 ${WEB} ingress tcp 443..443 cidr6 ::/0`,
      `sgr-0d00000000000b003 ${WEB} ingress tcp 80..80 cidr4 0.0.0.0/0`,
      `sgr-0d00000000000b004 ${WEB} ingress icmp 3..4 cidr4 10.0.0.0/16`,
      `sgr-0d00000000000b005 ${WEB} ingress icmpv6 -1..-1 cidr6 2600:1f18:abcd::/56`,
      `sgr-0d00000000000b006 ${WEB} egress tcp 8080..8080 security-group ${APP}`,
      `sgr-0d00000000000c001 ${APP} ingress tcp 8080..8080 security-group ${WEB}`,
      `sgr-0d00000000000c002 ${APP} ingress tcp 22..22 prefix-list ${PREFIX_LIST}`,
      `sgr-0d00000000000c003 ${APP} ingress tcp 7000..7001 security-group ${APP}`,
      `sgr-0d00000000000c004 ${APP} egress all - cidr4 0.0.0.0/0`,
      `sgr-0d00000000000c005 ${APP} egress all - cidr6 ::/0`,
      `sgr-0d00000000000c006 ${APP} egress tcp 5432..5432 security-group ${DB}`,
      `sgr-0d00000000000d001 ${DB} ingress tcp 5432..5432 security-group ${APP}`,
      `sgr-0d00000000000e001 ${BATCH} ingress udp 514..514 cidr4 10.20.0.0/16`,
      `sgr-0d00000000000e002 ${BATCH} egress all - cidr4 0.0.0.0/0`,
    ]);
  });

  it('keeps descriptions and marks API rules as not derived', async () => {
    const { inventory } = await loadInventoryDir(REALISTIC);

    expect(inventory.rules.find((rule) => rule.ruleId === 'sgr-0d00000000000b004')).toEqual({
      ruleId: 'sgr-0d00000000000b004',
      groupId: WEB,
      direction: 'ingress',
      protocol: 1,
      fromPort: 3,
      toPort: 4,
      peer: { kind: 'cidr4', value: '10.0.0.0/16' },
      description: 'Path MTU discovery',
      derived: false,
    });
    expect(inventory.rules.filter((rule) => rule.description === null)).toHaveLength(6);
    expect(inventory.rules.every((rule) => !rule.derived)).toBe(true);
  });

  it('reads every address of each interface and the groups attached to it', async () => {
    const { inventory } = await loadInventoryDir(REALISTIC);

    expect(inventory.interfaces).toEqual([
      {
        interfaceId: 'eni-0f1e2d3c4b5a60001',
        vpcId: 'vpc-0c1d2e3f4a5b6c7d8',
        groupIds: [WEB],
        addresses: ['10.0.1.25', '2600:1f18:abcd:100::25'],
        description: 'ELB app/web-alb/50dc6c495c0c9188',
      },
      {
        interfaceId: 'eni-0f1e2d3c4b5a60002',
        vpcId: 'vpc-0c1d2e3f4a5b6c7d8',
        groupIds: [APP, DEFAULT],
        addresses: [
          '10.0.2.10',
          '10.0.2.11',
          '10.0.2.12',
          '2600:1f18:abcd:200::a',
          '2600:1f18:abcd:200::b',
        ],
        description: 'Primary network interface',
      },
      {
        interfaceId: 'eni-0f1e2d3c4b5a60003',
        vpcId: 'vpc-0c1d2e3f4a5b6c7d8',
        groupIds: [DB],
        addresses: ['10.0.3.40'],
        description: 'RDSNetworkInterface',
      },
    ]);
  });

  it('takes prefix list entries from the file named after the list, with no warnings', async () => {
    const { inventory, warnings } = await loadInventoryDir(REALISTIC);

    expect(inventory.prefixLists).toEqual([
      { prefixListId: PREFIX_LIST, cidrs: ['198.51.100.16/28', '203.0.113.0/24'] },
    ]);
    expect(warnings).toEqual([]);
  });
});

describe('loadInventoryDir on the same export without describe-security-group-rules', () => {
  const writeDir = useTempInventoryDirs();

  /** The realistic fixture, less its describe-security-group-rules output. */
  async function withoutRulesFile(): Promise<string> {
    const dir = await writeDir({});
    const names = await readdir(REALISTIC);
    for (const name of names.filter((n) => n !== 'security-group-rules.json')) {
      await copyFile(join(REALISTIC, name), join(dir, name));
    }
    return dir;
  }

  /** What a rule allows, without the id that only AWS can give. */
  function traffic({ ruleId: _, derived: __, ...rest }: SecurityGroupRule) {
    return rest;
  }

  it('derives from IpPermissions the same rules that AWS lists', async () => {
    const fromApi = await loadInventoryDir(REALISTIC);
    const derived = await loadInventoryDir(await withoutRulesFile());

    const sortedTraffic = (rules: readonly SecurityGroupRule[]) =>
      rules.map(traffic).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
    expect(sortedTraffic(derived.inventory.rules)).toEqual(sortedTraffic(fromApi.inventory.rules));
    expect(derived.inventory.rules.every((rule) => rule.derived)).toBe(true);
    expect(derived.warnings).toEqual([]);
  });
});

describe('loadInventoryDir on the directory itself', () => {
  const writeDir = useTempInventoryDirs();
  const groups = { SecurityGroups: [securityGroup('sg-0000000000000000a')] };

  it('ignores files that are not *.json', async () => {
    const dir = await writeDir({
      'groups.json': groups,
      'notes.txt': 'not JSON at all',
      'groups.json.bak': '{',
    });

    const { inventory } = await loadInventoryDir(dir);

    expect(inventory.groups.map((group) => group.groupId)).toEqual(['sg-0000000000000000a']);
  });

  it('rejects an empty directory', async () => {
    const dir = await writeDir({});

    await expect(loadInventoryDir(dir)).rejects.toMatchObject({
      code: 'INVALID_INVENTORY',
      message: `${dir}: no *.json files; expected AWS CLI JSON output, at least that of aws ec2 describe-security-groups`,
    });
  });

  it('reports a missing directory as NOT_FOUND', async () => {
    const dir = await writeDir({});
    const missing = join(dir, 'nothing-here');

    await expect(loadInventoryDir(missing)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining(`${missing}: cannot read the inventory directory: ENOENT`),
    });
  });

  it.each([
    [
      'a missing comma',
      '{\n    "SecurityGroups": [\n        {} {}\n    ]\n}',
      "3:12: not valid JSON: expected ',' or ']', found \"{\"",
    ],
    [
      'a trailing comma',
      '{\n  "SecurityGroups": [],\n}\n',
      '3:1: not valid JSON: expected a property name in double quotes, found "}"',
    ],
    [
      'a cut-off file',
      '{ "SecurityGroups": [',
      '1:22: not valid JSON: expected a JSON value, found the end of the file',
    ],
    [
      'an unquoted key',
      '{ SecurityGroups: [] }',
      '1:3: not valid JSON: expected a property name in double quotes, found "S"',
    ],
  ])('names the file, line and column of %s', async (_, text, expected) => {
    const dir = await writeDir({ 'groups.json': text });

    await expect(loadInventoryDir(dir)).rejects.toMatchObject({
      code: 'INVALID_INVENTORY',
      message: `${join(dir, 'groups.json')}:${expected}`,
    });
  });

  it.each([
    ['UTF-8 with a byte order mark', Buffer.from(`\uFEFF${JSON.stringify(groups)}`, 'utf8')],
    [
      'UTF-16 as Windows PowerShell writes it',
      Buffer.from(`\uFEFF${JSON.stringify(groups)}`, 'utf16le'),
    ],
  ])('reads %s', async (_, bytes) => {
    const dir = await writeDir({ 'groups.json': bytes });

    const { inventory } = await loadInventoryDir(dir);

    expect(inventory.groups).toHaveLength(1);
  });
});
