import { StaleSgError } from '../errors.js';
import type { FlowLogTableLayout } from '../athena/flow-log-table.js';

/**
 * What the deployed stages need to know, read from their Lambda
 * environment (the CDK app sets these variables): where the flow logs and
 * the Athena table are, the accounts and regions to collect, the two
 * DynamoDB tables, and whom to mail.
 */
export interface DeploymentSettings {
  readonly layout: FlowLogTableLayout;
  /** The Athena workgroup; its result location is its own setting. */
  readonly workGroup: string;
  /** Bucket and prefix where each run uploads its inventory tables, as data. */
  readonly dataBucket: string;
  readonly dataPrefix: string;
  /** The role name to assume in each account other than the deployment's own. */
  readonly memberRoleName: string | null;
  readonly rulesTable: string;
  readonly usageTable: string;
  readonly staleAfterDays: number;
  /** Days of flow logs each run reads, ending at the start of the run's UTC day. */
  readonly windowDays: number;
  readonly emailFrom: string | null;
  readonly emailTo: readonly string[];
  /** `on-findings` or `always`. */
  readonly notify: 'on-findings' | 'always';
}

/** The environment variables, one per setting, as the CDK app writes them. */
export const SETTING_VARIABLES = {
  flowLogBucket: 'STALE_SG_FLOW_LOG_BUCKET',
  flowLogPrefix: 'STALE_SG_FLOW_LOG_PREFIX',
  format: 'STALE_SG_FLOW_LOG_FORMAT',
  layout: 'STALE_SG_FLOW_LOG_LAYOUT',
  partitioning: 'STALE_SG_FLOW_LOG_PARTITIONING',
  fields: 'STALE_SG_FLOW_LOG_FIELDS',
  accounts: 'STALE_SG_ACCOUNTS',
  regions: 'STALE_SG_REGIONS',
  database: 'STALE_SG_DATABASE',
  table: 'STALE_SG_TABLE',
  workGroup: 'STALE_SG_WORKGROUP',
  dataBucket: 'STALE_SG_DATA_BUCKET',
  dataPrefix: 'STALE_SG_DATA_PREFIX',
  memberRoleName: 'STALE_SG_MEMBER_ROLE_NAME',
  rulesTable: 'STALE_SG_RULES_TABLE',
  usageTable: 'STALE_SG_USAGE_TABLE',
  staleAfterDays: 'STALE_SG_STALE_AFTER_DAYS',
  windowDays: 'STALE_SG_WINDOW_DAYS',
  emailFrom: 'STALE_SG_EMAIL_FROM',
  emailTo: 'STALE_SG_EMAIL_TO',
  notify: 'STALE_SG_NOTIFY',
} as const;

type Environment = Readonly<Record<string, string | undefined>>;

/** Reads the settings; a missing or malformed variable is an INVALID_ARGUMENT naming it. */
export function settingsFromEnvironment(env: Environment): DeploymentSettings {
  const v = SETTING_VARIABLES;
  const fields = list(env, v.fields);
  return {
    layout: {
      database: required(env, v.database),
      table: required(env, v.table),
      bucket: required(env, v.flowLogBucket),
      prefix: env[v.flowLogPrefix] ?? '',
      format: oneOf(env, v.format, ['text', 'parquet'] as const, 'text'),
      layout: oneOf(env, v.layout, ['plain', 'hive'] as const, 'plain'),
      partitioning: oneOf(env, v.partitioning, ['daily', 'hourly'] as const, 'daily'),
      accounts: nonEmptyList(env, v.accounts),
      regions: nonEmptyList(env, v.regions),
      ...(fields.length > 0 ? { fields } : {}),
    },
    workGroup: required(env, v.workGroup),
    dataBucket: required(env, v.dataBucket),
    dataPrefix: env[v.dataPrefix] ?? 'stale-sg/',
    memberRoleName: env[v.memberRoleName] || null,
    rulesTable: required(env, v.rulesTable),
    usageTable: required(env, v.usageTable),
    staleAfterDays: wholeNumber(env, v.staleAfterDays, 30),
    windowDays: wholeNumber(env, v.windowDays, 1),
    emailFrom: env[v.emailFrom] || null,
    emailTo: list(env, v.emailTo),
    notify: oneOf(env, v.notify, ['on-findings', 'always'] as const, 'on-findings'),
  };
}

function required(env: Environment, name: string): string {
  const value = env[name];
  if (value === undefined || value === '') throw invalid(`${name} is not set`);
  return value;
}

function list(env: Environment, name: string): string[] {
  return (env[name] ?? '')
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function nonEmptyList(env: Environment, name: string): string[] {
  const items = list(env, name);
  if (items.length === 0) throw invalid(`${name} must list at least one value`);
  return items;
}

function oneOf<T extends string>(
  env: Environment,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!(choices as readonly string[]).includes(value)) {
    throw invalid(`${name} must be one of ${choices.join(', ')}, found "${value}"`);
  }
  return value as T;
}

function wholeNumber(env: Environment, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw invalid(`${name} must be a whole number of days, 1 or more, found "${value}"`);
  }
  return Number(value);
}

function invalid(message: string): StaleSgError {
  return new StaleSgError('INVALID_ARGUMENT', message);
}
