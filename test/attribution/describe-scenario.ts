/**
 * A scenario as a few lines a person can read: the rules, interfaces and
 * prefix lists, the options, and the records as flow log lines. Property
 * failures print it next to the differences.
 */
import type { SecurityGroupRule } from '../../src/inventory/inventory.js';
import type { Scenario } from './runners.js';
import { formatFlowRecord } from '../../src/flow-logs/format-flow-record.js';
import { FULL_FORMAT } from './runners.js';

export function describeScenario(scenario: Scenario): string {
  const { inventory, options = {}, file = {} } = scenario;

  const lines = [
    'rules:',
    ...inventory.rules.map((rule) => `  ${describeRule(rule)}`),
    'interfaces:',
    ...inventory.interfaces.map(
      (eni) => `  ${eni.interfaceId} in ${eni.groupIds.join(',')} at ${eni.addresses.join(', ')}`,
    ),
    'prefix lists:',
    ...inventory.prefixLists.map((list) => `  ${list.prefixListId}: ${list.cidrs.join(', ')}`),
    `options: ${describeOptions(options)}`,
    `file: ${describeFile(file)}`,
    `records (${RECORD_FIELDS.join(' ')}):`,
    ...scenario.records.map((record) => `  ${formatFlowRecord(record, RECORD_FIELDS)}`),
  ];
  return lines.join('\n');
}

/** Records are shown in one order whatever the file's, without version and account-id. */
const RECORD_FIELDS = FULL_FORMAT.filter((field) => field !== 'version' && field !== 'account-id');

function describeFile(file: NonNullable<Scenario['file']>): string {
  const fields = file.fields ?? FULL_FORMAT;
  const header = file.header === false ? 'no header' : `header "${fields.join(' ')}"`;
  const files = file.files !== undefined && file.files > 1 ? `, ${file.files} files` : '';
  return `${header}${file.gzip === true ? ', gzip' : ''}${files}`;
}

function describeRule(rule: SecurityGroupRule): string {
  const ports =
    rule.fromPort === null && rule.toPort === null ? '' : ` ${rule.fromPort}-${rule.toPort}`;
  const way = rule.direction === 'ingress' ? 'from' : 'to';
  return `${rule.ruleId}: ${rule.groupId} ${rule.direction} protocol ${rule.protocol}${ports} ${way} ${rule.peer.kind} ${rule.peer.value}`;
}

function describeOptions(options: NonNullable<Scenario['options']>): string {
  const parts = [
    options.since === undefined ? [] : [`since ${options.since.getTime() / 1000}`],
    options.until === undefined ? [] : [`until ${options.until.getTime() / 1000}`],
    options.staleAfterDays === undefined ? [] : [`stale after ${options.staleAfterDays} days`],
    options.ephemeralPorts === undefined
      ? []
      : [`ephemeral ${options.ephemeralPorts.from}-${options.ephemeralPorts.to}`],
  ].flat();
  return parts.length === 0 ? 'none' : parts.join(', ');
}
