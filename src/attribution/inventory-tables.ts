import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import type { Inventory, SecurityGroupRule } from '../inventory/inventory.js';
import { parseCidr, parseIpAddress, type IpFamily } from '../net/ip-address.js';
import { INVENTORY_TABLES_SQL } from './flow-tables.js';

interface AddressRange {
  readonly family: IpFamily;
  readonly first: bigint;
  readonly last: bigint;
}

/**
 * Loads the inventory into the tables attribution joins against. Values go
 * through DuckDB appenders, never into SQL text.
 */
export async function loadInventoryTables(
  connection: DuckDBConnection,
  inventory: Inventory,
): Promise<void> {
  await connection.run(INVENTORY_TABLES_SQL);

  await append(connection, 'interface_groups', (appender) => {
    for (const eni of inventory.interfaces) {
      for (const groupId of new Set(eni.groupIds)) row(appender, eni.interfaceId, groupId);
    }
  });

  await append(connection, 'interface_addresses', (appender) => {
    for (const eni of inventory.interfaces) {
      for (const range of addressRanges(eni.addresses)) {
        row(appender, eni.interfaceId, range.family, range.first);
      }
    }
  });

  await append(connection, 'rules', (appender) => {
    for (const rule of inventory.rules) {
      row(appender, rule.ruleId, rule.groupId, rule.direction, rule.protocol, ...portsOf(rule));
    }
  });

  const ranges = peerRanges(inventory);
  await append(connection, 'rule_ranges', (appender) => {
    for (const rule of inventory.rules) {
      for (const range of ranges(rule))
        row(appender, rule.ruleId, range.family, range.first, range.last);
    }
  });
}

/** Port bounds for the port check; ICMP type and code are not ports. */
function portsOf(rule: SecurityGroupRule): [number | null, number | null] {
  const hasPortRange = rule.protocol === 6 || rule.protocol === 17;
  return hasPortRange ? [rule.fromPort, rule.toPort] : [null, null];
}

/**
 * The address ranges a rule's peer stands for. A referenced group stands for
 * the private addresses of every interface it is attached to, its own
 * interfaces included when a group references itself.
 */
function peerRanges(inventory: Inventory): (rule: SecurityGroupRule) => AddressRange[] {
  const entries = new Map(inventory.prefixLists.map((list) => [list.prefixListId, list.cidrs]));
  const members = new Map<string, string[]>();
  for (const eni of inventory.interfaces) {
    for (const groupId of eni.groupIds) {
      const addresses = members.get(groupId) ?? [];
      addresses.push(...eni.addresses);
      members.set(groupId, addresses);
    }
  }

  return (rule) => {
    switch (rule.peer.kind) {
      case 'cidr4':
      case 'cidr6':
        return cidrRanges([rule.peer.value]);
      case 'prefix-list':
        return cidrRanges(entries.get(rule.peer.value) ?? []);
      case 'security-group':
        return addressRanges(members.get(rule.peer.value) ?? []);
    }
  };
}

function cidrRanges(cidrs: readonly string[]): AddressRange[] {
  return cidrs.flatMap((cidr) => {
    const block = parseCidr(cidr);
    return block === undefined ? [] : [block];
  });
}

function addressRanges(addresses: readonly string[]): AddressRange[] {
  return addresses.flatMap((text) => {
    const address = parseIpAddress(text);
    return address === undefined
      ? []
      : [{ family: address.family, first: address.value, last: address.value }];
  });
}

type Cell = string | number | bigint | null;

function row(appender: DuckDBAppender, ...cells: Cell[]): void {
  for (const cell of cells) {
    if (cell === null) appender.appendNull();
    else if (typeof cell === 'string') appender.appendVarchar(cell);
    else if (typeof cell === 'bigint') appender.appendUHugeInt(cell);
    else appender.appendInteger(cell);
  }
  appender.endRow();
}

async function append(
  connection: DuckDBConnection,
  table: string,
  fill: (appender: DuckDBAppender) => void,
): Promise<void> {
  const appender = await connection.createAppender(table, 'main', 'temp');
  try {
    fill(appender);
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}
