import {
  BootstraplessSynthesizer,
  CfnOutput,
  CfnParameter,
  Stack,
  type StackProps,
} from 'aws-cdk-lib';
import { ArnPrincipal, PolicyDocument, PolicyStatement, Role } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { INVENTORY_ACTIONS } from './inventory-actions.js';
import { DEFAULTS } from './stack-props.js';

export interface StaleSgMemberRoleStackProps extends StackProps {
  /** Default of the `RoleName` parameter. */
  readonly roleName?: string;
  /** Default of the `CollectorRoleArn` parameter: the main stack's `CollectRoleArn` output. */
  readonly collectorRoleArn?: string;
}

/**
 * The role the collect stage assumes in a member account, to read that
 * account's security groups. Its settings are CloudFormation parameters, so
 * one template serves every account, through a StackSet or deployed one
 * account at a time. It needs no CDK bootstrap in the member account: the
 * template has no assets.
 */
export class StaleSgMemberRoleStack extends Stack {
  constructor(scope: Construct, id: string, props: StaleSgMemberRoleStackProps = {}) {
    super(scope, id, { synthesizer: new BootstraplessSynthesizer(), ...props });

    const roleName = new CfnParameter(this, 'RoleName', {
      type: 'String',
      default: props.roleName ?? DEFAULTS.memberRoleName,
      description: 'Name of the role; the main stack assumes it by this name (memberRoleName)',
      allowedPattern: '[\\w+=,.@-]{1,64}',
    });
    const collectorRoleArn = new CfnParameter(this, 'CollectorRoleArn', {
      type: 'String',
      description: "The CollectRoleArn output of the main stale-sg stack: the collect stage's role",
      allowedPattern: 'arn:aws[a-z-]*:iam::\\d{12}:role/.+',
      ...(props.collectorRoleArn ? { default: props.collectorRoleArn } : {}),
    });

    const role = new Role(this, 'InventoryReader', {
      roleName: roleName.valueAsString,
      assumedBy: new ArnPrincipal(collectorRoleArn.valueAsString),
      description: 'stale-sg: reads security groups, rules, interfaces and prefix lists',
      inlinePolicies: {
        ReadInventory: new PolicyDocument({
          statements: [new PolicyStatement({ actions: [...INVENTORY_ACTIONS], resources: ['*'] })],
        }),
      },
    });

    new CfnOutput(this, 'InventoryReaderRoleArn', { value: role.roleArn });
  }
}
