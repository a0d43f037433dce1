/**
 * A small but realistic account in two regions, in the SDK's output shapes
 * (which are the AWS CLI's): groups that reference each other and prefix
 * lists, an unattached group, interfaces with secondary IPv4 and several
 * IPv6 addresses, an AWS-managed and a customer-managed prefix list, and one
 * list that no rule references.
 */
import type {
  IpPermission,
  ManagedPrefixList,
  NetworkInterface,
  PrefixListEntry,
  SecurityGroup,
  SecurityGroupRule,
} from '@aws-sdk/client-ec2';

export const ACCOUNT_ID = '111122223333';
export const CALLER_ARN = `arn:aws:sts::${ACCOUNT_ID}:assumed-role/inventory-reader/stale-sg`;

/** What one region holds, as EC2 would return it over all pages. */
export interface RegionFixture {
  readonly securityGroups: SecurityGroup[];
  readonly securityGroupRules: SecurityGroupRule[];
  readonly networkInterfaces: NetworkInterface[];
  /** Every list in the region, referenced or not, with its entries. */
  readonly prefixLists: { prefixList: ManagedPrefixList; entries: PrefixListEntry[] }[];
}

export const US = {
  default: 'sg-0e10000000000a001',
  web: 'sg-0e10000000000a002',
  app: 'sg-0e10000000000a003',
  db: 'sg-0e10000000000a004',
  batch: 'sg-0e10000000000a005',
  corpVpn: 'pl-0f1e2d3c4b5a69788',
  s3: 'pl-63a5400a',
  dynamodb: 'pl-02cd2c6b',
  partners: 'pl-0a9b8c7d6e5f40321',
  vpc: 'vpc-0a1b2c3d4e5f60001',
} as const;

export const EU = {
  default: 'sg-0e20000000000b001',
  api: 'sg-0e20000000000b002',
  vpc: 'vpc-0b1c2d3e4f5a60002',
} as const;

type RuleFields = Omit<SecurityGroupRule, 'SecurityGroupRuleId' | 'GroupId'>;

function rule(region: string, id: string, groupId: string, fields: RuleFields): SecurityGroupRule {
  return {
    SecurityGroupRuleId: id,
    GroupId: groupId,
    GroupOwnerId: ACCOUNT_ID,
    IsEgress: false,
    SecurityGroupRuleArn: `arn:aws:ec2:${region}:${ACCOUNT_ID}:security-group-rule/${id}`,
    Tags: [],
    ...fields,
  };
}

const usRule = (id: string, groupId: string, fields: RuleFields) =>
  rule('us-east-1', id, groupId, fields);
const euRule = (id: string, groupId: string, fields: RuleFields) =>
  rule('eu-west-1', id, groupId, fields);

const tcp = (port: number) => ({ IpProtocol: 'tcp', FromPort: port, ToPort: port });
const all = { IpProtocol: '-1', FromPort: -1, ToPort: -1 };
const peerGroup = (groupId: string) => ({
  ReferencedGroupInfo: { GroupId: groupId, UserId: ACCOUNT_ID },
});

const US_RULES: SecurityGroupRule[] = [
  usRule('sgr-0a10000000000c001', US.default, { ...all, ...peerGroup(US.default) }),
  usRule('sgr-0a10000000000c002', US.default, {
    ...all,
    IsEgress: true,
    CidrIpv4: '0.0.0.0/0',
  }),
  usRule('sgr-0a10000000000c003', US.web, {
    ...tcp(443),
    CidrIpv4: '0.0.0.0/0',
    Description: 'HTTPS',
  }),
  usRule('sgr-0a10000000000c004', US.web, {
    ...tcp(443),
    CidrIpv6: '::/0',
    Description: 'HTTPS',
  }),
  usRule('sgr-0a10000000000c005', US.web, {
    ...tcp(8080),
    IsEgress: true,
    ...peerGroup(US.app),
  }),
  usRule('sgr-0a10000000000c006', US.app, { ...tcp(8080), ...peerGroup(US.web) }),
  usRule('sgr-0a10000000000c007', US.app, {
    ...tcp(22),
    PrefixListId: US.corpVpn,
    Description: 'SSH from the VPN',
  }),
  usRule('sgr-0a10000000000c008', US.app, {
    ...tcp(443),
    IsEgress: true,
    PrefixListId: US.s3,
  }),
  usRule('sgr-0a10000000000c009', US.app, {
    ...tcp(5432),
    IsEgress: true,
    ...peerGroup(US.db),
  }),
  usRule('sgr-0a10000000000c010', US.db, { ...tcp(5432), ...peerGroup(US.app) }),
  usRule('sgr-0a10000000000c011', US.batch, { ...tcp(9000), CidrIpv4: '10.20.0.0/16' }),
  usRule('sgr-0a10000000000c012', US.web, { ...tcp(443), PrefixListId: US.partners }),
];

