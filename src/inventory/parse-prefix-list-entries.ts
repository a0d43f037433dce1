import type { JsonNode } from './json-node.js';
import type { PrefixList } from './inventory.js';
import type { Sourced } from './merge-by-id.js';
import { parseCidrField } from './parse-cidr-field.js';

/**
 * Reads the `Entries` array of `aws ec2 get-managed-prefix-list-entries`
 * output. The output does not name its list, so the id comes from the file
 * name (see `recogniseDocument`). A list may hold CIDRs of either family.
 */
export function parsePrefixListEntries(prefixListId: string, list: JsonNode): Sourced<PrefixList> {
  const cidrs = list.items().map((entry) => parseCidrField(entry.object().field('Cidr'), 'either'));
  return { id: prefixListId, node: list, value: { prefixListId, cidrs: [...new Set(cidrs)] } };
}
