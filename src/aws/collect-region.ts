import type { EC2Client, SecurityGroup, SecurityGroupRule } from '@aws-sdk/client-ec2';
import {
  paginateDescribeManagedPrefixLists,
  paginateDescribeNetworkInterfaces,
  paginateDescribeSecurityGroupRules,
  paginateDescribeSecurityGroups,
  paginateGetManagedPrefixListEntries,
} from '@aws-sdk/client-ec2';

import type { CollectedPrefixList, CollectedRegion } from './collected-inventory.js';
import { explainAwsError } from './explain-aws-error.js';

/** Whose region is collected, for messages. */
export interface RegionContext {
  readonly region: string;
  /** The caller's ARN from GetCallerIdentity, so a denial can name who needs the permission. */
  readonly principalArn?: string;
}

/**
 * The largest pages EC2 allows: 1000 for groups, rules and interfaces, 100
 * for prefix lists and their entries. Fewer pages mean fewer calls against
 * the account's request budget.
 */
const LARGE_PAGE = 1000;
const PREFIX_LIST_PAGE = 100;

/** Prefix list ids per DescribeManagedPrefixLists filter, well below EC2's limit on filter values. */
const IDS_PER_FILTER = 100;

/**
 * Reads one region with read-only calls, every one paginated to the end:
 * DescribeSecurityGroups, DescribeSecurityGroupRules (the only source of
 * `sgr-` ids), DescribeNetworkInterfaces, and for the prefix lists that rules
 * reference, DescribeManagedPrefixLists and GetManagedPrefixListEntries.
 * Throws an AwsError on the first failed call: half a region would turn
 * groups whose interfaces were not read into false "unattached" verdicts.
 */
export async function collectRegion(
  client: EC2Client,
  context: RegionContext,
): Promise<CollectedRegion> {
  const pages = { client, pageSize: LARGE_PAGE, stopOnSameToken: true };

  const securityGroups = await readAllPages(
    'ec2:DescribeSecurityGroups',
    context,
    paginateDescribeSecurityGroups(pages, {}),
    (page) => page.SecurityGroups,
  );
  const securityGroupRules = await readAllPages(
    'ec2:DescribeSecurityGroupRules',
    context,
    paginateDescribeSecurityGroupRules(pages, {}),
    (page) => page.SecurityGroupRules,
  );
  const networkInterfaces = await readAllPages(
    'ec2:DescribeNetworkInterfaces',
    context,
    paginateDescribeNetworkInterfaces(pages, {}),
    (page) => page.NetworkInterfaces,
  );

  const referenced = referencedPrefixLists(securityGroups, securityGroupRules);
  const prefixLists = await collectPrefixLists(client, context, referenced);
  return {
    region: context.region,
    securityGroups,
    securityGroupRules,
    networkInterfaces,
    prefixLists,
  };
}

/**
 * The lists among `ids` that the region knows, each with its entries. A
 * filter rather than PrefixListIds, because EC2 fails the whole call when one
 * of those ids is unknown; a list that is missing (no longer shared with the
 * account, say) is left out, and the inventory loader warns about the rules
 * that name it.
 */
async function collectPrefixLists(
  client: EC2Client,
  context: RegionContext,
  ids: readonly string[],
): Promise<CollectedPrefixList[]> {
  const pages = { client, pageSize: PREFIX_LIST_PAGE, stopOnSameToken: true };
  const collected: CollectedPrefixList[] = [];

  for (const chunk of chunksOf(ids, IDS_PER_FILTER)) {
    const prefixLists = await readAllPages(
      'ec2:DescribeManagedPrefixLists',
      context,
      paginateDescribeManagedPrefixLists(pages, {
        Filters: [{ Name: 'prefix-list-id', Values: [...chunk] }],
      }),
      (page) => page.PrefixLists,
    );

    for (const prefixList of prefixLists) {
      const entries = await readAllPages(
        'ec2:GetManagedPrefixListEntries',
        context,
        paginateGetManagedPrefixListEntries(pages, { PrefixListId: prefixList.PrefixListId }),
        (page) => page.Entries,
      );
      collected.push({ prefixList, entries });
    }
  }
  return collected;
}

/** Every prefix list id that a rule names, from the rules and from the groups' IpPermissions. */
function referencedPrefixLists(
  groups: readonly SecurityGroup[],
  rules: readonly SecurityGroupRule[],
): string[] {
  const fromGroups = groups
    .flatMap((group) => [...(group.IpPermissions ?? []), ...(group.IpPermissionsEgress ?? [])])
    .flatMap((permission) => permission.PrefixListIds ?? [])
    .map((entry) => entry.PrefixListId);
  const fromRules = rules.map((rule) => rule.PrefixListId);

  const ids = [...fromGroups, ...fromRules].filter((id): id is string => id !== undefined);
  return [...new Set(ids)].sort();
}

async function readAllPages<Page, Item>(
  action: string,
  context: RegionContext,
  pages: AsyncIterable<Page>,
  itemsOf: (page: Page) => readonly Item[] | undefined,
): Promise<Item[]> {
  const items: Item[] = [];
  try {
    for await (const page of pages) items.push(...(itemsOf(page) ?? []));
  } catch (error) {
    throw explainAwsError(error, { ...context, action });
  }
  return items;
}

function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    chunks.push(items.slice(start, start + size));
  }
  return chunks;
}
