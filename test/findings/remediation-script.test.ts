import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

import type { IpPermission } from '../../src/findings/ip-permissions.js';
import {
  renderBackup,
  renderRestoreScript,
  renderRevokeScript,
} from '../../src/findings/remediation-script.js';
import { shellQuote } from '../../src/findings/shell-text.js';
import { protocolNumber } from '../../src/inventory/protocol.js';
import { cidr, sgRule } from './fixtures.js';
import { DESTRUCTIVE_ATTACK, hostilePlan, safeAttack } from './hostile-plan.js';
import { planFor, redundant } from './remediation-fixture.js';
import {
  bashSyntaxErrors,
  expectOnlyCommentsAndCalls,
  runWithFakeAws,
  shellWords,
} from './shell-harness.js';

const workDir = mkdtempSync(join(tmpdir(), 'stale-sg-remediate-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const marker = join(workDir, 'injected');
const SAFE_ATTACK = safeAttack(marker);
const meta = { generatedAt: new Date('2026-03-01T12:00:00Z') };
const plan = hostilePlan(SAFE_ATTACK);
const destructivePlan = hostilePlan(DESTRUCTIVE_ATTACK);

/** The rule a permission recreates: what the restore call would make. */
function ruleOf(groupId: string, direction: string, permission: IpPermission) {
  const peer =
    permission.IpRanges.map((r) => ({
      kind: 'cidr4',
      value: r.CidrIp,
      description: r.Description,
    }))[0] ??
    permission.Ipv6Ranges.map((r) => ({
      kind: 'cidr6',
      value: r.CidrIpv6,
      description: r.Description,
    }))[0] ??
    permission.PrefixListIds.map((r) => ({
      kind: 'prefix-list',
      value: r.PrefixListId,
      description: r.Description,
    }))[0] ??
    permission.UserIdGroupPairs.map((r) => ({
      kind: 'security-group',
      value: r.GroupId,
      description: r.Description,
    }))[0];
  return {
    groupId,
    direction,
    protocol: protocolNumber(permission.IpProtocol),
    fromPort: permission.FromPort ?? null,
    toPort: permission.ToPort ?? null,
    peer: { kind: peer?.kind, value: peer?.value },
    description: peer?.description ?? null,
  };
}

describe('renderRevokeScript', () => {
  const script = renderRevokeScript(plan, meta);

  it('is valid bash, and every line is a comment, the shell options or an aws call', () => {
    expectOnlyCommentsAndCalls(script);
  });

  it('says what, why and when, and that it must be reviewed', () => {
    expect(script).toContain('# stale-sg remediation: revokes 5 security group rules');
    expect(script).toContain('# Generated 2026-03-01T12:00:00.000Z.');
    expect(script).toContain('# REVIEW BEFORE RUNNING. This script changes security groups');
    expect(script).toContain(
      '#   sgr-2: ingress tcp 3389 from ::/0. stale: no hit in the last 30 days, never seen in the window',
    );
  });

  it('revokes by rule id, one call per group and direction, derived rules by permission', () => {
    const calls = runWithFakeAws(script, join(workDir, 'revoke'));

    expect(calls).toEqual([
      [
        'ec2',
        'revoke-security-group-ingress',
        '--group-id',
        'sg-db',
        '--security-group-rule-ids',
        'sgr-4',
      ],
      [
        'ec2',
        'revoke-security-group-ingress',
        '--group-id',
        'sg-web',
        '--security-group-rule-ids',
        'sgr-1',
        'sgr-2',
      ],
      [
        'ec2',
        'revoke-security-group-ingress',
        '--group-id',
        'sg-web',
        '--ip-permissions',
        '[{"IpProtocol":"icmp","FromPort":8,"ToPort":-1,"IpRanges":[],"Ipv6Ranges":[],"PrefixListIds":[{"PrefixListId":"pl-0abc"}],"UserIdGroupPairs":[]}]',
      ],
      [
        'ec2',
        'revoke-security-group-egress',
        '--group-id',
        'sg-web',
        '--security-group-rule-ids',
        'sgr-3',
      ],
    ]);
  });

  it('runs nothing hidden in descriptions or group names, revoking or restoring', () => {
    runWithFakeAws(script, join(workDir, 'hostile-revoke'));
    runWithFakeAws(renderRestoreScript(renderBackup(plan), meta), join(workDir, 'hostile-restore'));

    const injected = readdirSync(workDir).filter((file) => file.startsWith('injected'));
    expect(injected).toEqual([]);
  });

  it('adds the region and profile, quoted', () => {
    const withTarget = renderRevokeScript(plan, { ...meta, region: 'eu-west-1', profile: "ops's" });
    expect(bashSyntaxErrors(withTarget)).toBe('');
    const calls = runWithFakeAws(withTarget, join(workDir, 'target'));
    expect(calls[0]?.slice(-4)).toEqual(['--region', 'eu-west-1', '--profile', "ops's"]);
  });

  it('says so when there is nothing to revoke', () => {
    const empty = renderRevokeScript(
      { kinds: ['stale'], revocations: [], kept: [], skipped: [] },
      meta,
    );
    expect(bashSyntaxErrors(empty)).toBe('');
    expect(empty).toContain('# Nothing to revoke.');
    expect(empty).not.toContain('aws ec2');
  });
});

describe('renderBackup and renderRestoreScript', () => {
  const backup = renderBackup(plan);
  const script = renderRestoreScript(JSON.parse(JSON.stringify(backup)) as typeof backup, meta);

  it('backs up every revoked rule with its permission and description', () => {
    expect(backup.rules.map((entry) => entry.ruleId)).toEqual([
      'sgr-4',
      'sgr-1',
      'sgr-2',
      'sgr-derived-0123456789ab',
      'sgr-3',
    ]);
    expect(backup.rules.find((entry) => entry.ruleId === 'sgr-3')).toEqual({
      ruleId: 'sgr-3',
      groupId: 'sg-web',
      groupName: `web\n${SAFE_ATTACK}`,
      direction: 'egress',
      description: 'to the database',
      kind: 'stale',
      reason: expect.stringMatching(/^stale: /) as string,
      ipPermissions: [
        {
          IpProtocol: '-1',
          IpRanges: [],
          Ipv6Ranges: [],
          PrefixListIds: [],
          UserIdGroupPairs: [{ GroupId: 'sg-db', Description: 'to the database' }],
        },
      ],
    });
  });

  it('is valid bash made of comments and aws calls only', () => {
    expectOnlyCommentsAndCalls(script);
    expect(script).toContain('# REVIEW BEFORE RUNNING. This script changes security groups');
  });

  it('recreates exactly the revoked rules, descriptions included', () => {
    const calls = runWithFakeAws(script, join(workDir, 'restore'));
    const recreated = calls.map((args) => {
      const direction = args[1]?.replace('authorize-security-group-', '') ?? '';
      const groupId = args[args.indexOf('--group-id') + 1] ?? '';
      const permissions = JSON.parse(
        args[args.indexOf('--ip-permissions') + 1] ?? '',
      ) as IpPermission[];
      expect(permissions).toHaveLength(1);
      return ruleOf(groupId, direction, permissions[0] as IpPermission);
    });

    const revoked = plan.revocations.map(({ rule }) => ({
      groupId: rule.groupId,
      direction: rule.direction,
      protocol: rule.protocol,
      fromPort: rule.protocol === 17 ? 0 : rule.fromPort,
      toPort: rule.protocol === 17 ? 65535 : rule.toPort,
      peer: rule.peer,
      description: rule.description,
    }));
    expect(recreated).toEqual(revoked);
    expect(recreated.filter((rule) => rule.description === SAFE_ATTACK)).toHaveLength(2);
    expect(existsSync(marker)).toBe(false);
  });
});

describe('renderRestoreScript on an edited backup', () => {
  it('refuses a direction that is not ingress or egress', () => {
    const backup = renderBackup(plan);
    const [first, ...rest] = backup.rules;
    if (first === undefined) throw new Error('fixture');
    const edited = { ...backup, rules: [...rest, { ...first, direction: 'ingress; touch x' }] };

    expect(() => renderRestoreScript(edited as unknown as typeof backup, meta)).toThrow(
      `backup rules[${rest.length}].direction: expected "ingress" or "egress", found "ingress; touch x"`,
    );
  });
});

describe('scripts from destructive descriptions (parsed, never run)', () => {
  const revoke = renderRevokeScript(destructivePlan, meta);
  const restore = renderRestoreScript(renderBackup(destructivePlan), meta);

  it.each([
    ['revoke', revoke],
    ['restore', restore],
  ])('the %s script is valid bash of comments and aws calls only', (_name, script) => {
    expectOnlyCommentsAndCalls(script);
    const calls = script.split('\n').filter((line) => line.startsWith('aws '));
    for (const call of calls) expect(() => shellWords(call)).not.toThrow();
  });

  it('carries the description verbatim, as data, into the restore call', () => {
    const calls = restore.split('\n').filter((line) => line.startsWith('aws '));
    const descriptions = calls.flatMap((call) => {
      const words = shellWords(call);
      const json = words[words.indexOf('--ip-permissions') + 1] ?? '[]';
      return (JSON.parse(json) as IpPermission[]).flatMap((p) => [
        ...p.IpRanges.map((r) => r.Description),
        ...p.PrefixListIds.map((r) => r.Description),
      ]);
    });
    expect(descriptions.filter((d) => d === DESTRUCTIVE_ATTACK)).toHaveLength(2);
  });
});

describe('shellQuote', () => {
  it.each([
    ['plain', "'plain'"],
    ["it's", "'it'\\''s'"],
    ['$(rm -rf /)', "'$(rm -rf /)'"],
    ['', "''"],
  ])('quotes %j', (text, quoted) => {
    expect(shellQuote(text)).toBe(quoted);
    const echoed = spawnSync('bash', ['-c', `printf %s ${quoted}`], { encoding: 'utf8' });
    expect(echoed.stdout).toBe(text);
  });
});

describe('the revoke script on redundant rules', () => {
  it('says which rule stays and why, and which rules it leaves alone', () => {
    const { plan: redundantPlan } = planFor({
      rules: [
        sgRule('sgr-a', { peer: cidr('10.0.0.0/16') }),
        sgRule('sgr-b', { peer: cidr('10.0.0.0/8') }),
        sgRule('sgr-lonely', { fromPort: 8443, toPort: 8443 }),
      ],
      usage: { 'sgr-a': redundant(7), 'sgr-b': redundant(3), 'sgr-lonely': redundant(2) },
      overlaps: [{ ruleIds: ['sgr-a', 'sgr-b'], hits: 3 }],
      kinds: ['redundant'],
    });
    const script = renderRevokeScript(redundantPlan, meta);

    expectOnlyCommentsAndCalls(script);
    expect(script).toContain(
      '#   sgr-a keeps sgr-b covered: the only rule left for 3 requests it shared with sgr-b; ' +
        'kept for having the most hits (7)',
    );
    expect(script).toContain(
      '#   sgr-lonely (redundant): no overlap in the evidence shows which other rule allowed its requests',
    );
    expect(script).toContain(
      "aws ec2 revoke-security-group-ingress --group-id 'sg-web' --security-group-rule-ids 'sgr-b'",
    );
  });
});
