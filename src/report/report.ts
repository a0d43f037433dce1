import type { Direction, PeerKind } from '../inventory/inventory.js';

/** The verdict on one rule over the analysed window. */
export type RuleStatus = 'used' | 'stale' | 'unobserved' | 'unattached';

export type GroupStatus = 'attached' | 'unattached';

export interface RuleReport {
  readonly ruleId: string;
  readonly groupId: string;
  readonly groupName: string;
  readonly vpcId: string | null;
  /** The group's account (its OwnerId) and region; null where the inventory does not say. */
  readonly accountId: string | null;
  readonly region: string | null;
  readonly direction: Direction;
  /** `tcp`, `udp`, `icmp`, `icmpv6`, `all`, or the protocol number. */
  readonly protocol: string;
  /** Null where ports do not apply (all protocols, ICMP, other protocols). */
  readonly fromPort: number | null;
  readonly toPort: number | null;
  /** ICMP type and code of ICMP rules (-1: any); null otherwise. */
  readonly icmpType: number | null;
  readonly icmpCode: number | null;
  readonly peer: { readonly kind: PeerKind; readonly value: string };
  readonly description: string | null;
  /** True when `ruleId` was derived from IpPermissions rather than given by AWS. */
  readonly derived: boolean;
  readonly status: RuleStatus;
  /** Request records this rule allowed. */
  readonly hits: number;
  /** Hits that no other rule on the same interface allowed. */
  readonly exclusiveHits: number;
  readonly packets: number;
  readonly bytes: number;
  /** ISO 8601, or null without hits. */
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
}

export interface GroupReport {
  readonly groupId: string;
  readonly groupName: string;
  /** The group's own description, as the account wrote it. */
  readonly description: string;
  /** The group's tags, key to value. */
  readonly tags: Readonly<Record<string, string>>;
  readonly vpcId: string | null;
  readonly accountId: string | null;
  readonly region: string | null;
  /** Interface ids the group is attached to. */
  readonly interfaces: readonly string[];
  readonly status: GroupStatus;
  /** Groups with a rule that references this one. */
  readonly referencedBy: readonly string[];
}

export interface ReportSummary {
  readonly rules: number;
  readonly used: number;
  readonly stale: number;
  readonly unobserved: number;
  readonly unattached: number;
  /** Well-formed records inside the window, of every log status. */
  readonly records: number;
  readonly acceptedRecords: number;
  readonly rejectedRecords: number;
  /** Lines skipped because they could not be read as a record. */
  readonly malformedRecords: number;
}

/** A flow log file that was excluded, and why. */
export interface SkippedSource {
  readonly path: string;
  readonly reason: string;
}

/** The flow log files read: how many, their size, and those excluded. */
export interface SourcesReport {
  readonly files: number;
  readonly bytes: number;
  readonly skipped: readonly SkippedSource[];
}

/** The JSON report, schema version 1 (`schema/report.schema.json`). */
export interface Report {
  readonly schemaVersion: 1;
  readonly generatedAt: string;
  /** The analysed window; null ends when there were no records to bound it. */
  readonly window: { readonly from: string | null; readonly to: string | null };
  readonly summary: ReportSummary;
  readonly rules: readonly RuleReport[];
  readonly groups: readonly GroupReport[];
  readonly sources: SourcesReport;
  /** Problems found in the inputs that did not stop the analysis. */
  readonly warnings: readonly string[];
}
