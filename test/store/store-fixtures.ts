import type { FlowCounts } from '../../src/attribution/attribute-flows.js';
import type { UsageEvidence } from '../../src/findings/evidence.js';
import type {
  Inventory,
  NetworkInterface,
  SecurityGroup,
  SecurityGroupRule,
} from '../../src/inventory/inventory.js';
import type { BatchUsage, SourceVersion } from '../../src/store/batch-usage.js';

/** 2024-03-01T00:00:00Z in unix seconds; `DAY` seconds later is 2024-03-02. */
export const MARCH_1 = 1_709_251_200;
export const DAY = 86_400;

export function at(iso: string): Date {
  return new Date(iso);
}

export function group(groupId: string, overrides: Partial<SecurityGroup> = {}): SecurityGroup {
  return {
    groupId,
    groupName: `${groupId}-name`,
    vpcId: 'vpc-1',
    ownerId: '123456789012',
    description: null,
    tags: {},
    ...overrides,
  };
}

export function rule(
  ruleId: string,
  groupId: string,
  overrides: Partial<SecurityGroupRule> = {},
): SecurityGroupRule {
  return {
    ruleId,
    groupId,
    direction: 'ingress',
    protocol: 6,
    fromPort: 443,
    toPort: 443,
    peer: { kind: 'cidr4', value: '0.0.0.0/0' },
    description: null,
    derived: false,
    ...overrides,
  };
}

export function eni(
  interfaceId: string,
  groupIds: readonly string[],
  addresses: readonly string[],
): NetworkInterface {
  return { interfaceId, vpcId: 'vpc-1', groupIds, addresses, description: null };
}

export function inventory(overrides: Partial<Inventory> = {}): Inventory {
  return { groups: [], rules: [], interfaces: [], prefixLists: [], ...overrides };
}

export function source(key: string, size = 100): SourceVersion {
  return { key, size, mtimeMs: 1_709_251_200_123.5, etag: null };
}

export const NO_COUNTS: FlowCounts = {
  records: 0,
  acceptedRecords: 0,
  rejectedRecords: 0,
  malformedRecords: 0,
  firstStart: null,
  lastEnd: null,
};

export const NO_EVIDENCE: UsageEvidence = {
  daily: [],
  coverage: [],
  ports: [],
  peers: [],
  overlaps: [],
  rejected: [],
};

/** A batch with only the given parts; everything else empty. */
export function batchUsage(
  parts: Partial<Pick<BatchUsage, 'totals' | 'counts'>> & Partial<UsageEvidence> = {},
): BatchUsage {
  const { totals = [], counts = NO_COUNTS, ...evidence } = parts;
  return { totals, counts, evidence: { ...NO_EVIDENCE, ...evidence } };
}