const EU_RULES: SecurityGroupRule[] = [
  euRule('sgr-0b20000000000d001', EU.default, { ...all, ...peerGroup(EU.default) }),
  euRule('sgr-0b20000000000d002', EU.api, {
    ...tcp(443),
    CidrIpv6: '2a05:d018:aaaa::/48',
  }),
  euRule('sgr-0b20000000000d003', EU.api, {
    ...all,
    IsEgress: true,
    CidrIpv4: '0.0.0.0/0',
  }),
];

type Permission = IpPermission &
  Required<Pick<IpPermission, 'IpRanges' | 'Ipv6Ranges' | 'PrefixListIds' | 'UserIdGroupPairs'>>;

/** describe-security-groups' IpPermissions, grouped by protocol and ports as EC2 does. */
function ipPermissions(rules: readonly SecurityGroupRule[], egress: boolean): IpPermission[] {
  const permissions = new Map<string, Permission>();
  for (const r of rules.filter((candidate) => candidate.IsEgress === egress)) {
    const key = `${r.IpProtocol}/${r.FromPort}/${r.ToPort}`;
    const ports = r.IpProtocol === '-1' ? {} : { FromPort: r.FromPort, ToPort: r.ToPort };
    const permission = permissions.get(key) ?? {
      IpProtocol: r.IpProtocol,
      ...ports,
      IpRanges: [],
      Ipv6Ranges: [],
      PrefixListIds: [],
      UserIdGroupPairs: [],
    };
    if (r.CidrIpv4 !== undefined) permission.IpRanges.push({ CidrIp: r.CidrIpv4 });
    if (r.CidrIpv6 !== undefined) permission.Ipv6Ranges.push({ CidrIpv6: r.CidrIpv6 });
    if (r.PrefixListId !== undefined)
      permission.PrefixListIds.push({ PrefixListId: r.PrefixListId });
    if (r.ReferencedGroupInfo !== undefined) {
      permission.UserIdGroupPairs.push({
        GroupId: r.ReferencedGroupInfo.GroupId,
        UserId: ACCOUNT_ID,
      });
    }
    permissions.set(key, permission);
  }
  return [...permissions.values()];
}

function group(
  region: string,
  groupId: string,
  groupName: string,
  vpcId: string,
  rules: readonly SecurityGroupRule[],
): SecurityGroup {
  const own = rules.filter((candidate) => candidate.GroupId === groupId);
  return {
    GroupId: groupId,
    GroupName: groupName,
    Description: groupName === 'default' ? 'default VPC security group' : `${groupName} tier`,
    OwnerId: ACCOUNT_ID,
    VpcId: vpcId,
    IpPermissions: ipPermissions(own, false),
    IpPermissionsEgress: ipPermissions(own, true),
    Tags: groupName === 'default' ? undefined : [{ Key: 'team', Value: 'platform' }],
    SecurityGroupArn: `arn:aws:ec2:${region}:${ACCOUNT_ID}:security-group/${groupId}`,
  };
}

