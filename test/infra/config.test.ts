import { Aws } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../infra/resolve-config.js';
import { settingVariables } from '../../infra/setting-variables.js';
import type { StaleSgStackProps } from '../../infra/stack-props.js';
import {
  SETTING_VARIABLES,
  settingsFromEnvironment,
} from '../../src/deploy/deployment-settings.js';
import { DEFAULT_FLOW_LOG_FIELDS } from '../../src/athena/flow-log-table.js';
import { PROPS } from './synth-stack.js';

const TARGET = { account: '111111111111', region: 'eu-west-1' };
const MINIMAL: StaleSgStackProps = {
  flowLogBucket: 'central-flow-logs',
  emailFrom: 'stale-sg@example.com',
  emailTo: ['secops@example.com'],
};

describe('resolveConfig', () => {
  it("fills in the defaults, and the deployment's own account and region", () => {
    const config = resolveConfig(MINIMAL, TARGET);

    expect(config).toEqual({
      table: {
        database: 'stale_sg',
        table: 'flow_logs',
        bucket: 'central-flow-logs',
        prefix: '',
        format: 'text',
        layout: 'plain',
        partitioning: 'daily',
        accounts: ['111111111111'],
        regions: ['eu-west-1'],
        fields: DEFAULT_FLOW_LOG_FIELDS,
      },
      schedule: 'cron(0 3 * * ? *)',
      scheduleEnabled: true,
      workGroup: 'stale-sg',
      dataPrefix: 'inventory/',
      memberRoleName: 'stale-sg-inventory-reader',
      memberAccounts: [],
      rulesTable: 'sg-analysis-rules-data',
      usageTable: 'sg-analysis-rules-usage',
      staleAfterDays: 30,
      windowDays: 1,
      emailFrom: 'stale-sg@example.com',
      emailTo: ['secops@example.com'],
      notify: 'on-findings',
      bytesScannedCutoff: 1024 ** 4,
      logRetention: 90,
    });
  });

  it('accepts tokens for the account and region of an environment-agnostic stack', () => {
    const config = resolveConfig(MINIMAL, { account: Aws.ACCOUNT_ID, region: Aws.REGION });

    expect(config.table.accounts).toEqual([Aws.ACCOUNT_ID]);
    expect(config.memberAccounts).toEqual([]);
  });

  it('normalizes prefixes and drops repeated accounts and regions', () => {
    const config = resolveConfig(
      {
        ...MINIMAL,
        flowLogPrefix: '/vpc/logs/',
        dataPrefix: 'runs',
        accounts: ['111111111111', '222222222222', '222222222222'],
        regions: ['eu-west-1', 'eu-west-1'],
      },
      TARGET,
    );

    expect(config.table.prefix).toBe('vpc/logs');
    expect(config.dataPrefix).toBe('runs/');
    expect(config.table.accounts).toEqual(['111111111111', '222222222222']);
    expect(config.table.regions).toEqual(['eu-west-1']);
    expect(config.memberAccounts).toEqual(['222222222222']);
  });

  it.each<[string, Partial<StaleSgStackProps>, string]>([
    ['no bucket', { flowLogBucket: '' }, 'flowLogBucket is required'],
    ['a bucket URL', { flowLogBucket: 's3://logs' }, 'expected an S3 bucket name'],
    ['an unknown format', { format: 'csv' as 'text' }, 'format: expected text or parquet'],
    ['an unknown layout', { layout: 'flat' as 'plain' }, 'layout: expected plain or hive'],
    ['an unknown field', { fields: ['srcaddr', 'dst'] }, '"dst" is not a flow log field'],
    [
      'fields without the ones attribution needs',
      { fields: ['srcaddr', 'dstaddr'] },
      'fields must include interface-id, srcport, dstport, protocol, action',
    ],
    ['a short account id', { accounts: ['1234'] }, 'accounts: expected a 12-digit'],
    ['no regions', { regions: [] }, 'regions: expected at least one'],
    ['a region typo', { regions: ['eu-west'] }, 'regions: expected a region name'],
    ['a cron with five fields', { schedule: 'cron(0 3 * * *)' }, 'six fields'],
    ['a bare cron', { schedule: '0 3 * * ?' }, 'schedule must be an EventBridge Scheduler'],
    ['a zero rate', { schedule: 'rate(0 days)' }, 'schedule must be'],
    ['an upper-case table', { tableName: 'Flows' }, 'table: expected lower-case'],
    ['one DynamoDB table for both', { usageTableName: 'sg-analysis-rules-data' }, 'must differ'],
    ['a stale-after of zero', { staleAfterDays: 0 }, 'staleAfterDays must be a whole number'],
    ['a fractional window', { windowDays: 1.5 }, 'windowDays must be a whole number'],
    ['a tiny scan limit', { bytesScannedCutoff: 1000 }, 'bytesScannedCutoff must be'],
    ['a retention CloudWatch lacks', { logRetentionDays: 10 }, 'logRetentionDays must be'],
    ['no sender', { emailFrom: '' }, 'emailFrom is required'],
    ['no recipients', { emailTo: [] }, 'emailTo is required'],
    ['a malformed sender', { emailFrom: 'ops' }, 'emailFrom must be an email address'],
    [
      'a recipient with a display name',
      { emailTo: ['Ops <ops@example.com>'] },
      'emailTo must hold bare email addresses',
    ],
    ['an unknown notify mode', { notify: 'never' as 'always' }, 'notify must be one of'],
    ['a role name with a slash', { memberRoleName: 'a/b' }, 'memberRoleName must be'],
  ])('rejects %s', (_case, overrides, message) => {
    expect(() => resolveConfig({ ...MINIMAL, ...overrides }, TARGET)).toThrow(message);
  });

  it('names every problem at once', () => {
    const resolve = () =>
      resolveConfig({ ...MINIMAL, staleAfterDays: 0, schedule: 'daily' }, TARGET);

    expect(resolve).toThrow(/staleAfterDays[\s\S]*schedule|schedule[\s\S]*staleAfterDays/);
  });
});

describe('settingVariables', () => {
  it('sets every variable that settingsFromEnvironment reads', () => {
    const variables = settingVariables(resolveConfig(PROPS, TARGET), 'data-bucket');

    expect(Object.keys(variables).sort()).toEqual(Object.values(SETTING_VARIABLES).sort());
  });

  it('reads back as the same deployment', () => {
    const config = resolveConfig(
      {
        ...PROPS,
        format: 'parquet',
        layout: 'hive',
        partitioning: 'hourly',
        fields: [...DEFAULT_FLOW_LOG_FIELDS, 'tcp-flags', 'flow-direction'],
        staleAfterDays: 45,
        windowDays: 2,
        notify: 'always',
      },
      TARGET,
    );

    const settings = settingsFromEnvironment(settingVariables(config, 'data-bucket'));

    expect(settings).toEqual({
      layout: config.table,
      workGroup: 'stale-sg',
      dataBucket: 'data-bucket',
      dataPrefix: 'inventory/',
      memberRoleName: 'stale-sg-inventory-reader',
      rulesTable: 'sg-analysis-rules-data',
      usageTable: 'sg-analysis-rules-usage',
      staleAfterDays: 45,
      windowDays: 2,
      emailFrom: 'Security <stale-sg@example.com>',
      emailTo: ['secops@example.com', 'network@example.com'],
      notify: 'always',
    });
  });
});
