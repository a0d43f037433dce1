import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import {
  COLLECTION_MANIFEST_FILE,
  readCollectionManifest,
} from '../../src/aws/collection-manifest.js';
import type { CollectedInventory, CollectedRegion } from '../../src/aws/collected-inventory.js';
import { toInventoryFiles } from '../../src/aws/to-inventory-files.js';
import { writeInventoryDir } from '../../src/aws/write-inventory-dir.js';
import { loadInventoryDir, parseInventoryDocuments } from '../../src/inventory/load-inventory.js';
import type { RegionFixture } from './ec2-fixtures.js';
import { ACCOUNT_ID, EU, US, euWest1, usEast1 } from './ec2-fixtures.js';

const dirs: string[] = [];

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'stale-sg-collected-'));
  dirs.push(dir);
  return dir;
}

/** A region as collectInventory returns it: only referenced prefix lists. */
function collectedRegion(region: string, fixture: RegionFixture): CollectedRegion {
  const prefixLists = fixture.prefixLists.filter(
    ({ prefixList }) => prefixList.PrefixListId !== US.dynamodb,
  );
  return { region, ...fixture, prefixLists };
}

function collection(regions: readonly CollectedRegion[]): CollectedInventory {
  return {
    collectedAt: '2025-06-01T08:00:00.000Z',
    accounts: [{ accountId: ACCOUNT_ID, regions }],
    errors: [
      {
        accountId: ACCOUNT_ID,
        region: 'ap-south-2',
        code: 'AWS_REGION_UNAVAILABLE',
        message: 'ap-south-2: the region did not accept the request (AuthFailure)',
      },
    ],
  };
}

const BOTH = collection([
  collectedRegion('us-east-1', usEast1()),
  collectedRegion('eu-west-1', euWest1()),
]);

