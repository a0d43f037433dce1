import { Duration } from 'aws-cdk-lib';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import type { DeploymentConfig } from './resolve-config.js';
import { stageFunction } from './stage-function.js';

/**
 * The HTML report attached to the findings email inlines ECharts, which the
 * library reads from the installed package at run time; the bundle cannot
 * hold it, so it travels beside the bundle where Node's resolution finds it.
 */
const ECHARTS_FILES = [
  ['node_modules/echarts/package.json', 'node_modules/echarts/package.json'],
  ['node_modules/echarts/dist/echarts.min.js', 'node_modules/echarts/dist/echarts.min.js'],
] as const;

/** The four Lambda functions of the pipeline, all with the deployment's settings. */
export class StageFunctions extends Construct {
  readonly collect: NodejsFunction;
  readonly merge: NodejsFunction;
  readonly notify: NodejsFunction;
  readonly failure: NodejsFunction;

  constructor(
    scope: Construct,
    id: string,
    config: DeploymentConfig,
    environment: Record<string, string>,
  ) {
    super(scope, id);
    const common = { environment, logRetention: config.logRetention };

    // Collect pages through every group, rule and interface of every account and region.
    this.collect = stageFunction(this, 'Collect', {
      ...common,
      handler: 'collect',
      memoryMiB: 1024,
      timeout: Duration.minutes(10),
    });
    // Merge reads the whole query result and writes usage item by item.
    this.merge = stageFunction(this, 'Merge', {
      ...common,
      handler: 'merge',
      memoryMiB: 2048,
      timeout: Duration.minutes(15),
    });
    this.notify = stageFunction(this, 'Notify', {
      ...common,
      handler: 'notify',
      memoryMiB: 1024,
      timeout: Duration.minutes(3),
      files: ECHARTS_FILES,
    });
    this.failure = stageFunction(this, 'Failure', {
      ...common,
      handler: 'failure',
      memoryMiB: 256,
      timeout: Duration.minutes(1),
    });
  }

  get all(): readonly NodejsFunction[] {
    return [this.collect, this.merge, this.notify, this.failure];
  }
}
