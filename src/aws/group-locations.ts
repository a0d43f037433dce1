import { loadInventoryDir, type LoadedInventory } from '../inventory/load-inventory.js';
import type { GroupLocation } from './collected-inventory.js';
import { readCollectionManifest } from './collection-manifest.js';

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
