/**
 * Small AWS CLI outputs for tests, shaped as `aws ec2 ...` prints them. Each
 * builder takes the fields a test cares about; the rest are typical values.
 */

export const OWNER_ID = '123456789012';
export const VPC_ID = 'vpc-0c1d2e3f4a5b6c7d8';

type Fields = Record<string, unknown>;

/** One entry of describe-security-groups' `SecurityGroups`. */
export function securityGroup(groupId: string, fields: Fields = {}): Fields {
  return {
    Description: `group ${groupId}`,
    GroupName: groupId.replace(/^sg-/, 'name-'),
    IpPermissions: [],
    OwnerId: OWNER_ID,
    GroupId: groupId,
    IpPermissionsEgress: [],
    VpcId: VPC_ID,
    ...fields,
  };
}

/** One entry of `IpPermissions` / `IpPermissionsEgress`; ports only where given. */
export function ipPermission(ipProtocol: string, fields: Fields = {}): Fields {
  return {
    IpProtocol: ipProtocol,
    IpRanges: [],
    Ipv6Ranges: [],
    PrefixListIds: [],
    UserIdGroupPairs: [],
    ...fields,
  };
}

/** One entry of describe-security-group-rules' `SecurityGroupRules`. */
export function securityGroupRule(ruleId: string, groupId: string, fields: Fields = {}): Fields {
  return {
    SecurityGroupRuleId: ruleId,
    GroupId: groupId,
    GroupOwnerId: OWNER_ID,
    IsEgress: false,
    IpProtocol: 'tcp',
    FromPort: 443,
    ToPort: 443,
    CidrIpv4: '0.0.0.0/0',
    Tags: [],
    ...fields,
  };
}

/** One entry of describe-network-interfaces' `NetworkInterfaces`. */
export function networkInterface(
  interfaceId: string,
  groupIds: readonly string[],
  fields: Fields = {},
): Fields {
  return {
    Description: '',
    Groups: groupIds.map((groupId) => ({ GroupId: groupId, GroupName: `name-${groupId}` })),
    InterfaceType: 'interface',
    Ipv6Addresses: [],
    NetworkInterfaceId: interfaceId,
    OwnerId: OWNER_ID,
    PrivateIpAddress: '10.0.0.10',
    PrivateIpAddresses: [{ Primary: true, PrivateIpAddress: '10.0.0.10' }],
    Status: 'in-use',
    VpcId: VPC_ID,
    ...fields,
  };
}
