import { StaleSgError } from '../errors.js';
import type { AwsClientFactory, AwsClientOptions } from './aws-client-factory.js';
import { createAwsClientFactory } from './aws-client-factory.js';
import { isAwsError } from './aws-error.js';
import { collectRegion } from './collect-region.js';
import type {
  CollectedInventory,
  CollectedRegion,
  CollectionError,
} from './collected-inventory.js';
import { configuredRegion } from './configured-region.js';
import type { Caller } from './identify-caller.js';
import { identifyCaller } from './identify-caller.js';
import { listEnabledRegions } from './list-enabled-regions.js';
import { mapWithConcurrency } from './map-with-concurrency.js';

export interface CollectInventoryOptions extends AwsClientOptions {
  /** Region names, or `'all'` for every region enabled for the account. */
  readonly regions: readonly string[] | 'all';
  /** Called with one line per step, for a progress display; never with credentials. */
  readonly onProgress?: (message: string) => void;
  /**
   * Where the clients come from; by default `createAwsClientFactory(options)`,
   * whose clients are closed at the end. An injected factory's clients are
   * left to its owner.
   */
  readonly clientFactory?: AwsClientFactory;
}

/**
 * Regions collected at once. EC2 throttles per account and region, so more
 * would mostly spend the budget of the regions that are still running.
 */
const REGION_CONCURRENCY = 4;

/** Where STS and DescribeRegions are called when no region is configured or named. */
const FALLBACK_REGION = 'us-east-1';

/** Region names of every partition: us-east-1, us-gov-west-1, cn-north-1, eusc-de-east-1. */
const REGION_NAME = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;

/**
 * Collects the inventory of one account (the caller's, or `roleArn`'s) from
 * the EC2 API with read-only calls, region by region, a few at a time. The
 * account id comes from STS GetCallerIdentity, which also checks the
 * credentials before any region is tried. A region that fails (access
 * denied, not enabled, throttled past every retry) is reported in `errors`
 * and the others go on. For several accounts, call it once per role or
 * profile and join the results with `combineCollectedInventories`.
 *
 * Throws a StaleSgError (INVALID_ARGUMENT) for invalid options, and an
 * AwsError when the credentials or the region list cannot be had.
 */
export async function collectInventory(
  options: CollectInventoryOptions,
): Promise<CollectedInventory> {
  const requested = checkOptions(options);
  const collectedAt = new Date().toISOString();

  if (options.clientFactory !== undefined) {
    return collectWith(options.clientFactory, requested, options, collectedAt);
  }
  const clients = createAwsClientFactory(options);
  try {
    return await collectWith(clients, requested, options, collectedAt);
  } finally {
    clients.destroy();
  }
}

async function collectWith(
  clients: AwsClientFactory,
  requested: readonly string[] | 'all',
  options: CollectInventoryOptions,
  collectedAt: string,
): Promise<CollectedInventory> {
  const progress = options.onProgress ?? (() => undefined);
  const named = requested === 'all' ? undefined : requested[0];
  const home = (await configuredRegion(options.profile)) ?? named ?? FALLBACK_REGION;

  const caller = await identifyCaller(clients.sts(home), options.roleArn);
  const regions =
    requested === 'all'
      ? await listEnabledRegions(clients.ec2(home), { region: home, principalArn: caller.arn })
      : requested;
  progress(`account ${caller.accountId} as ${caller.arn}: ${countOf(regions.length, 'region')}`);

  const outcomes = await mapWithConcurrency(regions, REGION_CONCURRENCY, (region) =>
    collectOrReport(clients, caller, region, progress),
  );
  return {
    collectedAt,
    accounts: [{ accountId: caller.accountId, regions: outcomes.filter(isCollected) }],
    errors: outcomes.filter((outcome): outcome is CollectionError => !isCollected(outcome)),
  };
}

/** The region, or the error that stopped it; errors other than AWS's are bugs and thrown. */
async function collectOrReport(
  clients: AwsClientFactory,
  caller: Caller,
  region: string,
  progress: (message: string) => void,
): Promise<CollectedRegion | CollectionError> {
  try {
    const collected = await collectRegion(clients.ec2(region), {
      region,
      principalArn: caller.arn,
    });
    progress(summaryOf(collected));
    return collected;
  } catch (error) {
    if (!isAwsError(error)) throw error;

    progress(`skipped ${error.message}`);
    return { accountId: caller.accountId, region, code: error.code, message: error.message };
  }
}

function isCollected(outcome: CollectedRegion | CollectionError): outcome is CollectedRegion {
  return !('message' in outcome);
}

function checkOptions(options: CollectInventoryOptions): readonly string[] | 'all' {
  if (options.externalId !== undefined && options.roleArn === undefined) {
    throw new StaleSgError('INVALID_ARGUMENT', 'an external id needs a role ARN to assume');
  }
  if (options.regions === 'all') return 'all';

  if (options.regions.length === 0) {
    throw new StaleSgError('INVALID_ARGUMENT', 'no regions given; name at least one, or all');
  }
  for (const region of options.regions) {
    if (!REGION_NAME.test(region)) {
      throw new StaleSgError(
        'INVALID_ARGUMENT',
        `expected a region name such as us-east-1, found ${JSON.stringify(region)}`,
      );
    }
  }
  return [...new Set(options.regions)];
}

function summaryOf(region: CollectedRegion): string {
  const counts = [
    countOf(region.securityGroups.length, 'security group'),
    countOf(region.securityGroupRules.length, 'rule'),
    countOf(region.networkInterfaces.length, 'network interface'),
    countOf(region.prefixLists.length, 'prefix list'),
  ];
  return `${region.region}: ${counts.join(', ')}`;
}

function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
