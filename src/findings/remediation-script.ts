import { StaleSgError } from '../errors.js';
import type { Direction } from '../inventory/inventory.js';
import { DERIVED_RULE_ID_PREFIX } from '../inventory/derive-rules.js';
import type { IpPermission } from './ip-permissions.js';
import { ipPermissionOf } from './ip-permissions.js';
import type { PlannedRevocation, RemediationKind, RemediationPlan } from './remediation-plan.js';
import { ruleLabel } from './rule-label.js';
import { commentLines, shellQuote } from './shell-text.js';

/**
 * The scripts `stale-sg remediate` writes for a person to review and run.
 * stale-sg never calls AWS to change anything: these are text.
 */

export interface ScriptMeta {
  readonly generatedAt: Date;
  /** Added to every `aws` call as `--region`. */
  readonly region?: string;
  /** Added to every `aws` call as `--profile`. */
  readonly profile?: string;
}

/** A revoked rule as it was, enough to recreate it with `authorize-security-group-*`. */
export interface BackedUpRule {
  readonly ruleId: string;
  readonly groupId: string;
  readonly groupName: string;
  readonly direction: Direction;
  readonly description: string | null;
  readonly kind: RemediationKind;
  readonly reason: string;
  /** One permission, in the shape `--ip-permissions` takes, description included. */
  readonly ipPermissions: readonly IpPermission[];
}

export interface RemediationBackup {
  readonly backupVersion: 1;
  readonly rules: readonly BackedUpRule[];
}

const WARNING = [
  'REVIEW BEFORE RUNNING. This script changes security groups: each rule below',
  'stops allowing traffic as soon as its command runs. The findings rest on the',
  'flow logs of the analysed window only; traffic they did not see may need a rule.',
];

/**
 * A bash script that revokes the planned rules, grouped by security group:
 * by rule id (`--security-group-rule-ids`) where AWS gave one, by the full
 * permission (`--ip-permissions`) for rules whose id stale-sg derived.
 */
export function renderRevokeScript(plan: RemediationPlan, meta: ScriptMeta): string {
  const header = [
    `stale-sg remediation: revokes ${plan.revocations.length} security group rules`,
    `in ${groupsOf(plan.revocations).length} groups, chosen from these findings: ${plan.kinds.join(', ')}.`,
    `Generated ${meta.generatedAt.toISOString()}.`,
    '',
    ...WARNING,
    'Keep the JSON backup written with it: its restore script recreates every rule.',
    '',
    "Each rule is listed with the finding that chose it and that finding's evidence.",
    ...keptLines(plan),
    ...skippedLines(plan),
  ];

  const body = groupsOf(plan.revocations).flatMap((group) => revokeGroup(group, meta));
  const empty = plan.revocations.length === 0 ? ['# Nothing to revoke.'] : [];
  return script(header, [...empty, ...body]);
}

/** Every revoked rule, with its permission as the API takes it, for the restore script. */
export function renderBackup(plan: RemediationPlan): RemediationBackup {
  return {
    backupVersion: 1,
    rules: plan.revocations.map(({ rule, groupName, kind, reason }) => ({
      ruleId: rule.ruleId,
      groupId: rule.groupId,
      groupName,
      direction: rule.direction,
      description: rule.description,
      kind,
      reason,
      ipPermissions: [ipPermissionOf(rule, { withDescription: true })],
    })),
  };
}

/**
 * A bash script that recreates every rule of a backup with
 * `authorize-security-group-ingress`/`-egress`. AWS gives recreated rules
 * new `sgr-` ids; the script stops at a rule that already exists again.
 */
export function renderRestoreScript(backup: RemediationBackup, meta: ScriptMeta): string {
  const header = [
    `stale-sg restore: recreates ${backup.rules.length} revoked security group rules.`,
    `Generated ${meta.generatedAt.toISOString()}.`,
    '',
    'REVIEW BEFORE RUNNING. This script changes security groups: each rule below',
    'allows traffic again as soon as its command runs. Recreated rules get new rule ids.',
  ];

  const body = backup.rules.flatMap((entry, index) => [
    '',
    ...checkDirection(entry.direction, index),
    ...commentLines([`${entry.ruleId} in ${entry.groupId} (${entry.groupName}), ${entry.kind}`]),
    aws(
      `authorize-security-group-${entry.direction}`,
      [
        '--group-id',
        shellQuote(entry.groupId),
        '--ip-permissions',
        shellQuote(JSON.stringify(entry.ipPermissions)),
      ],
      meta,
    ),
  ]);
  return script(header, body);
}

