import {
  PolicyDocument,
  PolicyStatement,
  Role,
  ServicePrincipal,
  type IRole,
} from 'aws-cdk-lib/aws-iam';
import { Bucket, type IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { RESULTS_PREFIX } from './athena-workgroup.js';
import { LOG_DELIVERY_ACTIONS } from './inventory-actions.js';
import type { DeploymentConfig } from './resolve-config.js';
import type { StageFunctions } from './stage-functions.js';

export interface StateMachineAccess {
  readonly config: DeploymentConfig;
  readonly functions: StageFunctions;
  readonly dataBucket: IBucket;
  readonly resultsBucket: IBucket;
  readonly workGroupArn: string;
  readonly catalogArns: readonly string[];
}

/**
 * The state machine's role, written out whole and handed to the state
 * machine as immutable. CDK's Athena task would otherwise add its generic
 * policy: Glue writes on every table, S3 reads on every bucket, Lake
 * Formation. What the query needs is narrower: run in this workgroup, read
 * this table's metadata, read the flow logs and the inventory, write
 * results. A new task in the definition must have its access added here.
 */
export function stateMachineRole(scope: Construct, access: StateMachineAccess): IRole {
  const role = new Role(scope, 'StateMachineRole', {
    assumedBy: new ServicePrincipal('states.amazonaws.com'),
    description: 'stale-sg pipeline: runs the stages and the Athena query',
    inlinePolicies: { Pipeline: new PolicyDocument({ statements: statements(scope, access) }) },
  });
  return role.withoutPolicyUpdates();
}

function statements(scope: Construct, access: StateMachineAccess): PolicyStatement[] {
  const { config, functions, dataBucket, resultsBucket } = access;
  const flowLogs = Bucket.fromBucketName(scope, 'FlowLogBucket', config.table.bucket);
  const flowLogPrefix = config.table.prefix === '' ? '' : `${config.table.prefix}/`;
  const statement = (sid: string, actions: string[], resources: string[]) =>
    new PolicyStatement({ sid, actions, resources });

  return [
    statement(
      'InvokeStages',
      ['lambda:InvokeFunction'],
      functions.all.map((fn) => fn.functionArn),
    ),
    statement(
      'RunQuery',
      [
        'athena:StartQueryExecution',
        'athena:GetQueryExecution',
        'athena:StopQueryExecution',
        'athena:GetQueryResults',
      ],
      [access.workGroupArn],
    ),
    statement(
      'ReadTableMetadata',
      ['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartitions', 'glue:GetPartition'],
      [...access.catalogArns],
    ),
    statement(
      'ReadFlowLogs',
      ['s3:GetObject'],
      [flowLogs.arnForObjects(`${flowLogPrefix}AWSLogs/*`)],
    ),
    statement(
      'ReadInventory',
      ['s3:GetObject'],
      [dataBucket.arnForObjects(`${config.dataPrefix}*`)],
    ),
    statement(
      'ListInputs',
      ['s3:ListBucket', 's3:GetBucketLocation'],
      [flowLogs.bucketArn, dataBucket.bucketArn],
    ),
    statement(
      'WriteResults',
      ['s3:PutObject', 's3:GetObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
      [resultsBucket.arnForObjects(`${RESULTS_PREFIX}*`)],
    ),
    statement(
      'ListResults',
      ['s3:ListBucket', 's3:GetBucketLocation', 's3:ListBucketMultipartUploads'],
      [resultsBucket.bucketArn],
    ),
    // Vended log delivery has no resource-level permissions.
    statement('DeliverLogs', [...LOG_DELIVERY_ACTIONS], ['*']),
  ];
}
