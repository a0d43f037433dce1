import {
  loadInventoryDir,
  parseInventoryDocuments,
  type LoadedInventory,
} from '../inventory/load-inventory.js';
import {
  groupLocations,
  type CollectedInventory,
  type GroupLocation,
} from './collected-inventory.js';
import { readCollectionManifest } from './collection-manifest.js';
import { toInventoryFiles } from './to-inventory-files.js';

/**
 * The inventory with each group's account and region where a collection
 * knew them: AWS CLI exports carry the account (OwnerId) but not the region.
 */
export function withGroupLocations(
  loaded: LoadedInventory,
  locations: ReadonlyMap<string, GroupLocation>,
): LoadedInventory {
  const groups = loaded.inventory.groups.map((group) => {
    const location = locations.get(group.groupId);
    if (location === undefined) return group;
    return { ...group, ownerId: group.ownerId ?? location.accountId, region: location.region };
  });
  return { ...loaded, inventory: { ...loaded.inventory, groups } };
}

/**
 * Loads an inventory directory, and, when `stale-sg inventory collect`
 * wrote it, the account and region of each group from its manifest.
 */
export async function loadInventoryWithLocations(dir: string): Promise<LoadedInventory> {
  const loaded = await loadInventoryDir(dir);
  const manifest = await readCollectionManifest(dir);
  if (manifest === undefined) return loaded;
  return withGroupLocations(loaded, new Map(Object.entries(manifest.groups)));
}

/**
 * The inventory of a collection from the EC2 API, read as its AWS CLI
 * exports would be, with each group's account and region: what `run
 * --collect` and the deployed collect stage attribute against.
 */
export function loadCollectedInventory(collected: CollectedInventory): LoadedInventory {
  return withGroupLocations(
    parseInventoryDocuments(toInventoryFiles(collected)),
    groupLocations(collected),
  );
}
