import type {
  ManagedPrefixList,
  NetworkInterface,
  PrefixListEntry,
  SecurityGroup,
  SecurityGroupRule,
} from '@aws-sdk/client-ec2';

import type { AwsErrorCode } from './aws-error.js';

/**
 * A managed prefix list that a rule references, with its entries. Lists no
 * rule references are not collected: only their entries matter, and AWS
 * keeps a dozen of its own in every region.
 */
export interface CollectedPrefixList {
  readonly prefixList: ManagedPrefixList;
  readonly entries: readonly PrefixListEntry[];
}

/**
 * What one region of one account holds, in the SDK's output shapes. Those
 * are the shapes the AWS CLI prints, so they can be written out unchanged.
 */
export interface CollectedRegion {
  readonly region: string;
  readonly securityGroups: readonly SecurityGroup[];
  readonly securityGroupRules: readonly SecurityGroupRule[];
  readonly networkInterfaces: readonly NetworkInterface[];
  readonly prefixLists: readonly CollectedPrefixList[];
}

export interface CollectedAccount {
  readonly accountId: string;
  /** The regions collected in full; a region with an error is left out and named in `errors`. */
  readonly regions: readonly CollectedRegion[];
}

/** A region that could not be collected, with one line that says what to fix. */
export interface CollectionError {
  readonly accountId: string;
  readonly region: string;
  readonly code: AwsErrorCode;
  readonly message: string;
}

/**
 * The result of `collectInventory`: per account and region, and the regions
 * that failed. A failed region is reported rather than thrown, so that one
 * denied or disabled region does not cost the others.
 */
export interface CollectedInventory {
  /** ISO time at which the collection started. */
  readonly collectedAt: string;
  readonly accounts: readonly CollectedAccount[];
  readonly errors: readonly CollectionError[];
}

/** Where a security group lives. */
export interface GroupLocation {
  readonly accountId: string;
  readonly region: string;
}

/**
 * One collection made of several (one per role or profile, say): accounts
 * in the order given, the regions of an account collected twice merged.
 * `collectedAt` is the earliest start.
 */
export function combineCollectedInventories(
  collections: readonly CollectedInventory[],
): CollectedInventory {
  const accounts = new Map<string, CollectedRegion[]>();
  for (const account of collections.flatMap((collection) => collection.accounts)) {
    const regions = accounts.get(account.accountId) ?? [];
    regions.push(...account.regions);
    accounts.set(account.accountId, regions);
  }

  const starts = collections.map((collection) => collection.collectedAt).sort();
  return {
    collectedAt: starts[0] ?? new Date().toISOString(),
    accounts: [...accounts].map(([accountId, regions]) => ({ accountId, regions })),
    errors: collections.flatMap((collection) => collection.errors),
  };
}

/** The account and region of every collected group, for reports that name them. */
export function groupLocations(collected: CollectedInventory): ReadonlyMap<string, GroupLocation> {
  const locations = new Map<string, GroupLocation>();
  for (const { accountId, regions } of collected.accounts) {
    for (const { region, securityGroups } of regions) {
      for (const group of securityGroups) {
        if (group.GroupId !== undefined) locations.set(group.GroupId, { accountId, region });
      }
    }
  }
  return locations;
}
