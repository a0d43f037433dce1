import { Token } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DEFAULT_FLOW_LOG_FIELDS, type FlowLogTableLayout } from '../src/athena/flow-log-table.js';
import type { DeploymentSettings } from '../src/deploy/deployment-settings.js';
import * as check from './props-checks.js';
import { DEFAULTS, type StaleSgStackProps } from './stack-props.js';

/** The settings with every default applied and every value checked. */
export interface DeploymentConfig {
  readonly table: Required<FlowLogTableLayout>;
  readonly schedule: string;
  readonly scheduleEnabled: boolean;
  readonly workGroup: string;
  readonly dataPrefix: string;
  readonly memberRoleName: string;
  /** The accounts whose inventory is read through `memberRoleName`. */
  readonly memberAccounts: readonly string[];
  readonly rulesTable: string;
  readonly usageTable: string;
  readonly staleAfterDays: number;
  readonly windowDays: number;
  readonly emailFrom: string;
  readonly emailTo: readonly string[];
  readonly notify: DeploymentSettings['notify'];
  readonly bytesScannedCutoff: number;
  readonly logRetention: RetentionDays;
}

/** Where the stack is deployed; either may be a token for an environment-agnostic stack. */
export interface DeploymentTarget {
  readonly account: string;
  readonly region: string;
}

/** Applies the defaults and throws one Error that lists every invalid setting. */
export function resolveConfig(
  props: StaleSgStackProps,
  target: DeploymentTarget,
): DeploymentConfig {
  const config = withDefaults(props, target);
  const problems = problemsOf(config);
  if (problems.length > 0) {
    throw new Error(`Invalid stale-sg deployment settings:\n- ${problems.join('\n- ')}`);
  }
  return config;
}

function withDefaults(props: StaleSgStackProps, target: DeploymentTarget): DeploymentConfig {
  const accounts = unique(props.accounts ?? [target.account]);
  return {
    table: {
      database: props.databaseName ?? DEFAULTS.databaseName,
      table: props.tableName ?? DEFAULTS.tableName,
      bucket: props.flowLogBucket,
      prefix: trimSlashes(props.flowLogPrefix ?? DEFAULTS.flowLogPrefix),
      format: props.format ?? DEFAULTS.format,
      layout: props.layout ?? DEFAULTS.layout,
      partitioning: props.partitioning ?? DEFAULTS.partitioning,
      accounts,
      regions: unique(props.regions ?? [target.region]),
      fields: props.fields ?? DEFAULT_FLOW_LOG_FIELDS,
    },
    schedule: props.schedule ?? DEFAULTS.schedule,
    scheduleEnabled: props.scheduleEnabled ?? true,
    workGroup: props.workGroupName ?? DEFAULTS.workGroupName,
    dataPrefix: folder(props.dataPrefix ?? DEFAULTS.dataPrefix),
    memberRoleName: props.memberRoleName ?? DEFAULTS.memberRoleName,
    memberAccounts: memberAccounts(accounts, target.account),
    rulesTable: props.rulesTableName ?? DEFAULTS.rulesTableName,
    usageTable: props.usageTableName ?? DEFAULTS.usageTableName,
    staleAfterDays: props.staleAfterDays ?? DEFAULTS.staleAfterDays,
    windowDays: props.windowDays ?? DEFAULTS.windowDays,
    emailFrom: props.emailFrom,
    emailTo: props.emailTo,
    notify: props.notify ?? DEFAULTS.notify,
    bytesScannedCutoff: props.bytesScannedCutoff ?? DEFAULTS.bytesScannedCutoff,
    logRetention: (props.logRetentionDays ?? DEFAULTS.logRetentionDays) as RetentionDays,
  };
}

/**
 * The configured accounts other than the deployment's own, whose roles the
 * collect stage assumes. When the stack's account is only known at deploy
 * time, every configured account counts: a grant to assume a role that does
 * not exist in the own account gives nothing.
 */
function memberAccounts(accounts: readonly string[], own: string): string[] {
  return accounts.filter((account) => !Token.isUnresolved(account) && account !== own);
}

function problemsOf(config: DeploymentConfig): string[] {
  const { table } = config;
  const tableName = check.namePattern(/^[A-Za-z0-9_.-]{3,255}$/, 'a DynamoDB table name');
  const problems = [
    table.bucket === ''
      ? 'flowLogBucket is required: the bucket the flow logs are delivered to'
      : check.tableLayout(table),
    check.scheduleExpression('schedule', config.schedule),
    check.namePattern(/^[A-Za-z0-9._-]{1,128}$/, 'an Athena workgroup name')(
      'workGroupName',
      config.workGroup,
    ),
    check.namePattern(/^[\w+=,.@-]{1,64}$/, 'an IAM role name')(
      'memberRoleName',
      config.memberRoleName,
    ),
    tableName('rulesTableName', config.rulesTable),
    tableName('usageTableName', config.usageTable),
    config.rulesTable === config.usageTable
      ? 'rulesTableName and usageTableName must differ'
      : null,
    check.wholeNumber(1)('staleAfterDays', config.staleAfterDays),
    check.wholeNumber(1)('windowDays', config.windowDays),
    check.oneOf(['on-findings', 'always'])('notify', config.notify),
    check.wholeNumber(10_000_000)('bytesScannedCutoff', config.bytesScannedCutoff),
    check.retentionDays('logRetentionDays', config.logRetention),
    ...emailProblems(config),
  ];
  return problems.filter((problem) => problem !== null);
}

function emailProblems(config: DeploymentConfig): (string | null)[] {
  return [
    config.emailFrom === ''
      ? 'emailFrom is required: the SES-verified sender of the findings and failure mails'
      : check.mailbox('emailFrom', config.emailFrom),
    config.emailTo.length === 0
      ? 'emailTo is required: at least one recipient'
      : check.bareAddresses('emailTo', config.emailTo),
  ];
}

function trimSlashes(prefix: string): string {
  return prefix.replace(/^\/+|\/+$/g, '');
}

/** A prefix as a folder: `inventory/`, or empty for the whole bucket. */
function folder(prefix: string): string {
  const trimmed = trimSlashes(prefix);
  return trimmed === '' ? '' : `${trimmed}/`;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