function eni(
  id: string,
  groups: readonly [string, string][],
  privateIps: readonly string[],
  ipv6: readonly string[],
  vpcId: string,
): NetworkInterface {
  return {
    NetworkInterfaceId: id,
    Attachment: {
      AttachTime: new Date('2024-03-02T09:15:12Z'),
      AttachmentId: `eni-attach-${id.slice(4)}`,
      DeleteOnTermination: true,
      DeviceIndex: 0,
      Status: 'attached',
    },
    Description: '',
    Groups: groups.map(([GroupId, GroupName]) => ({ GroupId, GroupName })),
    InterfaceType: 'interface',
    Ipv6Addresses: ipv6.map((Ipv6Address) => ({ Ipv6Address, IsPrimaryIpv6: false })),
    OwnerId: ACCOUNT_ID,
    PrivateIpAddress: privateIps[0],
    PrivateIpAddresses: privateIps.map((PrivateIpAddress, index) => ({
      Primary: index === 0,
      PrivateIpAddress,
    })),
    Status: 'in-use',
    VpcId: vpcId,
    TagSet: [],
  };
}

function prefixList(id: string, name: string, owner: string, cidrs: readonly string[]) {
  return {
    prefixList: {
      PrefixListId: id,
      AddressFamily: cidrs.some((cidr) => cidr.includes(':')) ? 'IPv6' : 'IPv4',
      State: 'create-complete' as const,
      PrefixListArn: `arn:aws:ec2:us-east-1:${owner}:prefix-list/${id}`,
      PrefixListName: name,
      MaxEntries: owner === 'AWS' ? undefined : 10,
      Version: 3,
      Tags: [],
      OwnerId: owner,
    },
    entries: cidrs.map((Cidr) => ({ Cidr })),
  };
}

export function usEast1(): RegionFixture {
  return {
    securityGroups: [
      group('us-east-1', US.default, 'default', US.vpc, US_RULES),
      group('us-east-1', US.web, 'web-alb', US.vpc, US_RULES),
      group('us-east-1', US.app, 'app', US.vpc, US_RULES),
      group('us-east-1', US.db, 'db', US.vpc, US_RULES),
      group('us-east-1', US.batch, 'legacy-batch', US.vpc, US_RULES),
    ],
    securityGroupRules: US_RULES,
    networkInterfaces: [
      eni(
        'eni-0c10000000000e001',
        [[US.web, 'web-alb']],
        ['10.0.1.10', '10.0.1.11'],
        ['2600:1f18:1234:5601::10'],
        US.vpc,
      ),
      eni(
        'eni-0c10000000000e002',
        [
          [US.app, 'app'],
          [US.default, 'default'],
        ],
        ['10.0.2.20', '10.0.2.21', '10.0.2.22'],
        ['2600:1f18:1234:5602::20', '2600:1f18:1234:5602::21'],
        US.vpc,
      ),
      eni('eni-0c10000000000e003', [[US.db, 'db']], ['10.0.3.30'], [], US.vpc),
    ],
    prefixLists: [
      prefixList(US.corpVpn, 'corp-vpn', ACCOUNT_ID, [
        '198.51.100.0/24',
        '203.0.113.0/25',
        '192.0.2.64/26',
      ]),
      prefixList(US.s3, 'com.amazonaws.us-east-1.s3', 'AWS', [
        '3.5.0.0/19',
        '52.216.0.0/15',
        '54.231.0.0/16',
      ]),
      prefixList(US.partners, 'partners-ipv6', ACCOUNT_ID, [
        '2001:db8:100::/48',
        '2001:db8:200::/48',
      ]),
      prefixList(US.dynamodb, 'com.amazonaws.us-east-1.dynamodb', 'AWS', ['3.218.182.0/24']),
    ],
  };
}

export function euWest1(): RegionFixture {
  return {
    securityGroups: [
      group('eu-west-1', EU.default, 'default', EU.vpc, EU_RULES),
      group('eu-west-1', EU.api, 'api', EU.vpc, EU_RULES),
    ],
    securityGroupRules: EU_RULES,
    networkInterfaces: [
      eni(
        'eni-0c20000000000f001',
        [[EU.api, 'api']],
        ['172.31.5.9'],
        ['2a05:d018:aaaa:1::9'],
        EU.vpc,
      ),
    ],
    prefixLists: [],
  };
}
