import type { Inventory } from '../inventory/inventory.js';
import type { RuleStatus } from '../report/report.js';
import type { RuleUsage } from '../attribution/attribute-flows.js';

const DAY_SECONDS = 86_400;

export interface VerdictContext {
  readonly coveredInterfaces: ReadonlySet<string>;
  /** Unix seconds; null when no record bounds the window. */
  readonly windowEnd: number | null;
  readonly staleAfterDays?: number;
  /**
   * True for a rule with a periodic history whose next use is not yet
   * overdue: it is not called stale before it has missed an expected use.
   */
  readonly awaitingUse?: (ruleId: string) => boolean;
}

/**
 * The verdict on each rule, first that applies:
 * - unattached: its group is attached to no interface;
 * - used: it has hits (with `staleAfterDays`, a hit within that many days of
 *   the window's end);
 * - stale: no (recent) hit, though an interface of its group is in the logs;
 * - unobserved: no hit, and no interface of its group is in the logs, so the
 *   logs cannot tell.
 */
export function ruleVerdicts(
  inventory: Inventory,
  usage: ReadonlyMap<string, RuleUsage>,
  context: VerdictContext,
): Map<string, RuleStatus> {
  const interfacesOf = groupInterfaces(inventory);
  const verdicts = new Map<string, RuleStatus>();

  for (const rule of inventory.rules) {
    const interfaces = interfacesOf.get(rule.groupId) ?? [];
    const awaiting = context.awaitingUse?.(rule.ruleId) === true;
    verdicts.set(rule.ruleId, verdictOf(interfaces, usage.get(rule.ruleId), context, awaiting));
  }
  return verdicts;
}

function verdictOf(
  interfaces: readonly string[],
  usage: RuleUsage | undefined,
  context: VerdictContext,
  awaiting: boolean,
): RuleStatus {
  if (interfaces.length === 0) return 'unattached';
  if (usage !== undefined && usage.hits > 0 && (isRecent(usage, context) || awaiting)) {
    return 'used';
  }
  return interfaces.some((id) => context.coveredInterfaces.has(id)) ? 'stale' : 'unobserved';
}

function isRecent(usage: RuleUsage, context: VerdictContext): boolean {
  if (context.staleAfterDays === undefined) return true;
  if (usage.lastSeen === null || context.windowEnd === null) return false;
  return usage.lastSeen >= context.windowEnd - context.staleAfterDays * DAY_SECONDS;
}

/** Interface ids per group id. */
export function groupInterfaces(inventory: Inventory): Map<string, string[]> {
  const byGroup = new Map<string, string[]>();
  for (const eni of inventory.interfaces) {
    for (const groupId of new Set(eni.groupIds)) {
      const list = byGroup.get(groupId) ?? [];
      list.push(eni.interfaceId);
      byGroup.set(groupId, list);
    }
  }
  return byGroup;
}