describe('writeInventoryDir', () => {
  it('writes the AWS CLI layout, one file per call, account and region', async () => {
    const dir = await tempDir();

    await writeInventoryDir(BOTH, dir);

    expect((await readdir(dir)).sort()).toEqual([
      COLLECTION_MANIFEST_FILE,
      `managed-prefix-lists-${ACCOUNT_ID}-us-east-1.json`,
      `network-interfaces-${ACCOUNT_ID}-eu-west-1.json`,
      `network-interfaces-${ACCOUNT_ID}-us-east-1.json`,
      `${US.partners}.json`,
      `${US.corpVpn}.json`,
      `${US.s3}.json`,
      `security-group-rules-${ACCOUNT_ID}-eu-west-1.json`,
      `security-group-rules-${ACCOUNT_ID}-us-east-1.json`,
      `security-groups-${ACCOUNT_ID}-eu-west-1.json`,
      `security-groups-${ACCOUNT_ID}-us-east-1.json`,
    ]);

    const text = await readFile(
      join(dir, `network-interfaces-${ACCOUNT_ID}-eu-west-1.json`),
      'utf8',
    );
    expect(text).toMatch(/^\{\n {4}"NetworkInterfaces": \[\n {8}\{\n {12}"NetworkInterfaceId"/);
    expect(text).toContain('"AttachTime": "2024-03-02T09:15:12+00:00"');
    expect(JSON.parse(await readFile(join(dir, `${US.s3}.json`), 'utf8'))).toEqual({
      Entries: [{ Cidr: '3.5.0.0/19' }, { Cidr: '52.216.0.0/15' }, { Cidr: '54.231.0.0/16' }],
    });
  });

  it('writes what loadInventoryDir reads: groups, sgr- rules, every address, prefix lists', async () => {
    const dir = await tempDir();
    await writeInventoryDir(BOTH, dir);

    const { inventory, warnings } = await loadInventoryDir(dir);

    expect(warnings).toEqual([]);
    expect(inventory.groups.map((group) => [group.groupId, group.groupName, group.vpcId])).toEqual([
      [US.default, 'default', US.vpc],
      [US.web, 'web-alb', US.vpc],
      [US.app, 'app', US.vpc],
      [US.db, 'db', US.vpc],
      [US.batch, 'legacy-batch', US.vpc],
      [EU.default, 'default', EU.vpc],
      [EU.api, 'api', EU.vpc],
    ]);
    expect(inventory.rules).toHaveLength(15);
    expect(inventory.rules.every((rule) => rule.ruleId.startsWith('sgr-0') && !rule.derived)).toBe(
      true,
    );
    expect(inventory.rules.find((rule) => rule.ruleId === 'sgr-0a10000000000c007')).toMatchObject({
      groupId: US.app,
      direction: 'ingress',
      protocol: 6,
      fromPort: 22,
      toPort: 22,
      peer: { kind: 'prefix-list', value: US.corpVpn },
      description: 'SSH from the VPN',
    });
    expect(
      inventory.interfaces.map((eni) => [eni.interfaceId, eni.groupIds, eni.addresses]),
    ).toEqual([
      ['eni-0c10000000000e001', [US.web], ['10.0.1.10', '10.0.1.11', '2600:1f18:1234:5601::10']],
      [
        'eni-0c10000000000e002',
        [US.app, US.default],
        [
          '10.0.2.20',
          '10.0.2.21',
          '10.0.2.22',
          '2600:1f18:1234:5602::20',
          '2600:1f18:1234:5602::21',
        ],
      ],
      ['eni-0c10000000000e003', [US.db], ['10.0.3.30']],
      ['eni-0c20000000000f001', [EU.api], ['172.31.5.9', '2a05:d018:aaaa:1::9']],
    ]);
    expect(inventory.prefixLists).toEqual([
      { prefixListId: US.partners, cidrs: ['2001:db8:100::/48', '2001:db8:200::/48'] },
      { prefixListId: US.corpVpn, cidrs: ['198.51.100.0/24', '203.0.113.0/25', '192.0.2.64/26'] },
      { prefixListId: US.s3, cidrs: ['3.5.0.0/19', '52.216.0.0/15', '54.231.0.0/16'] },
    ]);
  });

  it('gives parseInventoryDocuments the same inventory without files', async () => {
    const dir = await tempDir();
    await writeInventoryDir(BOTH, dir);

    const fromDisk = await loadInventoryDir(dir);
    const inMemory = parseInventoryDocuments(toInventoryFiles(BOTH));

    expect(inMemory.inventory).toEqual(fromDisk.inventory);
  });

  it('records account and region per group, and the failed regions, in the manifest', async () => {
    const dir = await tempDir();
    await writeInventoryDir(BOTH, dir);

    const manifest = await readCollectionManifest(dir);

    expect(manifest).toMatchObject({
      schemaVersion: 1,
      collectedAt: '2025-06-01T08:00:00.000Z',
      accounts: [{ accountId: ACCOUNT_ID, regions: ['us-east-1', 'eu-west-1'] }],
      errors: BOTH.errors,
    });
    expect(manifest?.groups[US.app]).toEqual({ accountId: ACCOUNT_ID, region: 'us-east-1' });
    expect(manifest?.groups[EU.api]).toEqual({ accountId: ACCOUNT_ID, region: 'eu-west-1' });
    expect(await readCollectionManifest(await tempDir())).toBeUndefined();
  });

  it('removes the files of an earlier collection that this one does not write, and no others', async () => {
    const dir = await tempDir();
    await writeInventoryDir(BOTH, dir);
    await writeFile(join(dir, 'notes.txt'), 'exported by hand\n');

    await writeInventoryDir(collection([collectedRegion('eu-west-1', euWest1())]), dir);

    expect((await readdir(dir)).sort()).toEqual([
      COLLECTION_MANIFEST_FILE,
      `network-interfaces-${ACCOUNT_ID}-eu-west-1.json`,
      'notes.txt',
      `security-group-rules-${ACCOUNT_ID}-eu-west-1.json`,
      `security-groups-${ACCOUNT_ID}-eu-west-1.json`,
    ]);
    const { inventory } = await loadInventoryDir(dir);
    expect(inventory.groups.map((group) => group.groupId)).toEqual([EU.default, EU.api]);
  });
});
