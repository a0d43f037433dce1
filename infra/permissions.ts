import { Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { RESULTS_PREFIX } from './athena-workgroup.js';
import { INVENTORY_ACTIONS } from './inventory-actions.js';
import { senderAddress } from './props-checks.js';
import type { DeploymentConfig } from './resolve-config.js';
import type { StageFunctions } from './stage-functions.js';

/** The resources the stages use, as the stack made them. */
export interface StageResources {
  readonly config: DeploymentConfig;
  readonly functions: StageFunctions;
  readonly rulesTable: ITable;
  readonly usageTable: ITable;
  readonly dataBucket: IBucket;
  readonly resultsBucket: IBucket;
  readonly workGroupArn: string;
}

/**
 * What each stage function may do, and nothing more. The table grants list
 * their actions; bucket access is written out because the bucket grants
 * would add deletes that no stage needs.
 */
export function grantStagePermissions(resources: StageResources): void {
  grantCollect(resources);
  grantMerge(resources);
  grantMail(resources);
}

function grantCollect(resources: StageResources): void {
  const { config, functions, dataBucket, rulesTable, usageTable } = resources;
  const collect = functions.collect;
  allow(collect, [...INVENTORY_ACTIONS], ['*']);
  allow(collect, ['s3:PutObject'], [dataBucket.arnForObjects(`${config.dataPrefix}*`)]);
  rulesTable.grantReadWriteData(collect);
  usageTable.grantReadWriteData(collect);

  const memberRoles = config.memberAccounts.map((account) =>
    Stack.of(collect).formatArn({
      service: 'iam',
      region: '',
      account,
      resource: 'role',
      resourceName: config.memberRoleName,
    }),
  );
  if (memberRoles.length > 0) allow(collect, ['sts:AssumeRole'], memberRoles);
}

function grantMerge(resources: StageResources): void {
  const { functions, resultsBucket, workGroupArn, rulesTable, usageTable } = resources;
  const merge = functions.merge;
  allow(merge, ['athena:GetQueryExecution', 'athena:GetQueryResults'], [workGroupArn]);
  // GetQueryResults reads the result file from S3 with the caller's own rights.
  allow(merge, ['s3:GetObject'], [resultsBucket.arnForObjects(`${RESULTS_PREFIX}*`)]);
  allow(merge, ['s3:ListBucket'], [resultsBucket.bucketArn]);
  rulesTable.grantReadWriteData(merge);
  usageTable.grantReadWriteData(merge);
}

/** Notify reads the findings from the tables; both it and the failure stage send mail. */
function grantMail({ config, functions, rulesTable, usageTable }: StageResources): void {
  rulesTable.grantReadData(functions.notify);
  usageTable.grantReadData(functions.notify);

  const identities = sesIdentities(config.emailFrom).map((identity) =>
    Stack.of(functions).formatArn({ service: 'ses', resource: 'identity', resourceName: identity }),
  );
  for (const fn of [functions.notify, functions.failure]) {
    allow(fn, ['ses:SendEmail', 'ses:SendRawEmail'], identities);
  }
}

function allow(grantee: IGrantable, actions: string[], resources: string[]): void {
  grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions, resources }));
}

/**
 * SES authorizes a send against the identity that verified the sender: the
 * address itself or its domain. Both are granted, so either way of
 * verifying works, and no other identity is.
 */
function sesIdentities(emailFrom: string): string[] {
  const address = senderAddress(emailFrom);
  if (address === null) throw new Error(`not an email address: ${emailFrom}`);
  return [address, address.slice(address.lastIndexOf('@') + 1)];
}
