import { Duration } from 'aws-cdk-lib';
import {
  ContextAttribute,
  Schedule,
  ScheduleExpression,
  ScheduleTargetInput,
} from 'aws-cdk-lib/aws-scheduler';
import { StepFunctionsStartExecution } from 'aws-cdk-lib/aws-scheduler-targets';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import type { ScheduledInput } from '../src/deploy/stage-io.js';
import type { DeploymentConfig } from './resolve-config.js';

/**
 * Starts the pipeline on the schedule (UTC). The execution's input is the
 * time the run was scheduled for (`ScheduledInput`), not the time a delayed
 * or retried start happens to run at.
 */
export function pipelineSchedule(
  scope: Construct,
  config: Pick<DeploymentConfig, 'schedule' | 'scheduleEnabled'>,
  stateMachine: IStateMachine,
): Schedule {
  const input = { time: ContextAttribute.scheduledTime } satisfies Required<ScheduledInput>;
  return new Schedule(scope, 'Schedule', {
    schedule: ScheduleExpression.expression(config.schedule),
    enabled: config.scheduleEnabled,
    description: 'stale-sg: starts the pipeline',
    target: new StepFunctionsStartExecution(stateMachine, {
      input: ScheduleTargetInput.fromObject(input),
      retryAttempts: 3,
      maxEventAge: Duration.hours(6),
    }),
  });
}
