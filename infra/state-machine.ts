import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  DefinitionBody,
  Fail,
  IntegrationPattern,
  JsonPath,
  LogLevel,
  StateMachine,
  Succeed,
  TaskInput,
  Timeout,
  type IChainable,
  type RetryProps,
  type TaskStateBase,
} from 'aws-cdk-lib/aws-stepfunctions';
import {
  AthenaStartQueryExecution,
  LambdaInvoke,
  type LambdaInvokeProps,
} from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import type { FailureInput, MergeInput } from '../src/deploy/stage-io.js';
import type { StageFunctions } from './stage-functions.js';
import { ATHENA_RETRIES, LAMBDA_RETRIES } from './stage-retries.js';

export interface PipelineProps {
  readonly functions: StageFunctions;
  readonly workGroup: string;
  readonly database: string;
  readonly role: IRole;
  readonly logRetention: RetentionDays;
}

/**
 * The pipeline: Collect → Aggregate (Athena) → Merge → Notify. Each stage's
 * result lands under its own key of the state (`$.collect`, `$.athena`,
 * `$.merge`, `$.notify`), so later stages can read earlier ones. Any error
 * that outlives the retries goes to the failure stage, which mails it, and
 * the execution ends failed with the original error.
 */
export class Pipeline extends Construct {
  readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, props: PipelineProps) {
    super(scope, id);
    const { functions } = props;

    // The execution's input, `ScheduledInput`, is the collect stage's input as it is.
    const collect = this.lambdaStage('Collect', functions.collect, '$.collect');
    const aggregate = this.aggregateStage(props);
    const merge = this.mergeStage(functions.merge);
    const notify = this.lambdaStage('Notify', functions.notify, '$.notify', {
      inputPath: '$.merge',
    });

    const failure = this.failureStage(functions.failure);
    for (const stage of [collect, aggregate, merge, notify]) {
      stage.addCatch(failure, { resultPath: '$.error' });
    }

    const definition = collect
      .next(aggregate)
      .next(merge)
      .next(notify)
      .next(new Succeed(this, 'Done'));
    this.stateMachine = this.stateMachineOf(definition, props);
  }

  private aggregateStage(props: PipelineProps): AthenaStartQueryExecution {
    const task = new AthenaStartQueryExecution(this, 'Aggregate', {
      queryString: JsonPath.stringAt('$.collect.queryString'),
      workGroup: props.workGroup,
      queryExecutionContext: { databaseName: props.database },
      integrationPattern: IntegrationPattern.RUN_JOB,
      taskTimeout: Timeout.duration(Duration.minutes(30)),
      // Only the id: the full result repeats the query text, and the state is limited to 256 KiB.
      resultSelector: {
        QueryExecution: {
          QueryExecutionId: JsonPath.stringAt('$.QueryExecution.QueryExecutionId'),
        },
      },
      resultPath: '$.athena',
    });
    return withRetries(task, ATHENA_RETRIES);
  }

  private mergeStage(fn: IFunction): LambdaInvoke {
    const input = {
      runId: JsonPath.stringAt('$.collect.runId'),
      since: JsonPath.stringAt('$.collect.since'),
      until: JsonPath.stringAt('$.collect.until'),
      queryString: JsonPath.stringAt('$.collect.queryString'),
      inventoryLocation: JsonPath.stringAt('$.collect.inventoryLocation'),
      queryExecutionId: JsonPath.stringAt('$.athena.QueryExecution.QueryExecutionId'),
    } satisfies Record<keyof MergeInput, string>;
    return this.lambdaStage('Merge', fn, '$.merge', { payload: TaskInput.fromObject(input) });
  }

  /** Mails the caught error, then fails the execution with it. */
  private failureStage(fn: IFunction): LambdaInvoke {
    const failed = new Fail(this, 'Failed', {
      errorPath: '$.error.Error',
      causePath: '$.error.Cause',
    });
    const input = {
      Error: JsonPath.stringAt('$.error.Error'),
      Cause: JsonPath.stringAt('$.error.Cause'),
    } satisfies Record<keyof FailureInput, string>;

    const failure = this.lambdaStage('Failure', fn, '$.failure', {
      payload: TaskInput.fromObject(input),
    });
    // Should mailing fail too, the execution still ends with the error that started it.
    failure.addCatch(failed, { resultPath: '$.failureError' }).next(failed);
    return failure;
  }

  /** A stage function whose result, as it returned it, lands at `resultPath`. */
  private lambdaStage(
    id: string,
    fn: IFunction,
    resultPath: string,
    input: Pick<LambdaInvokeProps, 'payload' | 'inputPath'> = {},
  ): LambdaInvoke {
    const task = new LambdaInvoke(this, id, {
      ...input,
      lambdaFunction: fn,
      payloadResponseOnly: true,
      // Replaced by LAMBDA_RETRIES, which space the attempts further apart.
      retryOnServiceExceptions: false,
      resultPath,
    });
    return withRetries(task, LAMBDA_RETRIES);
  }

  private stateMachineOf(definition: IChainable, props: PipelineProps): StateMachine {
    const logs = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    return new StateMachine(this, 'StateMachine', {
      comment: 'stale-sg: collect the inventory, attribute flow logs, merge usage, mail findings',
      definitionBody: DefinitionBody.fromChainable(definition),
      role: props.role,
      // Room for every stage and its usual retries; a stuck run must not run into the next one.
      timeout: Duration.hours(3),
      logs: { destination: logs, level: LogLevel.ERROR, includeExecutionData: true },
    });
  }
}

function withRetries<T extends TaskStateBase>(task: T, retries: readonly RetryProps[]): T {
  retries.forEach((retry) => task.addRetry(retry));
  return task;
}
