import type { Node } from 'constructs';
import type { StaleSgMemberRoleStackProps } from './member-role-stack.js';
import type { StaleSgStackProps } from './stack-props.js';

/**
 * The stack's settings from CDK context: `-c key=value` on the command line
 * (lists comma-separated) or the `context` of cdk.json (strings, or JSON
 * lists and numbers). Unset keys stay unset, so the stack's defaults apply;
 * the required ones become empty, which the stack reports by name.
 */
export function stackPropsFromContext(node: Node): StaleSgStackProps {
  const context = reader(node);
  return {
    ...environment(context),
    flowLogBucket: context.text('flowLogBucket') ?? '',
    flowLogPrefix: context.text('flowLogPrefix'),
    format: context.text('format') as StaleSgStackProps['format'],
    layout: context.text('layout') as StaleSgStackProps['layout'],
    partitioning: context.text('partitioning') as StaleSgStackProps['partitioning'],
    fields: context.list('fields'),
    accounts: context.list('accounts'),
    regions: context.list('regions'),
    schedule: context.text('schedule'),
    scheduleEnabled: context.flag('scheduleEnabled'),
    emailFrom: context.text('emailFrom') ?? '',
    emailTo: context.list('emailTo') ?? [],
    notify: context.text('notify') as StaleSgStackProps['notify'],
    staleAfterDays: context.number('staleAfterDays'),
    windowDays: context.number('windowDays'),
    memberRoleName: context.text('memberRoleName'),
    rulesTableName: context.text('rulesTable'),
    usageTableName: context.text('usageTable'),
    databaseName: context.text('database'),
    tableName: context.text('table'),
    workGroupName: context.text('workGroup'),
    bytesScannedCutoff: context.number('bytesScannedCutoff'),
    dataPrefix: context.text('dataPrefix'),
    logRetentionDays: context.number('logRetentionDays'),
  };
}

export function memberRolePropsFromContext(node: Node): StaleSgMemberRoleStackProps {
  const context = reader(node);
  return {
    ...environment(context),
    roleName: context.text('memberRoleName'),
    collectorRoleArn: context.text('collectorRoleArn'),
  };
}

/** The stack's name, `StaleSg` unless `-c stackName=...`. */
export function stackNameFromContext(node: Node, fallback: string): string {
  return reader(node).text('stackName') ?? fallback;
}

export function flagFromContext(node: Node, key: string): boolean {
  return reader(node).flag(key) ?? false;
}

type Reader = ReturnType<typeof reader>;

/**
 * Deploys to `-c account=... -c region=...` or, as the CDK CLI sets them from
 * the credentials, CDK_DEFAULT_ACCOUNT and CDK_DEFAULT_REGION. With neither,
 * the stack is environment-agnostic and synthesizes without credentials.
 */
function environment(context: Reader): Pick<StaleSgStackProps, 'env'> {
  const account = context.text('account') ?? process.env['CDK_DEFAULT_ACCOUNT'];
  const region = context.text('region') ?? process.env['CDK_DEFAULT_REGION'];
  return account === undefined && region === undefined ? {} : { env: { account, region } };
}

function reader(node: Node) {
  const raw = (key: string): unknown => node.tryGetContext(key);
  return {
    text(key: string): string | undefined {
      const value = raw(key);
      return value === undefined || value === null ? undefined : String(value).trim();
    },

    list(key: string): string[] | undefined {
      const value = raw(key);
      if (value === undefined || value === null) return undefined;
      const items = Array.isArray(value) ? value.map(String) : String(value).split(',');
      return items.map((item) => item.trim()).filter((item) => item !== '');
    },

    flag(key: string): boolean | undefined {
      const value = raw(key);
      if (value === undefined || value === null) return undefined;
      const text = String(value).trim();
      if (text !== 'true' && text !== 'false') {
        throw new Error(`context ${key} must be true or false, found ${JSON.stringify(value)}`);
      }
      return text === 'true';
    },

    number(key: string): number | undefined {
      const value = raw(key);
      if (value === undefined || value === null) return undefined;
      const number = typeof value === 'number' ? value : Number(String(value).trim());
      if (String(value).trim() === '' || Number.isNaN(number)) {
        throw new Error(`context ${key} must be a number, found ${JSON.stringify(value)}`);
      }
      return number;
    },
  };
}
