import { computeFindings } from '../../src/findings/compute-findings.js';
import { planRemediation } from '../../src/findings/remediation-plan.js';
import type { SecurityGroupRule } from '../../src/inventory/inventory.js';
import {
  WINDOW_END,
  cidr,
  eni,
  evidenceOf,
  group,
  inventoryOf,
  reportOf,
  sgRule,
} from './fixtures.js';

/**
 * Rule descriptions and group names that try to run commands. Scripts made
 * from `safeAttack` are executed (with a fake `aws`): if quoting failed, all
 * that would run is `touch`, creating files whose names start with `marker`,
 * which the tests look for. Scripts made from `DESTRUCTIVE_ATTACK` are only
 * ever parsed, never run.
 */
export function safeAttack(marker: string): string {
  return [
    `it's $(touch ${marker}) \`touch ${marker}-tick\` $HOME "$(touch ${marker}-dq)"`,
    `next line\ntouch ${marker}-newline\r\n# '\\' \u2028touch ${marker}-ls`,
  ].join('');
}

export const DESTRUCTIVE_ATTACK = "it's $(rm -rf /)\nrm -rf / `rm -rf /` '\\'' $(rm -rf ~)";

function hostileRules(description: string): SecurityGroupRule[] {
  return [
    sgRule('sgr-1', { fromPort: 22, toPort: 22, description }),
    sgRule('sgr-2', { fromPort: 3389, toPort: 3389, peer: cidr('::/0') }),
    sgRule('sgr-3', {
      direction: 'egress',
      protocol: -1,
      fromPort: null,
      toPort: null,
      peer: { kind: 'security-group', value: 'sg-db' },
      description: 'to the database',
    }),
    sgRule('sgr-derived-0123456789ab', {
      protocol: 1,
      fromPort: 8,
      toPort: -1,
      peer: { kind: 'prefix-list', value: 'pl-0abc' },
      description,
      derived: true,
    }),
    sgRule('sgr-4', {
      groupId: 'sg-db',
      protocol: 17,
      fromPort: null,
      toPort: null,
      peer: cidr('10.0.0.0/8'),
    }),
    sgRule('sgr-keep', { groupId: 'sg-db', fromPort: 5432, toPort: 5432 }),
  ];
}

/** A plan revoking the stale rules above, in groups named with the same attack. */
export function hostilePlan(attack: string) {
  const rules = hostileRules(attack);
  const inventory = inventoryOf({
    groups: [{ ...group('sg-web'), groupName: `web\n${attack}` }, group('sg-db')],
    rules,
    interfaces: [eni('eni-1', ['sg-web', 'sg-db'])],
  });
  const reports = rules.map((rule) =>
    reportOf(
      rule,
      rule.ruleId === 'sgr-keep'
        ? { status: 'used', hits: 3, exclusiveHits: 3 }
        : { status: 'stale' },
    ),
  );
  const evidence = evidenceOf();
  const findings = computeFindings({
    inventory,
    rules: reports,
    evidence,
    windowEnd: WINDOW_END,
    staleAfterDays: 30,
  });
  return planRemediation({ inventory, findings, evidence });
}
