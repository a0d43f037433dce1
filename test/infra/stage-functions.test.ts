import { describe, expect, it } from 'vitest';
import { STAGE_BUNDLING } from '../../infra/stage-function.js';
import { SETTING_VARIABLES } from '../../src/deploy/deployment-settings.js';
import { logicalIdOf, resourceNamed, synthStack } from './synth-stack.js';

describe('the stage functions', () => {
  const { template } = synthStack();

  it.each([
    ['Collect', 1024, 600],
    ['Merge', 2048, 900],
    ['Notify', 1024, 180],
    ['Failure', 256, 60],
  ])('%s runs Node.js 22 on arm64 with %i MiB for up to %i s', (stage, memory, timeout) => {
    const fn = resourceNamed(template, 'AWS::Lambda::Function', `Stages${stage}`);

    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: memory,
      Timeout: timeout,
      Role: {
        'Fn::GetAtt': [logicalIdOf(template, 'AWS::IAM::Role', `Stages${stage}Role`), 'Arn'],
      },
      LoggingConfig: {
        LogGroup: { Ref: logicalIdOf(template, 'AWS::Logs::LogGroup', `Stages${stage}Logs`) },
      },
    });
  });

  it.each(['Collect', 'Merge', 'Notify', 'Failure'])(
    '%s logs to its own log group, kept 90 days',
    (stage) => {
      const logGroup = resourceNamed(template, 'AWS::Logs::LogGroup', `Stages${stage}Logs`);

      expect(logGroup.Properties).toEqual({ RetentionInDays: 90 });
    },
  );

  it.each(['Collect', 'Merge', 'Notify', 'Failure'])(
    '%s has every deployment setting in its environment',
    (stage) => {
      const fn = resourceNamed(template, 'AWS::Lambda::Function', `Stages${stage}`);
      const variables = (fn.Properties['Environment'] as { Variables: Record<string, unknown> })
        .Variables;

      expect(Object.keys(variables).sort()).toEqual(
        [...Object.values(SETTING_VARIABLES), 'NODE_OPTIONS'].sort(),
      );
      expect(variables).toMatchObject({
        STALE_SG_FLOW_LOG_BUCKET: 'central-flow-logs',
        STALE_SG_FLOW_LOG_PREFIX: 'vpc',
        STALE_SG_ACCOUNTS: '111111111111,222222222222',
        STALE_SG_REGIONS: 'eu-west-1,us-east-1',
        STALE_SG_DATA_BUCKET: { Ref: logicalIdOf(template, 'AWS::S3::Bucket', 'DataBucket') },
        STALE_SG_WORKGROUP: 'stale-sg',
        STALE_SG_EMAIL_TO: 'secops@example.com,network@example.com',
        NODE_OPTIONS: '--enable-source-maps',
      });
    },
  );

  it('are bundled by the local esbuild as ES modules, with the runtime’s AWS SDK', () => {
    expect(STAGE_BUNDLING).toMatchObject({
      forceDockerBundling: false,
      format: 'esm',
      target: 'node22',
      externalModules: ['@aws-sdk/*'],
    });
  });
});
