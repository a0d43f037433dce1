/**
 * An account of two regions as the fake EC2 and STS endpoints serve it:
 * us-east-1 with two pages of groups and of rules (whose first call is
 * throttled), an interface with secondary and IPv6 addresses and a prefix
 * list; eu-west-1, where every call is denied.
 */
import type { FakeAwsRequest, FakeAwsResponse } from './fake-aws-server.js';
import { ec2ErrorXml, ec2Xml, stsXml } from './fake-aws-server.js';

export const ACCOUNT = '444455556666';
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/inventory-reader`;
export const EXTERNAL_ID = 'stale-sg-7f3a91';
export const ASSUMED_KEY_ID = 'ASIAWNZPEXAMPLE00001';
export const ASSUMED_SECRET = 'Xk9mQ2vL7pR4tY8wZ1aB5cD3eF6gH0jK2lM4nP6q';
export const DEFAULT_GROUP = 'sg-0c30000000000a001';
export const APP_GROUP = 'sg-0c30000000000a002';
export const VPN_LIST = 'pl-0c3000000000000f1';
export const VPC = 'vpc-0c300000000000001';

/**
 * Answers the requests of one test. With `throttle`, the first
 * DescribeSecurityGroupRules call is refused as EC2 does when throttling:
 * 503 RequestLimitExceeded.
 */
export function fakeAccount(options: {
  readonly throttle: boolean;
}): (request: FakeAwsRequest) => FakeAwsResponse {
  let throttled = !options.throttle;
  const rules = (token: string | null): FakeAwsResponse => {
    if (throttled) return describeRules(token);
    throttled = true;
    return ec2ErrorXml(503, 'RequestLimitExceeded', 'Request limit exceeded.');
  };
  return (request) => respond(request, rules);
}

function respond(
  request: FakeAwsRequest,
  rules: (token: string | null) => FakeAwsResponse,
): FakeAwsResponse {
  if (request.service === 'sts') return respondSts(request);
  if (request.region === 'eu-west-1') {
    return ec2ErrorXml(
      403,
      'UnauthorizedOperation',
      'You are not authorized to perform this operation.',
    );
  }
  const token = request.params.get('NextToken');
  switch (request.action) {
    case 'DescribeRegions':
      return ec2Xml('DescribeRegions', {
        regionInfo: ['eu-west-1', 'us-east-1'].map((regionName) => ({
          regionName,
          regionEndpoint: `ec2.${regionName}.amazonaws.com`,
          optInStatus: 'opt-in-not-required',
        })),
      });
    case 'DescribeSecurityGroups':
      return token === null
        ? ec2Xml('DescribeSecurityGroups', {
            securityGroupInfo: [defaultGroup()],
            nextToken: 'sg-page-2',
          })
        : ec2Xml('DescribeSecurityGroups', { securityGroupInfo: [appGroup()] });
    case 'DescribeSecurityGroupRules':
      return rules(token);
    case 'DescribeNetworkInterfaces':
      return ec2Xml('DescribeNetworkInterfaces', { networkInterfaceSet: [appInterface()] });
    case 'DescribeManagedPrefixLists':
      return ec2Xml('DescribeManagedPrefixLists', {
        prefixListSet: [
          {
            prefixListId: VPN_LIST,
            addressFamily: 'IPv4',
            state: 'create-complete',
            prefixListName: 'corp-vpn',
            version: 2,
            ownerId: ACCOUNT,
          },
        ],
      });
    case 'GetManagedPrefixListEntries':
      return ec2Xml('GetManagedPrefixListEntries', {
        entrySet: [
          { cidr: '198.51.100.0/24', description: 'Frankfurt office' },
          { cidr: '2001:db8:7::/48' },
        ],
      });
  }
  return ec2ErrorXml(400, 'InvalidAction', `unexpected action ${request.action}`);
}

function respondSts(request: FakeAwsRequest): FakeAwsResponse {
  if (request.action === 'AssumeRole') {
    return stsXml('AssumeRole', {
      Credentials: {
        AccessKeyId: ASSUMED_KEY_ID,
        SecretAccessKey: ASSUMED_SECRET,
        SessionToken: 'FwoGZXIvYXdzEFAKEsessionTOKEN',
        Expiration: new Date(Date.now() + 3_600_000).toISOString(),
      },
      AssumedRoleUser: {
        Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/inventory-reader/stale-sg`,
        AssumedRoleId: 'AROAWNZPEXAMPLE0000001:stale-sg',
      },
    });
  }
  return stsXml('GetCallerIdentity', {
    Account: ACCOUNT,
    Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/inventory-reader/stale-sg`,
    UserId: 'AROAWNZPEXAMPLE0000001:stale-sg',
  });
}

function describeRules(token: string | null): FakeAwsResponse {
  const rule = (id: string, fields: Record<string, string | number | boolean | object>) => ({
    securityGroupRuleId: id,
    groupOwnerId: ACCOUNT,
    ...fields,
  });
  return token === null
    ? ec2Xml('DescribeSecurityGroupRules', {
        securityGroupRuleSet: [
          rule('sgr-0c30000000000b001', {
            groupId: DEFAULT_GROUP,
            isEgress: false,
            ipProtocol: '-1',
            fromPort: -1,
            toPort: -1,
            referencedGroupInfo: { groupId: DEFAULT_GROUP, userId: ACCOUNT },
          }),
          rule('sgr-0c30000000000b002', {
            groupId: DEFAULT_GROUP,
            isEgress: true,
            ipProtocol: '-1',
            fromPort: -1,
            toPort: -1,
            cidrIpv4: '0.0.0.0/0',
          }),
        ],
        nextToken: 'rules-page-2',
      })
    : ec2Xml('DescribeSecurityGroupRules', {
        securityGroupRuleSet: [
          rule('sgr-0c30000000000b003', {
            groupId: APP_GROUP,
            isEgress: false,
            ipProtocol: 'tcp',
            fromPort: 22,
            toPort: 22,
            prefixListId: VPN_LIST,
            description: 'SSH from the VPN',
          }),
        ],
      });
}

function defaultGroup() {
  return {
    ownerId: ACCOUNT,
    groupId: DEFAULT_GROUP,
    groupName: 'default',
    groupDescription: 'default VPC security group',
    vpcId: VPC,
    ipPermissions: [
      {
        ipProtocol: '-1',
        groups: [{ groupId: DEFAULT_GROUP, userId: ACCOUNT }],
        ipRanges: [],
        ipv6Ranges: [],
        prefixListIds: [],
      },
    ],
    ipPermissionsEgress: [
      {
        ipProtocol: '-1',
        groups: [],
        ipRanges: [{ cidrIp: '0.0.0.0/0' }],
        ipv6Ranges: [],
        prefixListIds: [],
      },
    ],
  };
}

function appGroup() {
  return {
    ownerId: ACCOUNT,
    groupId: APP_GROUP,
    groupName: 'app',
    groupDescription: 'app tier',
    vpcId: VPC,
    ipPermissions: [
      {
        ipProtocol: 'tcp',
        fromPort: 22,
        toPort: 22,
        groups: [],
        ipRanges: [],
        ipv6Ranges: [],
        prefixListIds: [{ prefixListId: VPN_LIST }],
      },
    ],
    ipPermissionsEgress: [],
    tagSet: [{ key: 'team', value: 'platform' }],
  };
}

function appInterface() {
  return {
    networkInterfaceId: 'eni-0c30000000000e001',
    attachment: {
      attachTime: '2024-03-02T09:15:12.000Z',
      attachmentId: 'eni-attach-0c3000000000e001',
      deviceIndex: 0,
      status: 'attached',
      deleteOnTermination: true,
    },
    description: '',
    groupSet: [
      { groupId: APP_GROUP, groupName: 'app' },
      { groupId: DEFAULT_GROUP, groupName: 'default' },
    ],
    interfaceType: 'interface',
    ipv6AddressesSet: [{ ipv6Address: '2600:1f18:77::20', isPrimaryIpv6: false }],
    ownerId: ACCOUNT,
    privateIpAddress: '10.7.2.20',
    privateIpAddressesSet: [
      { privateIpAddress: '10.7.2.20', primary: true },
      { privateIpAddress: '10.7.2.21', primary: false },
    ],
    status: 'in-use',
    vpcId: VPC,
  };
}
