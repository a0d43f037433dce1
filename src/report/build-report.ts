import type { Attribution, RuleUsage } from '../attribution/attribute-flows.js';
import { groupInterfaces } from '../findings/rule-verdicts.js';
import type { Inventory, SecurityGroup, SecurityGroupRule } from '../inventory/inventory.js';
import { ICMP, ICMPV6, hasPorts, protocolLabel } from '../inventory/protocol.js';
import type {
  GroupReport,
  Report,
  ReportSummary,
  RuleReport,
  RuleStatus,
  SourcesReport,
} from './report.js';

export interface ReportInput {
  readonly inventory: Inventory;
  readonly attribution: Attribution;
  readonly verdicts: ReadonlyMap<string, RuleStatus>;
  /** Unix seconds. */
  readonly window: { readonly from: number | null; readonly to: number | null };
  readonly generatedAt: Date;
  readonly sources: SourcesReport;
  readonly warnings: readonly string[];
}

/** Assembles the JSON report (schema version 1) from an analysis. */
export function buildReport(input: ReportInput): Report {
  const groups = new Map(input.inventory.groups.map((group) => [group.groupId, group]));
  const rules = input.inventory.rules.map((rule) =>
    ruleReport(rule, groups.get(rule.groupId), input.attribution.usage.get(rule.ruleId), input),
  );

  return {
    schemaVersion: 1,
    generatedAt: input.generatedAt.toISOString(),
    window: { from: isoOf(input.window.from), to: isoOf(input.window.to) },
    summary: summaryOf(rules, input.attribution),
    rules,
    groups: groupReports(input.inventory),
    sources: input.sources,
    warnings: input.warnings,
  };
}

function ruleReport(
  rule: SecurityGroupRule,
  group: SecurityGroup | undefined,
  usage: RuleUsage | undefined,
  input: ReportInput,
): RuleReport {
  const ports = hasPorts(rule.protocol);
  const icmp = rule.protocol === ICMP || rule.protocol === ICMPV6;

  return {
    ruleId: rule.ruleId,
    groupId: rule.groupId,
    groupName: group?.groupName ?? rule.groupId,
    vpcId: group?.vpcId ?? null,
    accountId: group?.ownerId ?? null,
    region: group?.region ?? null,
    direction: rule.direction,
    protocol: protocolLabel(rule.protocol),
    fromPort: ports ? rule.fromPort : null,
    toPort: ports ? rule.toPort : null,
    icmpType: icmp ? rule.fromPort : null,
    icmpCode: icmp ? rule.toPort : null,
    peer: { kind: rule.peer.kind, value: rule.peer.value },
    description: rule.description,
    derived: rule.derived,
    status: input.verdicts.get(rule.ruleId) ?? 'unobserved',
    hits: usage?.hits ?? 0,
    exclusiveHits: usage?.exclusiveHits ?? 0,
    packets: usage?.packets ?? 0,
    bytes: usage?.bytes ?? 0,
    firstSeen: isoOf(usage?.firstSeen ?? null),
    lastSeen: isoOf(usage?.lastSeen ?? null),
  };
}

function summaryOf(rules: readonly RuleReport[], attribution: Attribution): ReportSummary {
  const count = (status: RuleStatus): number => rules.filter((r) => r.status === status).length;
  const { counts } = attribution;

  return {
    rules: rules.length,
    used: count('used'),
    stale: count('stale'),
    unobserved: count('unobserved'),
    unattached: count('unattached'),
    records: counts.records,
    acceptedRecords: counts.acceptedRecords,
    rejectedRecords: counts.rejectedRecords,
    malformedRecords: counts.malformedRecords,
  };
}

function groupReports(inventory: Inventory): GroupReport[] {
  const interfacesOf = groupInterfaces(inventory);
  const referencedBy = new Map<string, Set<string>>();
  for (const rule of inventory.rules) {
    if (rule.peer.kind !== 'security-group') continue;
    const referrers = referencedBy.get(rule.peer.value) ?? new Set<string>();
    referrers.add(rule.groupId);
    referencedBy.set(rule.peer.value, referrers);
  }

  return inventory.groups.map((group) => {
    const interfaces = interfacesOf.get(group.groupId) ?? [];
    return {
      groupId: group.groupId,
      groupName: group.groupName,
      description: group.description ?? '',
      tags: group.tags,
      vpcId: group.vpcId,
      accountId: group.ownerId,
      region: group.region ?? null,
      interfaces,
      status: interfaces.length > 0 ? 'attached' : 'unattached',
      referencedBy: [...(referencedBy.get(group.groupId) ?? [])].sort(),
    };
  });
}

function isoOf(seconds: number | null): string | null {
  return seconds === null ? null : new Date(seconds * 1000).toISOString();
}
