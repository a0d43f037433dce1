import type { Inventory } from '../inventory/inventory.js';
import type { StagedCell, StagingTable } from './stage-rows.js';

/**
 * One inventory table of the store, and how a snapshot fills it: its key,
 * its other columns (in `staging`, key first), and the rows of an inventory.
 * Every such table also has `first_seen_at`, `last_seen_at` and `gone_at`.
 */
export interface StoredInventoryTable {
  readonly table: string;
  readonly key: readonly string[];
  readonly staging: StagingTable;
  readonly rows: (inventory: Inventory) => Iterable<readonly StagedCell[]>;
}

const securityGroups: StoredInventoryTable = {
  table: 'security_groups',
  key: ['group_id'],
  staging: {
    name: 'stage_security_groups',
    description: 'security groups',
    columns: [
      ['group_id', 'VARCHAR'],
      ['group_name', 'VARCHAR'],
      ['vpc_id', 'VARCHAR'],
      ['owner_id', 'VARCHAR'],
      ['description', 'VARCHAR'],
      ['tags', 'TAGS'],
      ['region', 'VARCHAR'],
    ],
  },
  rows: (inventory) =>
    uniqueBy(inventory.groups, (group) => group.groupId).map((group) => [
      group.groupId,
      group.groupName,
      group.vpcId,
      group.ownerId,
      group.description,
      group.tags,
      group.region ?? null,
    ]),
};

const securityGroupRules: StoredInventoryTable = {
  table: 'security_group_rules',
  key: ['rule_id'],
  staging: {
    name: 'stage_security_group_rules',
    description: 'security group rules',
    columns: [
      ['rule_id', 'VARCHAR'],
      ['group_id', 'VARCHAR'],
      ['direction', 'VARCHAR'],
      ['protocol', 'INTEGER'],
      ['from_port', 'INTEGER'],
      ['to_port', 'INTEGER'],
      ['peer_kind', 'VARCHAR'],
      ['peer_value', 'VARCHAR'],
      ['description', 'VARCHAR'],
      ['derived', 'BOOLEAN'],
    ],
  },
  rows: (inventory) =>
    uniqueBy(inventory.rules, (rule) => rule.ruleId).map((rule) => [
      rule.ruleId,
      rule.groupId,
      rule.direction,
      rule.protocol,
      rule.fromPort,
      rule.toPort,
      rule.peer.kind,
      rule.peer.value,
      rule.description,
      rule.derived,
    ]),
};

const networkInterfaces: StoredInventoryTable = {
  table: 'network_interfaces',
  key: ['interface_id'],
  staging: {
    name: 'stage_network_interfaces',
    description: 'network interfaces',
    columns: [
      ['interface_id', 'VARCHAR'],
      ['vpc_id', 'VARCHAR'],
      ['description', 'VARCHAR'],
    ],
  },
  rows: (inventory) =>
    uniqueInterfaces(inventory).map((eni) => [eni.interfaceId, eni.vpcId, eni.description]),
};

const interfaceGroups: StoredInventoryTable = {
  table: 'interface_groups',
  key: ['interface_id', 'group_id'],
  staging: {
    name: 'stage_interface_groups',
    description: 'interface groups',
    columns: [
      ['interface_id', 'VARCHAR'],
      ['group_id', 'VARCHAR'],
      ['position', 'INTEGER'],
    ],
  },
  rows: (inventory) =>
    uniqueInterfaces(inventory).flatMap((eni) =>
      [...new Set(eni.groupIds)].map((groupId, position) => [eni.interfaceId, groupId, position]),
    ),
};

const interfaceAddresses: StoredInventoryTable = {
  table: 'interface_addresses',
  key: ['interface_id', 'address'],
  staging: {
    name: 'stage_interface_addresses',
    description: 'interface addresses',
    columns: [
      ['interface_id', 'VARCHAR'],
      ['address', 'VARCHAR'],
      ['position', 'INTEGER'],
    ],
  },
  rows: (inventory) =>
    uniqueInterfaces(inventory).flatMap((eni) =>
      [...new Set(eni.addresses)].map((address, position) => [eni.interfaceId, address, position]),
    ),
};

const prefixLists: StoredInventoryTable = {
  table: 'prefix_lists',
  key: ['prefix_list_id'],
  staging: {
    name: 'stage_prefix_lists',
    description: 'prefix lists',
    columns: [['prefix_list_id', 'VARCHAR']],
  },
  rows: (inventory) => uniquePrefixLists(inventory).map((list) => [list.prefixListId]),
};

const prefixListEntries: StoredInventoryTable = {
  table: 'prefix_list_entries',
  key: ['prefix_list_id', 'cidr'],
  staging: {
    name: 'stage_prefix_list_entries',
    description: 'prefix list entries',
    columns: [
      ['prefix_list_id', 'VARCHAR'],
      ['cidr', 'VARCHAR'],
      ['position', 'INTEGER'],
    ],
  },
  rows: (inventory) =>
    uniquePrefixLists(inventory).flatMap((list) =>
      [...new Set(list.cidrs)].map((cidr, position) => [list.prefixListId, cidr, position]),
    ),
};

/** The inventory tables, in the order a snapshot writes them. */
export const STORED_INVENTORY_TABLES: readonly StoredInventoryTable[] = [
  securityGroups,
  securityGroupRules,
  networkInterfaces,
  interfaceGroups,
  interfaceAddresses,
  prefixLists,
  prefixListEntries,
];

function uniqueInterfaces(inventory: Inventory) {
  return uniqueBy(inventory.interfaces, (eni) => eni.interfaceId);
}

function uniquePrefixLists(inventory: Inventory) {
  return uniqueBy(inventory.prefixLists, (list) => list.prefixListId);
}

/** The first item of each key: a key is one row of the store, however often it is listed. */
function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(key(item)) && seen.add(key(item)));
}
