import { describe, expect, it } from 'vitest';
import { logicalIdOf, resourceNamed, synthStack } from './synth-stack.js';
import { stateMachineDefinition, type State } from './state-machine-definition.js';

const { template } = synthStack();
const definition = stateMachineDefinition(template);
const state = (name: string): State => {
  const found = definition.States[name];
  if (found === undefined) throw new Error(`no state ${name}`);
  return found;
};
const functionArn = (prefix: string) =>
  `<${logicalIdOf(template, 'AWS::Lambda::Function', `Stages${prefix}`)}.Arn>`;

const LAMBDA_RETRY = [
  {
    ErrorEquals: [
      'Lambda.ClientExecutionTimeoutException',
      'Lambda.ServiceException',
      'Lambda.AWSLambdaException',
      'Lambda.SdkClientException',
      'Lambda.TooManyRequestsException',
    ],
    IntervalSeconds: 10,
    MaxAttempts: 3,
    BackoffRate: 2,
  },
  { ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 30, MaxAttempts: 2, BackoffRate: 2 },
];

describe('the state machine', () => {
  it('runs Collect → Aggregate → Merge → Notify → Done', () => {
    expect(definition.StartAt).toBe('Collect');
    expect(state('Collect').Next).toBe('Aggregate');
    expect(state('Aggregate').Next).toBe('Merge');
    expect(state('Merge').Next).toBe('Notify');
    expect(state('Notify').Next).toBe('Done');
    expect(state('Done').Type).toBe('Succeed');
  });

  it('collects with the execution input, ScheduledInput, and keeps the result at $.collect', () => {
    expect(state('Collect')).toMatchObject({
      Type: 'Task',
      Resource: functionArn('Collect'),
      ResultPath: '$.collect',
    });
    expect(state('Collect').Parameters).toBeUndefined();
    expect(state('Collect').InputPath).toBeUndefined();
  });

  it("aggregates with Athena's run-a-job integration, the collected query, in the workgroup", () => {
    const workGroup = logicalIdOf(template, 'AWS::Athena::WorkGroup', 'Athena');

    expect(state('Aggregate')).toMatchObject({
      Type: 'Task',
      Resource: 'arn:aws:states:::athena:startQueryExecution.sync',
      Parameters: {
        'QueryString.$': '$.collect.queryString',
        WorkGroup: `<${workGroup}>`,
        QueryExecutionContext: { Database: 'stale_sg' },
      },
      ResultSelector: {
        QueryExecution: { 'QueryExecutionId.$': '$.QueryExecution.QueryExecutionId' },
      },
      ResultPath: '$.athena',
      TimeoutSeconds: 1800,
    });
  });

  it("merges with the collect output plus the query's execution id (MergeInput)", () => {
    expect(state('Merge')).toMatchObject({
      Resource: functionArn('Merge'),
      ResultPath: '$.merge',
    });
    expect(state('Merge').Parameters).toEqual({
      'runId.$': '$.collect.runId',
      'since.$': '$.collect.since',
      'until.$': '$.collect.until',
      'queryString.$': '$.collect.queryString',
      'inventoryLocation.$': '$.collect.inventoryLocation',
      'queryExecutionId.$': '$.athena.QueryExecution.QueryExecutionId',
    });
  });

  it("notifies with the merge stage's output (MergeOutput)", () => {
    expect(state('Notify')).toMatchObject({
      Resource: functionArn('Notify'),
      InputPath: '$.merge',
      ResultPath: '$.notify',
    });
  });

  it.each(['Collect', 'Merge', 'Notify', 'Failure'])(
    '%s retries Lambda service errors and function errors with exponential backoff',
    (name) => {
      expect(state(name).Retry).toEqual(LAMBDA_RETRY);
    },
  );

  it("retries only Athena's API errors: a failed query would scan again", () => {
    expect(state('Aggregate').Retry).toEqual([
      {
        ErrorEquals: ['Athena.TooManyRequestsException', 'Athena.InternalServerException'],
        IntervalSeconds: 20,
        MaxAttempts: 3,
        BackoffRate: 2,
      },
    ]);
  });

  it.each(['Collect', 'Aggregate', 'Merge', 'Notify'])(
    '%s sends every error to the failure stage',
    (name) => {
      expect(state(name).Catch).toEqual([
        { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Failure' },
      ]);
    },
  );

  it("mails the caught Error and Cause (FailureInput), then fails with the stage's error", () => {
    expect(state('Failure')).toMatchObject({
      Resource: functionArn('Failure'),
      Parameters: { 'Error.$': '$.error.Error', 'Cause.$': '$.error.Cause' },
      Next: 'Failed',
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.failureError', Next: 'Failed' }],
    });
    expect(state('Failed')).toEqual({
      Type: 'Fail',
      ErrorPath: '$.error.Error',
      CausePath: '$.error.Cause',
    });
  });

  it('has no other states', () => {
    expect(Object.keys(definition.States).sort()).toEqual(
      ['Aggregate', 'Collect', 'Done', 'Failed', 'Failure', 'Merge', 'Notify'].sort(),
    );
  });

  it('times out a whole execution and logs errors to its own log group', () => {
    const machine = resourceNamed(template, 'AWS::StepFunctions::StateMachine', 'Pipeline');
    const logGroup = logicalIdOf(template, 'AWS::Logs::LogGroup', 'PipelineLogs');

    expect(definition.TimeoutSeconds).toBe(3 * 3600);
    expect(machine.Properties['LoggingConfiguration']).toEqual({
      Destinations: [
        { CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [logGroup, 'Arn'] } } },
      ],
      IncludeExecutionData: true,
      Level: 'ERROR',
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
  });
});
