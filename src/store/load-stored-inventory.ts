import {
  BOOLEAN,
  DuckDBListValue,
  type DuckDBConnection,
  type DuckDBValue,
} from '@duckdb/node-api';
import type {
  Direction,
  Inventory,
  NetworkInterface,
  PeerKind,
  PrefixList,
  SecurityGroup,
  SecurityGroupRule,
} from '../inventory/inventory.js';
import { sortInventory } from '../inventory/sort-inventory.js';
import { nullableNumberOf, numberOf, recordOf, textOf } from './store-values.js';

export interface LoadInventoryOptions {
  /**
   * Also return interfaces that have gone, each with the addresses and
   * groups it had when it went: flow logs from before it went still name
   * it, and other rules may reference its groups by its addresses.
   */
  readonly includeGone?: boolean;
}

const GROUPS_SQL = `
SELECT group_id, group_name, vpc_id, owner_id, description, tags, region
FROM security_groups
WHERE gone_at IS NULL`;

const RULES_SQL = `
SELECT rule_id, group_id, direction, protocol, from_port, to_port,
       peer_kind, peer_value, description, derived
FROM security_group_rules
WHERE gone_at IS NULL`;

/**
 * An interface's groups and addresses are those that went with it: still
 * present for a present interface, gone at the same snapshot for a gone
 * one. Rows that went earlier had been detached before.
 */
const INTERFACES_SQL = `
WITH listed AS (
  SELECT interface_id, vpc_id, description, gone_at
  FROM network_interfaces
  WHERE gone_at IS NULL OR $include_gone
),
attached_groups AS (
  SELECT listed.interface_id, list(attached.group_id ORDER BY attached.position) AS group_ids
  FROM listed
  JOIN interface_groups AS attached
    ON attached.interface_id = listed.interface_id
   AND attached.gone_at IS NOT DISTINCT FROM listed.gone_at
  GROUP BY listed.interface_id
),
known_addresses AS (
  SELECT listed.interface_id, list(known.address ORDER BY known.position) AS addresses
  FROM listed
  JOIN interface_addresses AS known
    ON known.interface_id = listed.interface_id
   AND known.gone_at IS NOT DISTINCT FROM listed.gone_at
  GROUP BY listed.interface_id
)
SELECT listed.interface_id, listed.vpc_id, listed.description,
       attached_groups.group_ids, known_addresses.addresses
FROM listed
LEFT JOIN attached_groups USING (interface_id)
LEFT JOIN known_addresses USING (interface_id)`;

const PREFIX_LISTS_SQL = `
WITH present_entries AS (
  SELECT prefix_list_id, list(cidr ORDER BY position) AS cidrs
  FROM prefix_list_entries
  WHERE gone_at IS NULL
  GROUP BY prefix_list_id
)
SELECT lists.prefix_list_id, present_entries.cidrs
FROM prefix_lists AS lists
LEFT JOIN present_entries USING (prefix_list_id)
WHERE lists.gone_at IS NULL`;

type Row = Record<string, DuckDBValue>;

/** The inventory as of the latest snapshot, in `sortInventory` order. */
export async function loadStoredInventory(
  connection: DuckDBConnection,
  options: LoadInventoryOptions = {},
): Promise<Inventory> {
  const read = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjects();
  const interfaces = await connection.runAndReadAll(
    INTERFACES_SQL,
    { include_gone: options.includeGone ?? false },
    { include_gone: BOOLEAN },
  );

  return sortInventory({
    groups: (await read(GROUPS_SQL)).map(groupOf),
    rules: (await read(RULES_SQL)).map(ruleOf),
    interfaces: interfaces.getRowObjects().map(interfaceOf),
    prefixLists: (await read(PREFIX_LISTS_SQL)).map(prefixListOf),
  });
}

function groupOf(row: Row): SecurityGroup {
  return {
    groupId: String(row['group_id']),
    groupName: String(row['group_name']),
    vpcId: textOf(row['vpc_id']),
    ownerId: textOf(row['owner_id']),
    description: textOf(row['description']),
    tags: recordOf(row['tags']),
    ...regionOf(row),
  };
}

/** Only groups collected from the EC2 API know their region. */
function regionOf(row: Row): { region?: string } {
  const region = textOf(row['region']);
  return region === null ? {} : { region };
}

/** Direction and peer kind are safe to narrow: CHECK constraints admit no other values. */
function ruleOf(row: Row): SecurityGroupRule {
  return {
    ruleId: String(row['rule_id']),
    groupId: String(row['group_id']),
    direction: String(row['direction']) as Direction,
    protocol: numberOf(row['protocol']),
    fromPort: nullableNumberOf(row['from_port']),
    toPort: nullableNumberOf(row['to_port']),
    peer: { kind: String(row['peer_kind']) as PeerKind, value: String(row['peer_value']) },
    description: textOf(row['description']),
    derived: row['derived'] === true,
  };
}

function interfaceOf(row: Row): NetworkInterface {
  return {
    interfaceId: String(row['interface_id']),
    vpcId: textOf(row['vpc_id']),
    groupIds: textsOf(row['group_ids']),
    addresses: textsOf(row['addresses']),
    description: textOf(row['description']),
  };
}

function prefixListOf(row: Row): PrefixList {
  return { prefixListId: String(row['prefix_list_id']), cidrs: textsOf(row['cidrs']) };
}

/** A VARCHAR[] column; NULL (no rows to aggregate) is an empty list. */
function textsOf(value: DuckDBValue | undefined): string[] {
  return value instanceof DuckDBListValue ? value.items.map(String) : [];
}
