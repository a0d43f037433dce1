import type { StackProps } from 'aws-cdk-lib';
import type { FlowLogTableLayout } from '../src/athena/flow-log-table.js';
import type { DeploymentSettings } from '../src/deploy/deployment-settings.js';

/**
 * What a deployment is configured with. The flow log bucket and the mail
 * addresses have no default; everything else falls back to `DEFAULTS` or,
 * for the accounts and regions, to the account and region the stack is
 * deployed to.
 */
export interface StaleSgStackProps extends StackProps {
  /** The existing bucket the flow logs are delivered to; the stack never creates it. */
  readonly flowLogBucket: string;
  /** The destination's prefix before `AWSLogs/`; empty for none. */
  readonly flowLogPrefix?: string;
  readonly format?: FlowLogTableLayout['format'];
  readonly layout?: FlowLogTableLayout['layout'];
  readonly partitioning?: FlowLogTableLayout['partitioning'];
  /** The flow log's custom format, as AWS names the fields; the default format when absent. */
  readonly fields?: readonly string[];
  readonly accounts?: readonly string[];
  readonly regions?: readonly string[];
  /** An EventBridge Scheduler expression: `cron(...)`, `rate(...)` or `at(...)`, in UTC. */
  readonly schedule?: string;
  /** False deploys the schedule disabled, for example while history is being back-filled. */
  readonly scheduleEnabled?: boolean;
  /**
   * The SES-verified sender, `ops@example.com` or `Ops <ops@example.com>`,
   * and the recipients (bare addresses): the notify stage mails findings and
   * the failure stage mails errors, and both fail without them.
   */
  readonly emailFrom: string;
  readonly emailTo: readonly string[];
  readonly notify?: DeploymentSettings['notify'];
  readonly staleAfterDays?: number;
  readonly windowDays?: number;
  /** The role that the collect stage assumes in every account other than its own. */
  readonly memberRoleName?: string;
  readonly rulesTableName?: string;
  readonly usageTableName?: string;
  readonly databaseName?: string;
  readonly tableName?: string;
  readonly workGroupName?: string;
  /** Athena cancels a query that would scan more than this; 10 MB at least. */
  readonly bytesScannedCutoff?: number;
  /** Where each run's inventory goes in the data bucket. */
  readonly dataPrefix?: string;
  /** How long the stage functions' and the state machine's logs are kept. */
  readonly logRetentionDays?: number;
}

export const DEFAULTS = {
  flowLogPrefix: '',
  format: 'text',
  layout: 'plain',
  partitioning: 'daily',
  schedule: 'cron(0 3 * * ? *)',
  notify: 'on-findings',
  staleAfterDays: 30,
  windowDays: 1,
  memberRoleName: 'stale-sg-inventory-reader',
  rulesTableName: 'sg-analysis-rules-data',
  usageTableName: 'sg-analysis-rules-usage',
  databaseName: 'stale_sg',
  tableName: 'flow_logs',
  workGroupName: 'stale-sg',
  bytesScannedCutoff: 1024 ** 4,
  dataPrefix: 'inventory/',
  logRetentionDays: 90,
} as const;
