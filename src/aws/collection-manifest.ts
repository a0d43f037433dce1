import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { StaleSgError } from '../errors.js';
import type { CollectedInventory, CollectionError, GroupLocation } from './collected-inventory.js';
import { groupLocations } from './collected-inventory.js';

/**
 * The manifest's name in an inventory directory. Not `*.json`: the inventory
 * loader reads every `*.json` file as AWS CLI output and rejects one it does
 * not recognise, and this file is stale-sg's own. Its content is plain JSON.
 */
export const COLLECTION_MANIFEST_FILE = 'collection.jsonc';

/**
 * What the AWS CLI output cannot say: when the inventory was collected,
 * from which accounts and regions, where each group lives, and which regions
 * failed. `files` lets a later collection into the same directory remove
 * the files it no longer writes (a region that is gone, say).
 */
export interface CollectionManifest {
  readonly schemaVersion: 1;
  readonly collectedAt: string;
  readonly accounts: readonly { readonly accountId: string; readonly regions: readonly string[] }[];
  /** Group id to its account and region. */
  readonly groups: Readonly<Record<string, GroupLocation>>;
  readonly errors: readonly CollectionError[];
  /** The inventory files written, relative to the directory. */
  readonly files: readonly string[];
}

export function collectionManifest(
  collected: CollectedInventory,
  files: readonly string[],
): CollectionManifest {
  return {
    schemaVersion: 1,
    collectedAt: collected.collectedAt,
    accounts: collected.accounts.map(({ accountId, regions }) => ({
      accountId,
      regions: regions.map(({ region }) => region),
    })),
    groups: Object.fromEntries(groupLocations(collected)),
    errors: collected.errors,
    files: [...files],
  };
}

/**
 * The manifest of an inventory directory written by `writeInventoryDir`, or
 * undefined for a directory of plain AWS CLI exports.
 */
export async function readCollectionManifest(dir: string): Promise<CollectionManifest | undefined> {
  const file = join(dir, COLLECTION_MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw invalid(file, 'valid JSON', { cause: error });
  }
  if (!isManifest(json)) throw invalid(file, 'a manifest with schemaVersion 1 and a files list');
  return json;
}

function isManifest(json: unknown): json is CollectionManifest {
  if (typeof json !== 'object' || json === null) return false;

  const { schemaVersion, files } = json as Partial<Record<keyof CollectionManifest, unknown>>;
  const fileNames = Array.isArray(files) && files.every((name) => typeof name === 'string');
  return schemaVersion === 1 && fileNames;
}

function invalid(file: string, expected: string, options?: { cause?: unknown }): StaleSgError {
  return new StaleSgError(
    'INVALID_INVENTORY',
    `${file}: expected ${expected} (delete the file to collect afresh)`,
    options,
  );
}
