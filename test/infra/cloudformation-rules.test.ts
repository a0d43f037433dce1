import { describe, expect, it } from 'vitest';
import { StaleSgMemberRoleStack } from '../../infra/member-role-stack.js';
import { StaleSgStack } from '../../infra/stale-sg-stack.js';
import { PROPS, testApp } from './synth-stack.js';

describe('the templates', () => {
  it("pass CloudFormation's own rules, which CDK checks at synth", () => {
    // With this flag a rule violation fails the synth instead of printing a warning.
    const app = testApp({
      validate: true,
      context: { '@aws-cdk/core:validateAgainstDefaultRules': true },
    });
    new StaleSgStack(app, 'StaleSg', PROPS);
    new StaleSgStack(app, 'StaleSgParquet', {
      ...PROPS,
      format: 'parquet',
      layout: 'hive',
      partitioning: 'hourly',
      env: undefined,
      accounts: undefined,
    });
    new StaleSgMemberRoleStack(app, 'StaleSgMemberRole', {});

    expect(() => app.synth()).not.toThrow();
  });
});
