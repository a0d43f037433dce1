import { StaleSgError } from '../../errors.js';
import type {
  Direction,
  Inventory,
  NetworkInterface,
  PeerKind,
  SecurityGroupRule,
} from '../../inventory/inventory.js';
import { sortInventory } from '../../inventory/sort-inventory.js';
import type { LoadInventoryOptions } from '../load-stored-inventory.js';
import type { TableIo } from './dynamodb-io.js';
import type { Item } from './dynamodb-layout.js';
import { count, optionalNumber, optionalText, text, texts } from './dynamodb-values.js';

const INVENTORY_KINDS = ['group', 'rule', 'interface', 'prefix-list'];

/**
 * Records `inventory` as the account's state at `at`, as the DuckDB store
 * does: listed items are written (keeping their `firstSeenAt`, reviving
 * them if they had gone), present items it no longer lists get `goneAt`.
 * Nothing is deleted: a gone interface keeps the addresses and groups it
 * had, which flow logs from before it went still need.
 *
 * Not atomic: a crash part-way leaves some items refreshed; saving the same
 * snapshot again completes it, since every write is a full overwrite.
 */
export async function saveDynamoDbInventory(
  io: TableIo,
  inventory: Inventory,
  at: Date,
): Promise<void> {
  await refuseOlderSnapshot(io, at);
  const when = at.toISOString();
  const stored = new Map((await io.scanKinds(INVENTORY_KINDS)).map((item) => [keyOf(item), item]));

  const listed = new Map(inventoryItems(inventory).map((item) => [keyOf(item), item]));
  const writes: Item[] = [];
  for (const [key, item] of listed) {
    const firstSeenAt = stored.get(key)?.['firstSeenAt'] ?? when;
    writes.push({ ...item, firstSeenAt, lastSeenAt: when });
  }
  for (const [key, item] of stored) {
    if (!listed.has(key) && item['goneAt'] === undefined) writes.push({ ...item, goneAt: when });
  }
  await io.putAll(writes);

  await io.put({
    pk: 'SNAPSHOT',
    sk: when,
    kind: 'snapshot',
    groups: inventory.groups.length,
    rules: inventory.rules.length,
    interfaces: inventory.interfaces.length,
    prefixLists: inventory.prefixLists.length,
  });
}

/** The inventory as of the latest snapshot; with `includeGone`, gone interfaces too. */
export async function loadDynamoDbInventory(
  io: TableIo,
  options: LoadInventoryOptions = {},
): Promise<Inventory> {
  const items = await io.scanKinds(INVENTORY_KINDS);
  const present = (kind: string) =>
    items.filter((item) => item['kind'] === kind && item['goneAt'] === undefined);
  const interfaces = items.filter(
    (item) =>
      item['kind'] === 'interface' &&
      (options.includeGone === true || item['goneAt'] === undefined),
  );

  return sortInventory({
    groups: present('group').map((item) => ({
      groupId: text(item['groupId']),
      groupName: text(item['groupName']),
      vpcId: optionalText(item['vpcId']),
      ownerId: optionalText(item['ownerId']),
      description: optionalText(item['description']),
      tags: tagsOf(item['tags']),
      ...regionOf(item),
    })),
    rules: present('rule').map(ruleOf),
    interfaces: interfaces.map(interfaceOf),
    prefixLists: present('prefix-list').map((item) => ({
      prefixListId: text(item['prefixListId']),
      cidrs: texts(item['cidrs']),
    })),
  });
}

/** A snapshot older than the latest would mark as gone what has since been seen again. */
async function refuseOlderSnapshot(io: TableIo, at: Date): Promise<void> {
  const [latest] = await io.query('SNAPSHOT', false, 1);
  const latestAt = latest === undefined ? null : text(latest['sk']);
  if (latestAt !== null && at.toISOString() < latestAt) {
    throw new StaleSgError(
      'INVALID_ARGUMENT',
      `an inventory taken at ${at.toISOString()} is older than the latest snapshot in the ` +
        `store, taken at ${latestAt}`,
    );
  }
}

function inventoryItems(inventory: Inventory): Item[] {
  return [
    ...inventory.groups.map((group) => ({
      pk: `GROUP#${group.groupId}`,
      sk: 'GROUP',
      kind: 'group',
      ...group,
    })),
    ...inventory.rules.map(({ peer, ...rule }) => ({
      pk: `RULE#${rule.ruleId}`,
      sk: 'RULE',
      kind: 'rule',
      ...rule,
      peerKind: peer.kind,
      peerValue: peer.value,
    })),
    ...inventory.interfaces.map((eni) => ({
      pk: `IFACE#${eni.interfaceId}`,
      sk: 'IFACE',
      kind: 'interface',
      ...eni,
    })),
    ...inventory.prefixLists.map((list) => ({
      pk: `PREFIXLIST#${list.prefixListId}`,
      sk: 'PREFIXLIST',
      kind: 'prefix-list',
      ...list,
    })),
  ];
}

/** Only groups collected from the EC2 API know their region. */
function regionOf(item: Item): { region?: string } {
  const region = optionalText(item['region']);
  return region === null ? {} : { region };
}

/** Direction and peer kind are safe to narrow: only `inventoryItems` writes them. */
function ruleOf(item: Item): SecurityGroupRule {
  return {
    ruleId: text(item['ruleId']),
    groupId: text(item['groupId']),
    direction: text(item['direction']) as Direction,
    protocol: count(item['protocol']),
    fromPort: optionalNumber(item['fromPort']),
    toPort: optionalNumber(item['toPort']),
    peer: { kind: text(item['peerKind']) as PeerKind, value: text(item['peerValue']) },
    description: optionalText(item['description']),
    derived: item['derived'] === true,
  } as SecurityGroupRule;
}

function interfaceOf(item: Item): NetworkInterface {
  return {
    interfaceId: text(item['interfaceId']),
    vpcId: optionalText(item['vpcId']),
    groupIds: texts(item['groupIds']),
    addresses: texts(item['addresses']),
    description: optionalText(item['description']),
  };
}

function tagsOf(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).map(([key, tag]) => [key, String(tag)]));
}

function keyOf(item: Item): string {
  return `${text(item['pk'])}\u0000${text(item['sk'])}`;
}
