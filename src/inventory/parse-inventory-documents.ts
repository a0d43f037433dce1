import { StaleSgError } from '../errors.js';
import { findDanglingReferences } from './find-dangling-references.js';
import type { Inventory, SecurityGroupRule } from './inventory.js';
import type { JsonNode } from './json-node.js';
import type { Merged, Sourced } from './merge-by-id.js';
import { mergeById } from './merge-by-id.js';
import { parseNetworkInterfaces } from './parse-network-interfaces.js';
import { parsePrefixListEntries } from './parse-prefix-list-entries.js';
import type { ParsedSecurityGroup } from './parse-security-groups.js';
import { parseSecurityGroups } from './parse-security-groups.js';
import { parseSecurityGroupRules } from './parse-security-group-rules.js';
import type { DocumentKind, InventoryDocument } from './recognise-document.js';
import { DOCUMENT_COMMANDS, recogniseDocument } from './recognise-document.js';
import { compareText, sortInventory } from './sort-inventory.js';

/** A JSON file already parsed; `file` is only used to name it in messages and to order files. */
export interface InventoryFile {
  readonly file: string;
  readonly json: unknown;
}

/**
 * An inventory and what the user should know about it: conflicting
 * duplicates, and references that cannot be resolved. Warnings do not stop
 * an analysis; errors (thrown as StaleSgError INVALID_INVENTORY) do.
 */
export interface LoadedInventory {
  readonly inventory: Inventory;
  readonly warnings: readonly string[];
}

type EntriesDocument = Extract<InventoryDocument, { kind: 'Entries' }>;

/** How many file names a message lists before it says "and N more". */
const MAX_NAMED_FILES = 5;

/**
 * Builds one Inventory from AWS CLI JSON outputs (see `recogniseDocument` for
 * the kinds). Pure, so the EC2 API path and tests can feed it documents
 * directly. Files are taken in name order, so a later file wins a conflict.
 *
 * Each group's rules come from describe-security-group-rules output when
 * that covers the group, because only it carries AWS's `sgr-` ids; otherwise
 * they are derived from the group's IpPermissions.
 */
export function parseInventoryDocuments(documents: readonly InventoryFile[]): LoadedInventory {
  const recognised = [...documents]
    .sort((a, b) => compareText(a.file, b.file))
    .map(({ file, json }) => recogniseDocument(file, json));
  requireSecurityGroups(recognised);

  const groups = mergeById(
    listsOf(recognised, 'SecurityGroups').flatMap(parseSecurityGroups),
    'security group',
  );
  const apiRules = mergeById(
    listsOf(recognised, 'SecurityGroupRules').flatMap(parseSecurityGroupRules),
    'security group rule',
  );
  const interfaces = mergeById(
    listsOf(recognised, 'NetworkInterfaces').flatMap(parseNetworkInterfaces),
    'network interface',
  );
  const prefixLists = mergeById(
    recognised
      .filter((doc): doc is EntriesDocument => doc.kind === 'Entries')
      .map((doc) => parsePrefixListEntries(doc.prefixListId, doc.list)),
    'prefix list',
  );

  listsOf(recognised, 'PrefixLists').forEach(checkManagedPrefixLists);

  const inventory = sortInventory({
    groups: valuesOf(groups).map(({ group }) => group),
    rules: chooseRules(groups, apiRules),
    interfaces: valuesOf(interfaces),
    prefixLists: valuesOf(prefixLists),
  });

  const warnings = [
    ...[groups, apiRules, interfaces, prefixLists].flatMap((merged) => merged.warnings),
    ...findDanglingReferences(inventory),
  ];
  return { inventory, warnings };
}

/**
 * Group ids, names and VPCs come only from describe-security-groups, and the
 * analysis cannot name or attach a rule without them.
 */
function requireSecurityGroups(documents: readonly InventoryDocument[]): void {
  if (documents.some((doc) => doc.kind === 'SecurityGroups')) return;

  const required =
    `${DOCUMENT_COMMANDS.SecurityGroups} output is required ` +
    `(a JSON file with the top-level key SecurityGroups)`;
  if (documents.length === 0) {
    throw new StaleSgError('INVALID_INVENTORY', `no inventory files were given; ${required}`);
  }

  const named = documents.slice(0, MAX_NAMED_FILES).map((doc) => `${doc.file} (${doc.kind})`);
  const more = documents.length - named.length;
  const tail = more > 0 ? `, and ${more} more` : '';
  throw new StaleSgError('INVALID_INVENTORY', `${required}; found only ${named.join(', ')}${tail}`);
}

/**
 * describe-managed-prefix-lists output only names lists; their entries come
 * from get-managed-prefix-list-entries files. It is accepted so that users
 * may save it beside them, and checked for shape, but nothing is read from it.
 */
function checkManagedPrefixLists(list: JsonNode): void {
  for (const item of list.items()) item.object().field('PrefixListId').string();
}

function listsOf(documents: readonly InventoryDocument[], kind: DocumentKind) {
  return documents.filter((doc) => doc.kind === kind).map((doc) => doc.list);
}

function valuesOf<T>(merged: Merged<T>): T[] {
  return [...merged.byId.values()].map((item) => item.value);
}

/**
 * The rules from describe-security-group-rules, each checked to belong to a
 * known group, plus the derived rules of every group that output does not
 * cover (or of all groups, when there is no such output).
 */
function chooseRules(
  groups: Merged<ParsedSecurityGroup>,
  apiRules: Merged<SecurityGroupRule>,
): SecurityGroupRule[] {
  const covered = new Set<string>();
  for (const rule of apiRules.byId.values()) {
    requireKnownGroup(rule, groups);
    covered.add(rule.value.groupId);
  }

  const derived = valuesOf(groups)
    .filter(({ group }) => !covered.has(group.groupId))
    .flatMap(({ derivedRules }) => derivedRules);
  return [...valuesOf(apiRules), ...derived];
}

function requireKnownGroup(
  rule: Sourced<SecurityGroupRule>,
  groups: Merged<ParsedSecurityGroup>,
): void {
  if (groups.byId.has(rule.value.groupId)) return;

  throw rule.node
    .field('GroupId')
    .error(`the id of a group in ${DOCUMENT_COMMANDS.SecurityGroups} output`);
}
