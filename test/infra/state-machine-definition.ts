import type { Template } from 'aws-cdk-lib/assertions';
import { resourcesOf } from './synth-stack.js';

export interface State {
  readonly Type: string;
  readonly Next?: string;
  readonly Resource?: string;
  readonly Parameters?: Record<string, unknown>;
  readonly InputPath?: string;
  readonly ResultPath?: string;
  readonly ResultSelector?: Record<string, unknown>;
  readonly TimeoutSeconds?: number;
  readonly Retry?: {
    ErrorEquals: string[];
    IntervalSeconds: number;
    MaxAttempts: number;
    BackoffRate: number;
  }[];
  readonly Catch?: { ErrorEquals: string[]; ResultPath: string; Next: string }[];
  readonly ErrorPath?: string;
  readonly CausePath?: string;
}

export interface Definition {
  readonly StartAt: string;
  readonly States: Record<string, State>;
  readonly TimeoutSeconds?: number;
}

/**
 * The state machine's definition as JSON. The template holds it as an
 * Fn::Join of text and references; each reference becomes a readable
 * stand-in (`aws` for the partition, `<LogicalId>` for a Ref,
 * `<LogicalId.Arn>` for a GetAtt) and the parts are joined.
 */
export function stateMachineDefinition(template: Template): Definition {
  const machines = Object.values(resourcesOf(template, 'AWS::StepFunctions::StateMachine'));
  if (machines.length !== 1)
    throw new Error(`expected one state machine, found ${machines.length}`);

  const body = machines[0]!.Properties['DefinitionString'] as
    string | { 'Fn::Join': [string, unknown[]] };
  const text = typeof body === 'string' ? body : body['Fn::Join'][1].map(standIn).join('');
  return JSON.parse(text) as Definition;
}

function standIn(part: unknown): string {
  if (typeof part === 'string') return part;

  const reference = part as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
  if (reference.Ref === 'AWS::Partition') return 'aws';
  if (reference.Ref !== undefined) return `<${reference.Ref}>`;
  if (reference['Fn::GetAtt'] !== undefined) return `<${reference['Fn::GetAtt'].join('.')}>`;
  throw new Error(`unexpected part of the definition: ${JSON.stringify(part)}`);
}
