import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { inventoryTableRows } from '../attribution/inventory-tables.js';
import type { Inventory } from '../inventory/inventory.js';
import { formatIpAddress } from '../net/ip-address.js';
import { inventoryFolder, inventoryObjectKey } from './inventory-tables.js';

/** One object to upload: a table's rows for one run, as JSON lines. */
export interface InventoryObject {
  readonly key: string;
  readonly body: string;
}

/**
 * The inventory as the objects Athena's inventory tables read: the same
 * rows DuckDB loads, with addresses written as text (Trino casts them to
 * IPADDRESS). JSON lines, so that names and descriptions never meet a
 * delimiter they could break.
 */
export function inventoryObjects(
  inventory: Inventory,
  prefix: string,
  runId: string,
): InventoryObject[] {
  const rows = inventoryTableRows(inventory);
  const lines = (objects: readonly object[]): string =>
    objects.map((object) => `${JSON.stringify(object)}\n`).join('');

  return [
    {
      key: inventoryObjectKey(prefix, 'interface_groups', runId),
      body: lines(
        rows.interfaceGroups.map(([interface_id, group_id]) => ({ interface_id, group_id })),
      ),
    },
    {
      key: inventoryObjectKey(prefix, 'interface_addresses', runId),
      body: lines(
        rows.interfaceAddresses.map(([interface_id, family, value]) => ({
          interface_id,
          family,
          address: formatIpAddress({ family, value }),
        })),
      ),
    },
    {
      key: inventoryObjectKey(prefix, 'rules', runId),
      body: lines(
        rows.rules.map(([rule_id, group_id, direction, protocol, from_port, to_port]) => ({
          rule_id,
          group_id,
          direction,
          protocol,
          from_port,
          to_port,
        })),
      ),
    },
    {
      key: inventoryObjectKey(prefix, 'rule_ranges', runId),
      body: lines(
        rows.ruleRanges.map(([rule_id, family, first, last]) => ({
          rule_id,
          family,
          first: formatIpAddress({ family, value: first }),
          last: formatIpAddress({ family, value: last }),
        })),
      ),
    },
  ];
}

/** Uploads a run's inventory objects to the data bucket; returns the location written. */
export async function uploadInventory(
  s3: S3Client,
  bucket: string,
  prefix: string,
  runId: string,
  inventory: Inventory,
): Promise<string> {
  for (const object of inventoryObjects(inventory, prefix, runId)) {
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: object.key,
        Body: object.body,
        ContentType: 'application/x-ndjson',
      }),
    );
  }
  return `s3://${bucket}/${inventoryFolder(prefix)}`;
}
