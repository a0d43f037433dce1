import type { RuleReport } from '../report/report.js';
import type { UsageEvidence } from './evidence.js';
import { daysBetween, secondsOf } from './finding-time.js';
import type { FindingRule, FindingsInput } from './findings.js';
import { byGroupAndRule, compareText, findingRule } from './findings.js';
import type { GroupFacts } from './group-facts.js';
import { groupFacts, isDefaultGroup } from './group-facts.js';

/** How long ago a rule (or a group's rules) last allowed traffic, and how well the logs saw it. */
export interface LastUseEvidence {
  /** ISO 8601; null when never seen in the window. */
  readonly lastSeen: string | null;
  /** Whole days from the last hit to the window's end; null when never seen or unknown. */
  readonly daysSinceLastSeen: number | null;
  /** Distinct days on which any interface of the group appears in the logs. */
  readonly coveredDays: number;
  readonly hitsInWindow: number;
}

export interface StaleRuleFinding extends FindingRule {
  /** The default group cannot be deleted, only emptied. */
  readonly defaultGroup: boolean;
  /** Other groups whose rules reference this rule's group. */
  readonly referencedBy: readonly string[];
  readonly evidence: LastUseEvidence & { readonly staleAfterDays: number };
}

export interface UnobservedRuleFinding extends FindingRule {
  readonly evidence: {
    /** The group's interfaces, none of which appears in the logs: log them to judge the rule. */
    readonly interfaces: readonly string[];
    readonly lastSeen: string | null;
    readonly hitsInWindow: number;
  };
}

/** A group attached to no interface: all its rules are unused, and the group may go. */
export interface UnattachedGroupFinding {
  readonly groupId: string;
  readonly groupName: string;
  readonly vpcId: string | null;
  readonly defaultGroup: boolean;
  /** Other groups whose rules reference this group: they block its deletion. */
  readonly referencedBy: readonly string[];
  readonly ruleIds: readonly string[];
  /** Over all its rules: the latest hit and the hits in the window (from earlier attachments). */
  readonly evidence: LastUseEvidence;
}

type StaleInput = Pick<
  FindingsInput,
  'inventory' | 'rules' | 'evidence' | 'windowEnd' | 'staleAfterDays'
>;

/**
 * Rules the verdicts call stale: allowed, but not used within the stale-after
 * days although the logs cover their group's interfaces.
 */
export function staleFindings(input: StaleInput): StaleRuleFinding[] {
  const facts = groupFacts(input.inventory);
  const coveredDays = coveredDaysByGroup(facts, input.evidence);

  return input.rules
    .filter((rule) => rule.status === 'stale')
    .map((rule) => ({
      ...findingRule(rule),
      defaultGroup: isDefaultGroup(facts.byId.get(rule.groupId)),
      referencedBy: facts.referencedBy.get(rule.groupId) ?? [],
      evidence: {
        ...lastUse([rule], coveredDays.get(rule.groupId) ?? 0, input.windowEnd),
        staleAfterDays: input.staleAfterDays,
      },
    }))
    .sort(byGroupAndRule);
}

/** Rules the logs cannot judge: no interface of their group appears in them. */
export function unobservedFindings(
  input: Pick<FindingsInput, 'inventory' | 'rules'>,
): UnobservedRuleFinding[] {
  const facts = groupFacts(input.inventory);

  return input.rules
    .filter((rule) => rule.status === 'unobserved')
    .map((rule) => ({
      ...findingRule(rule),
      evidence: {
        interfaces: [...(facts.interfaces.get(rule.groupId) ?? [])].sort(),
        lastSeen: rule.lastSeen,
        hitsInWindow: rule.hits,
      },
    }))
    .sort(byGroupAndRule);
}

/** Groups attached to no interface, with their rules, whoever still references them. */
export function unattachedFindings(
  input: Pick<FindingsInput, 'inventory' | 'rules' | 'windowEnd'>,
): UnattachedGroupFinding[] {
  const facts = groupFacts(input.inventory);

  return input.inventory.groups
    .filter((group) => !facts.interfaces.has(group.groupId))
    .map((group) => {
      const rules = input.rules.filter((rule) => rule.groupId === group.groupId);
      return {
        groupId: group.groupId,
        groupName: group.groupName,
        vpcId: group.vpcId,
        defaultGroup: isDefaultGroup(group),
        referencedBy: facts.referencedBy.get(group.groupId) ?? [],
        ruleIds: rules.map((rule) => rule.ruleId).sort(),
        evidence: lastUse(rules, 0, input.windowEnd),
      };
    })
    .sort((a, b) => compareText(a.groupId, b.groupId));
}

function lastUse(
  rules: readonly RuleReport[],
  coveredDays: number,
  windowEnd: number | null,
): LastUseEvidence {
  const seen = rules
    .map((rule) => ({ iso: rule.lastSeen, seconds: secondsOf(rule.lastSeen) }))
    .filter((entry): entry is { iso: string; seconds: number } => entry.seconds !== null)
    .sort((a, b) => b.seconds - a.seconds)[0];

  return {
    lastSeen: seen?.iso ?? null,
    daysSinceLastSeen: daysBetween(seen?.seconds ?? null, windowEnd),
    coveredDays,
    hitsInWindow: rules.reduce((sum, rule) => sum + rule.hits, 0),
  };
}

/** Distinct days with records on any interface of each group. */
function coveredDaysByGroup(facts: GroupFacts, evidence: UsageEvidence): Map<string, number> {
  const daysByInterface = new Map<string, Set<string>>();
  for (const entry of evidence.coverage) {
    if (entry.records <= 0) continue;
    const days = daysByInterface.get(entry.interfaceId) ?? new Set<string>();
    days.add(entry.day);
    daysByInterface.set(entry.interfaceId, days);
  }

  const result = new Map<string, number>();
  for (const [groupId, interfaces] of facts.interfaces) {
    const days = new Set(interfaces.flatMap((id) => [...(daysByInterface.get(id) ?? [])]));
    result.set(groupId, days.size);
  }
  return result;
}
