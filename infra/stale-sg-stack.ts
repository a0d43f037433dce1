import { CfnOutput, Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { AthenaWorkGroup } from './athena-workgroup.js';
import { FlowLogTable } from './flow-log-table.js';
import { InventoryTables } from './inventory-tables.js';
import { historyTable } from './history-table.js';
import { grantStagePermissions } from './permissions.js';
import { pipelineSchedule } from './pipeline-schedule.js';
import { privateBucket } from './private-bucket.js';
import { resolveConfig, type DeploymentConfig } from './resolve-config.js';
import { settingVariables } from './setting-variables.js';
import { StageFunctions } from './stage-functions.js';
import type { StaleSgStackProps } from './stack-props.js';
import { Pipeline } from './state-machine.js';
import { stateMachineRole } from './state-machine-role.js';

/** Days Athena's result files are kept: the merge stage reads them within the same run. */
const RESULTS_EXPIRE_DAYS = 30;
/** Days each run's uploaded inventory is kept, for looking into an old run. */
const INVENTORY_EXPIRE_DAYS = 90;

/**
 * The scheduled stale-sg pipeline in one account: the stage functions, the
 * state machine and its schedule, the Athena workgroup and flow log table,
 * the two DynamoDB tables of the store, and the buckets for inventory
 * uploads and query results.
 */
export class StaleSgStack extends Stack {
  readonly config: DeploymentConfig;

  constructor(scope: Construct, id: string, props: StaleSgStackProps) {
    super(scope, id, props);
    const config = resolveConfig(props, { account: this.account, region: this.region });
    this.config = config;

    const rulesTable = historyTable(this, 'RulesTable', config.rulesTable);
    const usageTable = historyTable(this, 'UsageTable', config.usageTable);
    const dataBucket = privateBucket(this, 'DataBucket', INVENTORY_EXPIRE_DAYS);
    const resultsBucket = privateBucket(this, 'ResultsBucket', RESULTS_EXPIRE_DAYS);

    const workGroup = new AthenaWorkGroup(this, 'Athena', {
      name: config.workGroup,
      resultsBucket,
      bytesScannedCutoff: config.bytesScannedCutoff,
    });
    const flowLogTable = new FlowLogTable(this, 'FlowLogTable', config.table);
    const inventoryTables = new InventoryTables(this, 'InventoryTables', {
      database: flowLogTable.database,
      databaseName: config.table.database,
      dataBucket,
      dataPrefix: config.dataPrefix,
    });
    const catalogArns = [...flowLogTable.catalogArns, ...inventoryTables.tableArns];

    const environment = settingVariables(config, dataBucket.bucketName);
    const functions = new StageFunctions(this, 'Stages', config, environment);
    const resources = { config, functions, dataBucket, resultsBucket, workGroupArn: workGroup.arn };
    grantStagePermissions({ ...resources, rulesTable, usageTable });

    const pipeline = new Pipeline(this, 'Pipeline', {
      functions,
      workGroup: workGroup.name,
      database: config.table.database,
      role: stateMachineRole(this, { ...resources, catalogArns }),
      logRetention: config.logRetention,
    });
    pipelineSchedule(this, config, pipeline.stateMachine);

    new CfnOutput(this, 'StateMachineArn', { value: pipeline.stateMachine.stateMachineArn });
    new CfnOutput(this, 'CollectRoleArn', {
      value: functions.collect.role?.roleArn ?? '',
      description: 'Trusted by the inventory reader role in member accounts',
    });
    new CfnOutput(this, 'DataBucketName', { value: dataBucket.bucketName });
    new CfnOutput(this, 'ResultsBucketName', { value: resultsBucket.bucketName });
  }
}
