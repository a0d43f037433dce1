import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { CollectedInventory } from './collected-inventory.js';
import {
  COLLECTION_MANIFEST_FILE,
  collectionManifest,
  readCollectionManifest,
} from './collection-manifest.js';
import { toInventoryFiles } from './to-inventory-files.js';

/** The paths written by `writeInventoryDir`. */
export interface WrittenInventory {
  readonly files: readonly string[];
  readonly manifest: string;
}

/** The only names a previous manifest may make us delete: files this module writes. */
const OWN_FILE =
  /^(?:(?:security-groups|security-group-rules|network-interfaces|managed-prefix-lists)-[\w-]+|pl-[0-9a-f]+)\.json$/;

/**
 * Writes a collection as an inventory directory: the AWS CLI's JSON per
 * account and region (see `toInventoryFiles`), which `loadInventoryDir` and
 * `stale-sg analyze --inventory` read like a hand-made export, and the
 * manifest `COLLECTION_MANIFEST_FILE`, which they skip. The directory is
 * created if need be. Files that an earlier collection wrote there and this
 * one does not are removed, so that a region no longer collected does not
 * linger in the inventory; other files are left alone.
 */
export async function writeInventoryDir(
  collected: CollectedInventory,
  dir: string,
): Promise<WrittenInventory> {
  const documents = toInventoryFiles(collected);
  await mkdir(dir, { recursive: true });
  const previous = await previousFiles(dir);

  for (const { file, json } of documents) await writeJson(join(dir, file), json);

  const names = documents.map(({ file }) => file);
  const leftOver = previous.filter((name) => OWN_FILE.test(name) && !names.includes(name));
  await Promise.all(leftOver.map((name) => rm(join(dir, name), { force: true })));

  const manifest = join(dir, COLLECTION_MANIFEST_FILE);
  await writeJson(manifest, collectionManifest(collected, names));
  return { files: names.map((name) => join(dir, name)), manifest };
}

/** An unreadable old manifest only means nothing is cleaned up; it is replaced anyway. */
async function previousFiles(dir: string): Promise<readonly string[]> {
  try {
    return (await readCollectionManifest(dir))?.files ?? [];
  } catch {
    return [];
  }
}

/**
 * Indented by four spaces as the AWS CLI prints. Written beside and renamed,
 * so an interrupted run leaves no half-written `.json` for the loader to
 * trip over.
 */
async function writeJson(path: string, json: unknown): Promise<void> {
  const partial = `${path}.partial`;
  await writeFile(partial, `${JSON.stringify(json, null, 4)}\n`);
  await rename(partial, path);
}
