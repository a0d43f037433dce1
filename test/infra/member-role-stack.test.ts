import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { StaleSgMemberRoleStack } from '../../infra/member-role-stack.js';
import { resourcesOf, testApp } from './synth-stack.js';

const COLLECTOR = 'arn:aws:iam::111111111111:role/StaleSg-StagesCollectRole-ABC';

function template(props: ConstructorParameters<typeof StaleSgMemberRoleStack>[2] = {}) {
  return Template.fromStack(new StaleSgMemberRoleStack(testApp(), 'Member', props));
}

describe('the member role stack', () => {
  it('makes one role, named by a parameter, trusted only by the collector role of a parameter', () => {
    const roles = Object.values(resourcesOf(template(), 'AWS::IAM::Role'));

    expect(roles).toHaveLength(1);
    expect(roles[0]!.Properties['RoleName']).toEqual({ Ref: 'RoleName' });
    expect(roles[0]!.Properties['AssumeRolePolicyDocument']).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          Principal: { AWS: { Ref: 'CollectorRoleArn' } },
        },
      ],
    });
  });

  it('allows only the read-only EC2 inventory calls', () => {
    const role = Object.values(resourcesOf(template(), 'AWS::IAM::Role'))[0]!;

    expect(role.Properties['Policies']).toEqual([
      {
        PolicyName: 'ReadInventory',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: [
                'ec2:DescribeSecurityGroups',
                'ec2:DescribeSecurityGroupRules',
                'ec2:DescribeNetworkInterfaces',
                'ec2:DescribeManagedPrefixLists',
                'ec2:GetManagedPrefixListEntries',
                'ec2:DescribeRegions',
              ],
              Resource: '*',
            },
          ],
        },
      },
    ]);
    expect(role.Properties['ManagedPolicyArns']).toBeUndefined();
  });

  it('defaults the role name to the one the main stack assumes, and the collector to the props', () => {
    const parameters = template({ collectorRoleArn: COLLECTOR }).toJSON()['Parameters'];

    expect(parameters['RoleName']).toMatchObject({
      Type: 'String',
      Default: 'stale-sg-inventory-reader',
    });
    expect(parameters['CollectorRoleArn']).toMatchObject({ Type: 'String', Default: COLLECTOR });
  });

  it('asks for the collector role when the props do not name it', () => {
    const parameters = template().toJSON()['Parameters'];

    expect(parameters['CollectorRoleArn']).not.toHaveProperty('Default');
  });

  it('needs no CDK bootstrap in the member account, so that a StackSet can deploy it', () => {
    const json = template().toJSON();

    expect(json['Parameters']).not.toHaveProperty('BootstrapVersion');
    expect(json).not.toHaveProperty('Rules');
  });
});
