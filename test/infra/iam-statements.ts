import type { Template } from 'aws-cdk-lib/assertions';
import { resourcesOf } from './synth-stack.js';

export interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Principal?: unknown;
  readonly Condition?: unknown;
}

interface PolicyDocument {
  readonly Statement: Statement[];
}

/** A statement's place in the template, for messages. */
export interface FoundStatement {
  readonly where: string;
  readonly role: string;
  readonly statement: Statement;
}

/**
 * Every permission statement of the template: the AWS::IAM::Policy
 * resources, attached to their roles, and the roles' inline policies.
 */
export function allStatements(template: Template): FoundStatement[] {
  const found: FoundStatement[] = [];
  for (const [id, policy] of Object.entries(resourcesOf(template, 'AWS::IAM::Policy'))) {
    const roles = (policy.Properties['Roles'] as { Ref: string }[]).map((role) => role.Ref);
    for (const statement of (policy.Properties['PolicyDocument'] as PolicyDocument).Statement) {
      for (const role of roles) found.push({ where: id, role, statement });
    }
  }
  for (const [id, role] of Object.entries(resourcesOf(template, 'AWS::IAM::Role'))) {
    const inline = (role.Properties['Policies'] ?? []) as { PolicyDocument: PolicyDocument }[];
    for (const policy of inline) {
      for (const statement of policy.PolicyDocument.Statement) {
        found.push({ where: `${id} (inline)`, role: id, statement });
      }
    }
  }
  return found;
}

export function listOf<T>(value: T | T[]): T[] {
  return Array.isArray(value) ? value : [value];
}

/**
 * A role's grants as `action → resources`, with every resource made
 * readable: `aws` for the partition, `<LogicalId.Arn>` for a GetAtt,
 * `<LogicalId>` for a Ref, with CDK's hash suffix dropped from logical ids.
 */
export function grantsOf(template: Template, rolePrefix: string): Record<string, string[]> {
  const grants: Record<string, string[]> = {};
  for (const { role, statement } of allStatements(template)) {
    if (!role.startsWith(rolePrefix)) continue;
    for (const action of listOf(statement.Action)) {
      const resources = listOf(statement.Resource).map(readable);
      grants[action] = [...new Set([...(grants[action] ?? []), ...resources])].sort();
    }
  }
  return grants;
}

export function readable(value: unknown): string {
  if (typeof value === 'string') return value;

  const intrinsic = value as {
    Ref?: string;
    'Fn::GetAtt'?: [string, string];
    'Fn::Join'?: [string, unknown[]];
  };
  if (intrinsic.Ref === 'AWS::Partition') return 'aws';
  if (intrinsic.Ref !== undefined) return `<${withoutHash(intrinsic.Ref)}>`;
  if (intrinsic['Fn::GetAtt'] !== undefined) {
    const [id, attribute] = intrinsic['Fn::GetAtt'];
    return `<${withoutHash(id)}.${attribute}>`;
  }
  if (intrinsic['Fn::Join'] !== undefined) {
    const [separator, parts] = intrinsic['Fn::Join'];
    return parts.map(readable).join(separator);
  }
  throw new Error(`unexpected resource ${JSON.stringify(value)}`);
}

function withoutHash(logicalId: string): string {
  return logicalId.replace(/[0-9A-F]{8}$/, '');
}
