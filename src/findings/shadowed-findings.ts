import type { Inventory, SecurityGroupRule } from '../inventory/inventory.js';
import type { FindingRule } from './findings.js';
import { byGroupAndRule, compareText } from './findings.js';
import { ruleCovers } from './rule-covers.js';
import { ruleLabel } from './rule-label.js';

/**
 * A rule that another rule of the same group and direction contains: it
 * allows nothing the other does not, whatever the traffic. Removing it
 * changes nothing as long as the covering rule stays.
 */
export interface ShadowedRuleFinding extends FindingRule {
  /** The covering rule; never itself shadowed, so revoking every shadowed rule is safe. */
  readonly coveredBy: string;
  /** True when the two rules allow exactly the same (the greater rule id is reported). */
  readonly identical: boolean;
  readonly reason: string;
}

/**
 * Shadowed rules of every group. Of two identical rules only the one with the
 * greater rule id is shadowed, never both; and each shadowed rule names a
 * covering rule that is not shadowed itself, so that the finding stays true
 * when all of them are removed together.
 */
export function shadowedFindings(inventory: Inventory): ShadowedRuleFinding[] {
  const groupNames = new Map(inventory.groups.map((group) => [group.groupId, group.groupName]));

  return [...bucketsOf(inventory.rules).values()]
    .flatMap((bucket) => shadowedInBucket(bucket))
    .map(({ rule, cover }) => finding(rule, cover, groupNames.get(rule.groupId) ?? rule.groupId))
    .sort(byGroupAndRule);
}

/** Rules that can shadow each other: same group, same direction; sorted by rule id. */
function bucketsOf(rules: readonly SecurityGroupRule[]): Map<string, SecurityGroupRule[]> {
  const buckets = new Map<string, SecurityGroupRule[]>();
  for (const rule of [...rules].sort((a, b) => compareText(a.ruleId, b.ruleId))) {
    const key = `${rule.groupId}\u0000${rule.direction}`;
    buckets.set(key, [...(buckets.get(key) ?? []), rule]);
  }
  return buckets;
}

interface Shadowing {
  readonly rule: SecurityGroupRule;
  readonly cover: SecurityGroupRule;
}

function shadowedInBucket(bucket: readonly SecurityGroupRule[]): Shadowing[] {
  const shadowed = bucket.filter((rule) => bucket.some((other) => shadows(other, rule)));
  const tops = bucket.filter((rule) => !shadowed.includes(rule));

  return shadowed.flatMap((rule) => {
    // Every shadowed rule has a covering top: follow covers up to a maximal
    // class of identical rules and take its smallest id. The fallback only
    // guards against a CIDR that failed to parse.
    const cover =
      tops.find((top) => ruleCovers(top, rule)) ?? bucket.find((other) => shadows(other, rule));
    return cover === undefined ? [] : [{ rule, cover }];
  });
}

/** `other` covers `rule`, and is not an identical twin with a greater id. */
function shadows(other: SecurityGroupRule, rule: SecurityGroupRule): boolean {
  if (other === rule || !ruleCovers(other, rule)) return false;
  return !ruleCovers(rule, other) || compareText(other.ruleId, rule.ruleId) < 0;
}

function finding(
  rule: SecurityGroupRule,
  cover: SecurityGroupRule,
  groupName: string,
): ShadowedRuleFinding {
  const identical = ruleCovers(rule, cover);
  const reason = identical
    ? `identical to ${cover.ruleId} (${ruleLabel(cover)})`
    : `${cover.ruleId} allows ${ruleLabel(cover)}, which includes ${ruleLabel(rule)}`;

  return {
    ruleId: rule.ruleId,
    groupId: rule.groupId,
    groupName,
    direction: rule.direction,
    coveredBy: cover.ruleId,
    identical,
    reason,
  };
}
