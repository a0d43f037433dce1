import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import type { Inventory, SecurityGroupRule } from '../inventory/inventory.js';
import { parseCidr, parseIpAddress, type IpFamily } from '../net/ip-address.js';
import { INVENTORY_TABLES_SQL } from './flow-tables.js';

interface AddressRange {
  readonly family: IpFamily;
  readonly first: bigint;
  readonly last: bigint;
}

/** The inventory as rows of the four tables attribution joins against. */
export interface InventoryTableRows {
  readonly interfaceGroups: readonly (readonly [interfaceId: string, groupId: string])[];
  readonly interfaceAddresses: readonly (readonly [
    interfaceId: string,
    family: IpFamily,
    value: bigint,
  ])[];
  readonly rules: readonly (readonly [
    ruleId: string,
    groupId: string,
    direction: string,
    protocol: number,
    fromPort: number | null,
    toPort: number | null,
  ])[];
  readonly ruleRanges: readonly (readonly [
    ruleId: string,
    family: IpFamily,
    first: bigint,
    last: bigint,
  ])[];
}

/**
 * The rows of the inventory tables: for DuckDB's appenders here, and for
 * the files Athena reads (`athena/inventory-upload.ts`).
 */
export function inventoryTableRows(inventory: Inventory): InventoryTableRows {
  const ranges = peerRanges(inventory);
  return {
    interfaceGroups: inventory.interfaces.flatMap((eni) =>
      [...new Set(eni.groupIds)].map((groupId) => [eni.interfaceId, groupId] as const),
    ),
    interfaceAddresses: inventory.interfaces.flatMap((eni) =>
      addressRanges(eni.addresses).map(
        (range) => [eni.interfaceId, range.family, range.first] as const,
      ),
    ),
    rules: inventory.rules.map(
      (rule) =>
        [rule.ruleId, rule.groupId, rule.direction, rule.protocol, ...portsOf(rule)] as const,
    ),
    ruleRanges: inventory.rules.flatMap((rule) =>
      ranges(rule).map((range) => [rule.ruleId, range.family, range.first, range.last] as const),
    ),
  };
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
  const rows = inventoryTableRows(inventory);

  const tables = [
    ['interface_groups', rows.interfaceGroups],
    ['interface_addresses', rows.interfaceAddresses],
    ['rules', rows.rules],
    ['rule_ranges', rows.ruleRanges],
  ] as const;
  for (const [table, tableRows] of tables) {
    await append(connection, table, (appender) => {
      for (const cells of tableRows) row(appender, ...cells);
    });
  }
}

/** Port bounds for the port check; ICMP type and code are not ports. */
function portsOf(rule: SecurityGroupRule): [fromPort: number | null, toPort: number | null] {
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
