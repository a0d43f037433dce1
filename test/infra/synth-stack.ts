import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { StaleSgStack } from '../../infra/stale-sg-stack.js';
import type { StaleSgStackProps } from '../../infra/stack-props.js';

export const ACCOUNT = '111111111111';
export const MEMBER_ACCOUNT = '222222222222';
export const REGION = 'eu-west-1';

/** A deployment with every optional part: a member account, two regions, mail. */
export const PROPS: StaleSgStackProps = {
  env: { account: ACCOUNT, region: REGION },
  flowLogBucket: 'central-flow-logs',
  flowLogPrefix: 'vpc',
  accounts: [ACCOUNT, MEMBER_ACCOUNT],
  regions: [REGION, 'us-east-1'],
  emailFrom: 'Security <stale-sg@example.com>',
  emailTo: ['secops@example.com', 'network@example.com'],
};

/**
 * An App that bundles nothing: the templates are the same, and esbuild runs
 * in its own test (handler-bundles.test.ts). CDK's built-in CloudFormation
 * validation takes seconds per synth; it runs once, in
 * cloudformation-rules.test.ts.
 */
export function testApp(
  options: { validate?: boolean; context?: Record<string, unknown> } = {},
): App {
  return new App({
    context: { 'aws:cdk:bundling-stacks': [], ...options.context },
    builtinCloudFormationValidation: options.validate ?? false,
  });
}

const cache = new Map<string, { stack: StaleSgStack; template: Template }>();

/** The stack and its template for `PROPS` with `overrides`; synthesized once per combination. */
export function synthStack(overrides: Partial<StaleSgStackProps> = {}): {
  stack: StaleSgStack;
  template: Template;
} {
  // An override to undefined unsets a prop of PROPS, so it must count in the key.
  const key = JSON.stringify(overrides, (_name, value: unknown) => value ?? '<unset>');
  let synthesized = cache.get(key);
  if (synthesized === undefined) {
    const stack = new StaleSgStack(testApp(), 'StaleSg', { ...PROPS, ...overrides });
    synthesized = { stack, template: Template.fromStack(stack) };
    cache.set(key, synthesized);
  }
  return synthesized;
}

export type Resource = { Type: string; Properties: Record<string, unknown> } & Record<
  string,
  unknown
>;

/** The resources of one type, by logical id. */
export function resourcesOf(template: Template, type: string): Record<string, Resource> {
  return template.findResources(type) as Record<string, Resource>;
}

/** The one resource of `type` whose logical id starts with `prefix`. */
export function resourceNamed(template: Template, type: string, prefix: string): Resource {
  const matches = Object.entries(resourcesOf(template, type)).filter(([id]) =>
    id.startsWith(prefix),
  );
  if (matches.length !== 1) {
    throw new Error(`expected one ${type} named ${prefix}*, found ${matches.length}`);
  }
  return matches[0]![1];
}

export function logicalIdOf(template: Template, type: string, prefix: string): string {
  const id = Object.keys(resourcesOf(template, type)).find((key) => key.startsWith(prefix));
  if (id === undefined) throw new Error(`no ${type} named ${prefix}*`);
  return id;
}

/** A stack of its own, for constructs tested without the whole pipeline. */
export function bareStack(): Stack {
  return new Stack(testApp(), 'Bare', { env: { account: ACCOUNT, region: REGION } });
}