/**
 * A backup is read back from a file that anyone may have edited, and the
 * direction becomes part of a command name, so it must be one of the two.
 */
function checkDirection(direction: unknown, index: number): [] {
  if (direction === 'ingress' || direction === 'egress') return [];
  const found = JSON.stringify(direction) ?? String(direction);
  throw new StaleSgError(
    'INVALID_ARGUMENT',
    `backup rules[${index}].direction: expected "ingress" or "egress", found ${found}`,
  );
}

interface GroupRevocations {
  readonly groupId: string;
  readonly groupName: string;
  readonly revocations: readonly PlannedRevocation[];
}

/** The revocations by group, in the plan's order. */
function groupsOf(revocations: readonly PlannedRevocation[]): GroupRevocations[] {
  const groups: GroupRevocations[] = [];
  for (const revocation of revocations) {
    const last = groups.at(-1);
    if (last?.groupId === revocation.rule.groupId) {
      groups[groups.length - 1] = { ...last, revocations: [...last.revocations, revocation] };
    } else {
      const { groupId } = revocation.rule;
      groups.push({ groupId, groupName: revocation.groupName, revocations: [revocation] });
    }
  }
  return groups;
}

function revokeGroup(group: GroupRevocations, meta: ScriptMeta): string[] {
  const lines = ['', ...commentLines([`${group.groupId} (${group.groupName})`])];

  for (const direction of ['ingress', 'egress'] as const) {
    const revocations = group.revocations.filter((entry) => entry.rule.direction === direction);
    const byId = revocations.filter((entry) => !isDerived(entry));
    const command = `revoke-security-group-${direction}`;
    const groupArgs = ['--group-id', shellQuote(group.groupId)];

    if (byId.length > 0) {
      const ids = byId.map((entry) => shellQuote(entry.rule.ruleId));
      lines.push(...commentLines(byId.map(ruleComment)));
      lines.push(aws(command, [...groupArgs, '--security-group-rule-ids', ...ids], meta));
    }

    // Rules described without an sgr- id got one from stale-sg, which AWS
    // does not know: they can only be revoked by stating the permission.
    for (const entry of revocations.filter(isDerived)) {
      const permission = JSON.stringify([ipPermissionOf(entry.rule, { withDescription: false })]);
      lines.push(...commentLines([ruleComment(entry)]));
      lines.push(aws(command, [...groupArgs, '--ip-permissions', shellQuote(permission)], meta));
    }
  }
  return lines;
}

function isDerived(entry: PlannedRevocation): boolean {
  return entry.rule.derived || entry.rule.ruleId.startsWith(DERIVED_RULE_ID_PREFIX);
}

function ruleComment({ rule, reason }: PlannedRevocation): string {
  const description = rule.description === null ? '' : ` "${rule.description}"`;
  return `  ${rule.ruleId}: ${rule.direction} ${ruleLabel(rule)}${description}. ${reason}`;
}

function keptLines(plan: RemediationPlan): string[] {
  if (plan.kept.length === 0) return [];
  return [
    '',
    'Kept on purpose: redundant rules that allowed the same requests, of which one stays.',
    ...plan.kept.map(
      (entry) =>
        `  ${entry.ruleId} keeps ${entry.keepsCovered.join(', ')} covered: ${entry.reason}`,
    ),
  ];
}

function skippedLines(plan: RemediationPlan): string[] {
  if (plan.skipped.length === 0) return [];
  return [
    '',
    'Not revoked although a chosen finding names them:',
    ...plan.skipped.map((entry) => `  ${entry.ruleId} (${entry.kind}): ${entry.reason}`),
  ];
}

/** One `aws ec2` call; every argument is already a shell word. */
function aws(command: string, args: readonly string[], meta: ScriptMeta): string {
  const region = meta.region === undefined ? [] : ['--region', shellQuote(meta.region)];
  const profile = meta.profile === undefined ? [] : ['--profile', shellQuote(meta.profile)];
  return ['aws', 'ec2', command, ...args, ...region, ...profile].join(' ');
}

function script(header: readonly string[], body: readonly string[]): string {
  return ['#!/usr/bin/env bash', ...commentLines(header), 'set -euo pipefail', ...body, ''].join(
    '\n',
  );
}
