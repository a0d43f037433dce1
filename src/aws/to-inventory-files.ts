import type { InventoryFile } from '../inventory/load-inventory.js';
import type { CollectedInventory, CollectedRegion } from './collected-inventory.js';

/**
 * The AWS CLI's JSON for a collection, one document per call, per account
 * and region:
 * - `security-groups-<account>-<region>.json`: `{ "SecurityGroups": [...] }`
 * - `security-group-rules-<account>-<region>.json`: `{ "SecurityGroupRules": [...] }`
 * - `network-interfaces-<account>-<region>.json`: `{ "NetworkInterfaces": [...] }`
 * - `managed-prefix-lists-<account>-<region>.json`: `{ "PrefixLists": [...] }` when a rule names one
 * - `<prefix-list-id>.json`: `{ "Entries": [...] }` per list
 *
 * These are what `aws ec2 describe-...` prints, so `loadInventoryDir` reads
 * them like any export, and `parseInventoryDocuments` takes them as they
 * are, without a round trip through files. Names are relative.
 */
export function toInventoryFiles(collected: CollectedInventory): InventoryFile[] {
  const files: InventoryFile[] = [];
  const entries = new Map<string, unknown>();

  for (const { accountId, regions } of collected.accounts) {
    for (const region of regions) {
      files.push(...regionFiles(`${accountId}-${region.region}.json`, region));

      // A list shared with several accounts has one id and the same entries in each.
      for (const { prefixList, entries: listEntries } of region.prefixLists) {
        if (prefixList.PrefixListId === undefined) continue;
        entries.set(prefixList.PrefixListId, { Entries: toCliJson(listEntries) });
      }
    }
  }

  const entryFiles = [...entries].map(([id, json]) => ({ file: `${id}.json`, json }));
  return [...files, ...entryFiles];
}

function regionFiles(suffix: string, region: CollectedRegion): InventoryFile[] {
  const files = [
    {
      file: `security-groups-${suffix}`,
      json: { SecurityGroups: toCliJson(region.securityGroups) },
    },
    {
      file: `security-group-rules-${suffix}`,
      json: { SecurityGroupRules: toCliJson(region.securityGroupRules) },
    },
    {
      file: `network-interfaces-${suffix}`,
      json: { NetworkInterfaces: toCliJson(region.networkInterfaces) },
    },
  ];
  if (region.prefixLists.length === 0) return files;

  const prefixLists = region.prefixLists.map(({ prefixList }) => prefixList);
  return [
    ...files,
    { file: `managed-prefix-lists-${suffix}`, json: { PrefixLists: toCliJson(prefixLists) } },
  ];
}

/**
 * Plain JSON as the CLI prints it: absent members left out, and dates (such
 * as an interface's AttachTime) in the CLI's ISO 8601 form, with +00:00.
 */
function toCliJson(value: unknown): unknown {
  if (value instanceof Date) return cliTimestamp(value);
  if (Array.isArray(value)) return value.map(toCliJson);
  if (value === null || typeof value !== 'object') return value;

  const json: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    if (member !== undefined) json[key] = toCliJson(member);
  }
  return json;
}

/** `2024-05-01T12:34:56+00:00`, or `...56.250000+00:00` with a fraction, like Python's isoformat. */
function cliTimestamp(date: Date): string {
  const [seconds, millis = '000'] = date.toISOString().replace('Z', '').split('.');
  const fraction = millis === '000' ? '' : `.${millis}000`;
  return `${seconds}${fraction}+00:00`;
}
