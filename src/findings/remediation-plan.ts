import type { Inventory, SecurityGroupRule } from '../inventory/inventory.js';
import type { RuleOverlap, UsageEvidence } from './evidence.js';
import type { Findings } from './findings.js';
import { compareText } from './findings.js';
import { chooseRedundant } from './choose-redundant.js';
import type { StaleRuleFinding } from './stale-findings.js';

/** The findings whose rules `stale-sg remediate` can revoke. */
export type RemediationKind = 'stale' | 'unobserved' | 'unattached' | 'redundant' | 'shadowed';

/**
 * The kinds in the order they claim rules: a rule that is both stale and
 * shadowed is revoked as stale. Shadowed rules come before redundant ones so
 * that the redundant selection knows which covering rules must stay.
 */
export const REMEDIATION_KINDS: readonly RemediationKind[] = [
  'stale',
  'unobserved',
  'unattached',
  'shadowed',
  'redundant',
];

export const DEFAULT_REMEDIATION_KINDS: readonly RemediationKind[] = ['stale'];

export interface PlannedRevocation {
  readonly rule: SecurityGroupRule;
  readonly groupName: string;
  readonly kind: RemediationKind;
  /** The finding's evidence in one line, for the script's comments. */
  readonly reason: string;
}

/** A redundant rule left in place so that the requests it shared stay allowed. */
export interface KeptRule {
  readonly ruleId: string;
  readonly groupId: string;
  /** Revoked rules whose observed requests this rule still allows. */
  readonly keepsCovered: readonly string[];
  readonly reason: string;
}

/** A rule a chosen finding named that the plan leaves alone, and why. */
export interface SkippedRule {
  readonly ruleId: string;
  readonly kind: RemediationKind;
  readonly reason: string;
}

export interface RemediationPlan {
  readonly kinds: readonly RemediationKind[];
  /** By group id, then ingress before egress, then rule id. */
  readonly revocations: readonly PlannedRevocation[];
  readonly kept: readonly KeptRule[];
  readonly skipped: readonly SkippedRule[];
}

export interface RemediationInput {
  readonly inventory: Inventory;
  readonly findings: Findings;
  /** Default: stale rules only. */
  readonly kinds?: readonly RemediationKind[];
  readonly evidence: UsageEvidence;
}

/** Why a rule is revoked. */
export interface Choice {
  readonly kind: RemediationKind;
  readonly reason: string;
}

/**
 * Picks the rules to revoke for the chosen findings. Revoking must not refuse
 * traffic that was seen: every overlap in the evidence keeps one of its rules
 * (unless all of them are stale, unobserved or unattached), a rule with
 * exclusive hits is never revoked as redundant, and a shadowed rule goes only
 * while its covering rule stays.
 */
export function planRemediation(input: RemediationInput): RemediationPlan {
  const wanted = input.kinds ?? DEFAULT_REMEDIATION_KINDS;
  const kinds = REMEDIATION_KINDS.filter((kind) => wanted.includes(kind));
  const chosen = new Map<string, Choice>();
  const skipped: SkippedRule[] = [];

  for (const [ruleId, choice] of unusedChoices(input.findings, kinds)) {
    if (!chosen.has(ruleId)) chosen.set(ruleId, choice);
  }

  const pinned = kinds.includes('shadowed')
    ? chooseShadowed(input, chosen, skipped)
    : new Map<string, string[]>();
  const kept = kinds.includes('redundant') ? chooseRedundant(input, chosen, skipped, pinned) : [];

  return { kinds, revocations: revocationsOf(input.inventory, chosen), kept, skipped };
}

/** Stale, unobserved and unattached rules: nothing seen needs them, so they need no checks. */
function unusedChoices(findings: Findings, kinds: readonly RemediationKind[]): [string, Choice][] {
  const stale = findings.stale.map((finding): [string, Choice] => [
    finding.ruleId,
    staleChoice(finding),
  ]);

  const unobserved = findings.unobserved.map((finding): [string, Choice] => {
    const interfaces = finding.evidence.interfaces.join(', ');
    const reason = `unobserved: none of the group's interfaces (${interfaces}) is in the flow logs`;
    return [finding.ruleId, { kind: 'unobserved', reason }];
  });

  const unattached = findings.unattached.flatMap((group) => {
    const reason = `unattached: group ${group.groupId} is attached to no network interface`;
    return group.ruleIds.map((ruleId): [string, Choice] => [
      ruleId,
      { kind: 'unattached', reason },
    ]);
  });

  return [
    ...(kinds.includes('stale') ? stale : []),
    ...(kinds.includes('unobserved') ? unobserved : []),
    ...(kinds.includes('unattached') ? unattached : []),
  ];
}

function staleChoice(finding: StaleRuleFinding): Choice {
  const { evidence } = finding;
  const last =
    evidence.lastSeen === null
      ? 'never seen in the window'
      : `last hit ${evidence.lastSeen.slice(0, 10)} (${evidence.daysSinceLastSeen ?? '?'} days before the window's end)`;
  const reason =
    `stale: no hit in the last ${evidence.staleAfterDays} days, ${last}; ` +
    `${evidence.hitsInWindow} hits in the window; group logged on ${evidence.coveredDays} days`;
  return { kind: 'stale', reason };
}

/**
 * Shadowed rules whose covering rule stays; returns the covering rules, which
 * must now stay, with the shadowed rules each one keeps covered.
 */
function chooseShadowed(
  input: RemediationInput,
  chosen: Map<string, Choice>,
  skipped: SkippedRule[],
): Map<string, string[]> {
  const pinned = new Map<string, string[]>();

  for (const finding of input.findings.shadowed) {
    if (chosen.has(finding.ruleId)) continue;
    const cover = chosen.get(finding.coveredBy);
    if (cover !== undefined) {
      const reason = `its covering rule ${finding.coveredBy} is revoked as ${cover.kind}`;
      skipped.push({ ruleId: finding.ruleId, kind: 'shadowed', reason });
      continue;
    }
    if (leavesOverlapUncovered(finding.ruleId, input.evidence.overlaps, chosen)) {
      const reason = 'every other rule that allowed some of its requests is revoked';
      skipped.push({ ruleId: finding.ruleId, kind: 'shadowed', reason });
      continue;
    }

    chosen.set(finding.ruleId, { kind: 'shadowed', reason: `shadowed: ${finding.reason}` });
    pinned.set(finding.coveredBy, [...(pinned.get(finding.coveredBy) ?? []), finding.ruleId]);
  }
  return pinned;
}

function leavesOverlapUncovered(
  ruleId: string,
  overlaps: readonly RuleOverlap[],
  chosen: ReadonlyMap<string, Choice>,
): boolean {
  return overlaps.some(
    (overlap) =>
      overlap.ruleIds.includes(ruleId) &&
      overlap.ruleIds.every((id) => id === ruleId || chosen.has(id)),
  );
}

function revocationsOf(
  inventory: Inventory,
  chosen: ReadonlyMap<string, Choice>,
): PlannedRevocation[] {
  const groupNames = new Map(inventory.groups.map((group) => [group.groupId, group.groupName]));

  return inventory.rules
    .flatMap((rule) => {
      const choice = chosen.get(rule.ruleId);
      if (choice === undefined) return [];
      return [{ rule, groupName: groupNames.get(rule.groupId) ?? rule.groupId, ...choice }];
    })
    .sort(
      (a, b) =>
        compareText(a.rule.groupId, b.rule.groupId) ||
        compareText(b.rule.direction, a.rule.direction) ||
        compareText(a.rule.ruleId, b.rule.ruleId),
    );
}
