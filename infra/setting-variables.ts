import { SETTING_VARIABLES } from '../src/deploy/deployment-settings.js';
import type { DeploymentConfig } from './resolve-config.js';

type SettingName = keyof typeof SETTING_VARIABLES;

/**
 * The Lambda environment that `settingsFromEnvironment` reads back: one
 * variable per setting, lists joined by commas. Every stage gets them all,
 * so the stages agree on the deployment whichever of them reads what.
 */
export function settingVariables(
  config: DeploymentConfig,
  dataBucket: string,
): Record<string, string> {
  const { table } = config;
  const values: Record<SettingName, string> = {
    flowLogBucket: table.bucket,
    flowLogPrefix: table.prefix,
    format: table.format,
    layout: table.layout,
    partitioning: table.partitioning,
    fields: table.fields.join(','),
    accounts: table.accounts.join(','),
    regions: table.regions.join(','),
    database: table.database,
    table: table.table,
    workGroup: config.workGroup,
    dataBucket,
    dataPrefix: config.dataPrefix,
    memberRoleName: config.memberRoleName,
    rulesTable: config.rulesTable,
    usageTable: config.usageTable,
    staleAfterDays: String(config.staleAfterDays),
    windowDays: String(config.windowDays),
    emailFrom: config.emailFrom,
    emailTo: config.emailTo.join(','),
    notify: config.notify,
  };
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [SETTING_VARIABLES[name as SettingName], value]),
  );
}
