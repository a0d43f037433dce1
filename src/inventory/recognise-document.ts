import { basename } from 'node:path';

import { StaleSgError } from '../errors.js';
import { JsonNode, isObject } from './json-node.js';

/**
 * The top-level key of each AWS CLI output that an inventory directory may
 * hold, with the command that prints it. Files are recognised by this key,
 * never by their name, so users may save them under any name.
 */
export const DOCUMENT_COMMANDS = {
  SecurityGroups: 'aws ec2 describe-security-groups',
  SecurityGroupRules: 'aws ec2 describe-security-group-rules',
  NetworkInterfaces: 'aws ec2 describe-network-interfaces',
  Entries: 'aws ec2 get-managed-prefix-list-entries',
  PrefixLists: 'aws ec2 describe-managed-prefix-lists',
} as const;

export type DocumentKind = keyof typeof DOCUMENT_COMMANDS;

const KINDS = Object.keys(DOCUMENT_COMMANDS) as DocumentKind[];

const PREFIX_LIST_ID = /^pl-[0-9a-f]+$/;

/** One file of the inventory, its kind known, its list not yet read. */
export type InventoryDocument =
  | {
      readonly kind: Exclude<DocumentKind, 'Entries'>;
      readonly file: string;
      readonly list: JsonNode;
    }
  | {
      readonly kind: 'Entries';
      readonly file: string;
      readonly list: JsonNode;
      /** get-managed-prefix-list-entries output does not name its list; the file name does. */
      readonly prefixListId: string;
    };

/**
 * Tells which AWS CLI output a parsed JSON file is, by its top-level key.
 * Other keys (`NextToken` from a paginated call) are ignored.
 */
export function recogniseDocument(file: string, json: unknown): InventoryDocument {
  const root = JsonNode.root(file, json);
  const kind = documentKind(root);
  const list = root.field(kind);

  if (kind !== 'Entries') return { kind, file, list };
  return { kind, file, list, prefixListId: prefixListIdOf(file) };
}

function documentKind(root: JsonNode): DocumentKind {
  const expected = `an object with one of the top-level keys ${KINDS.join(', ')} (AWS CLI output)`;
  if (!isObject(root.value)) throw root.error(expected);

  const keys = Object.keys(root.value);
  const kinds = KINDS.filter((kind) => keys.includes(kind));

  const [kind, second] = kinds;
  if (second !== undefined) throw root.error(expected, { found: kinds.join(' and ') });
  if (kind === undefined) throw root.error(expected, { found: foundKeys(keys) });
  return kind;
}

function foundKeys(keys: readonly string[]): string {
  if (keys.length === 0) return 'an empty object';

  const shown = keys.slice(0, 5).map((key) => JSON.stringify(key));
  const more = keys.length > shown.length ? `, and ${keys.length - shown.length} more` : '';
  return `the keys ${shown.join(', ')}${more}`;
}

function prefixListIdOf(file: string): string {
  const name = basename(file);
  const id = name.replace(/\.json$/i, '');
  if (PREFIX_LIST_ID.test(id)) return id;

  throw new StaleSgError(
    'INVALID_INVENTORY',
    `${file}: expected a file named after its prefix list, such as pl-0a1b2c3d.json, ` +
      `for ${DOCUMENT_COMMANDS.Entries} output (which does not name the list), ` +
      `found the name ${JSON.stringify(name)}`,
  );
}
