import { describe, expect, it } from 'vitest';
import { logicalIdOf, resourcesOf, synthStack } from './synth-stack.js';

describe('the schedule', () => {
  it('starts the state machine daily at 03:00 UTC with the scheduled time as input', () => {
    const { template } = synthStack();
    const machine = logicalIdOf(template, 'AWS::StepFunctions::StateMachine', 'Pipeline');

    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 3 * * ? *)',
      ScheduleExpressionTimezone: 'Etc/UTC',
      State: 'ENABLED',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Arn: { Ref: machine },
        Input: JSON.stringify({ time: '<aws.scheduler.scheduled-time>' }),
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 6 * 3600 },
      },
    });
  });

  it('takes its expression from the props, and can be deployed disabled', () => {
    const { template } = synthStack({ schedule: 'rate(12 hours)', scheduleEnabled: false });

    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(12 hours)',
      State: 'DISABLED',
    });
  });

  it('uses a role that EventBridge Scheduler of this account assumes, allowed only to start this state machine', () => {
    const { template } = synthStack();
    const machine = logicalIdOf(template, 'AWS::StepFunctions::StateMachine', 'Pipeline');
    const schedule = Object.values(resourcesOf(template, 'AWS::Scheduler::Schedule'))[0]!;
    const roleId = (schedule.Properties['Target'] as { RoleArn: { 'Fn::GetAtt': string[] } })
      .RoleArn['Fn::GetAtt'][0]!;
    const role = resourcesOf(template, 'AWS::IAM::Role')[roleId]!;

    expect(role.Properties['AssumeRolePolicyDocument']).toMatchObject({
      Statement: [
        {
          Action: 'sts:AssumeRole',
          Principal: { Service: 'scheduler.amazonaws.com' },
          Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
        },
      ],
    });
    expect(role.Properties['ManagedPolicyArns']).toBeUndefined();
    expect(role.Properties['Policies']).toBeUndefined();

    const policies = Object.values(resourcesOf(template, 'AWS::IAM::Policy')).filter((policy) =>
      (policy.Properties['Roles'] as { Ref: string }[]).some((ref) => ref.Ref === roleId),
    );
    expect(policies.map((policy) => policy.Properties['PolicyDocument'])).toEqual([
      {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 'states:StartExecution', Resource: { Ref: machine } },
        ],
      },
    ]);
  });
});
