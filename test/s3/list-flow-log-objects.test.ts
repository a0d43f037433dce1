import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Client } from '../../src/s3/create-s3-client.js';
import { listFlowLogObjects } from '../../src/s3/list-flow-log-objects.js';
import { s3SourceVersion } from '../../src/s3/s3-flow-log-object.js';
import {
  deliveries,
  deliveryFolder,
  deliveryKey,
  listings,
  recordCommands,
  type Delivery,
} from './s3-test-helpers.js';
import { putObjects, startS3TestServer, type S3TestServer } from './s3-test-server.js';

const BUCKET = 'flow-logs';
const A = '111111111111';
const B = '222222222222';
const C = '333333333333';
const DAYS = ['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02', '2026-11-03'];

/** `vpc/`: daily plain files of two accounts and regions, hourly Hive files of a third account. */
const plainDaily = deliveries(
  { style: 'plain', prefix: 'vpc/' },
  [A, B],
  ['us-east-1', 'eu-west-1'],
  DAYS,
);
const hiveHourly = deliveries(
  { style: 'hive', prefix: 'vpc/' },
  [C],
  ['us-east-1'],
  ['2026-11-01', '2026-11-02'],
  [0, 11, 23],
);
/** `hourly/`: every hour of one day, plain. */
const plainHourly = deliveries(
  { style: 'plain', prefix: 'hourly/' },
  [A],
  ['us-west-2'],
  ['2026-11-01'],
  Array.from({ length: 24 }, (_, hour) => hour),
);
/** `big/`: one day folder with more files than a page holds. */
const bigDay: Delivery = {
  style: 'plain',
  prefix: 'big/',
  account: A,
  region: 'us-east-1',
  day: '2026-11-01',
};
const bigKeys = Array.from({ length: 25 }, (_, index) => deliveryKey(bigDay, index));

/** Keys in no delivery layout, or not flow logs at all. */
const copiedKeys = [
  'copied/2026-11-01/a.log.gz',
  'copied/2026-11-01/b.log',
  'copied/c.parquet',
  'copied/nested/deeper/d.gz',
  deliveryKey({ ...bigDay, prefix: 'copied/backup/', account: B }),
];
const notFlowLogs = [
  'copied/README.txt',
  `vpc/AWSLogs/${A}/CloudTrail/us-east-1/2026/11/01/${A}_CloudTrail_us-east-1_x.json.gz`,
  'vpc/AWSLogs/aws-logs-write-test',
  `${deliveryFolder(plainDaily[0] as Delivery)}notes.txt`,
];

let server: S3TestServer;
let client: S3Client;

beforeAll(async () => {
  server = await startS3TestServer([BUCKET]);
  client = server.client();
  const keys = [
    ...[...plainDaily, ...hiveHourly, ...plainHourly].map((delivery) => deliveryKey(delivery)),
    ...bigKeys,
    ...copiedKeys,
    ...notFlowLogs,
  ];
  await putObjects(
    client,
    BUCKET,
    keys.map((key) => ({ key, body: `flow log ${key}\n` })),
  );
});

afterAll(async () => {
  client?.destroy();
  await server?.close();
});

/** A client of its own, with the ListObjectsV2 requests it sends. */
function recordingClient(): { client: S3Client; sent: ReturnType<typeof recordCommands> } {
  const recording = server.client();
  return { client: recording, sent: recordCommands(recording) };
}

const keysOf = (list: readonly Delivery[]) => list.map((delivery) => deliveryKey(delivery)).sort();

describe('listFlowLogObjects', () => {
  it('lists both layouts under a destination, with what their keys tell', async () => {
    const objects = await listFlowLogObjects(client, { url: `s3://${BUCKET}/vpc` });

    expect(objects.map((object) => object.key)).toEqual(keysOf([...plainDaily, ...hiveHourly]));
    const hive = objects.find((object) => object.key === deliveryKey(hiveHourly[4] as Delivery));
    expect(hive).toMatchObject({
      bucket: BUCKET,
      style: 'hive',
      account: C,
      region: 'us-east-1',
      day: '2026-11-02',
      hour: 11,
    });
    expect(hive?.etag).toMatch(/^[0-9a-f]{32}$/);
    expect(hive?.size).toBe(`flow log ${hive?.key}\n`.length);
    expect(hive?.lastModified).toBeInstanceOf(Date);
    expect(hive && s3SourceVersion(hive)).toEqual({
      key: `s3://${BUCKET}/${hive?.key}`,
      size: hive?.size,
      mtimeMs: null,
      etag: hive?.etag,
    });
  });

  it('lists only the folders of the accounts, regions and days asked for', async () => {
    const { client, sent } = recordingClient();
    const objects = await listFlowLogObjects(client, {
      url: `s3://${BUCKET}/vpc/`,
      accounts: [A],
      regions: ['eu-west-1'],
      since: new Date('2026-11-01T00:00:00Z'),
      until: new Date('2026-11-02T00:00:00Z'),
    });

    // 11-02 is listed too: its first hour may hold records of 11-01 delivered late.
    const expected = plainDaily.filter(
      (d) =>
        d.account === A && d.region === 'eu-west-1' && ['2026-11-01', '2026-11-02'].includes(d.day),
    );
    expect(objects.map((object) => object.key)).toEqual(keysOf(expected));

    const region = `vpc/AWSLogs/${A}/vpcflowlogs/eu-west-1/`;
    expect(listings(sent)).toEqual([
      'vpc/ (/)',
      'vpc/AWSLogs/ (/)',
      `vpc/AWSLogs/${A}/ (/)`,
      `vpc/AWSLogs/${A}/vpcflowlogs/ (/)`,
      `${region} (/)`,
      `${region}2026/ (/)`,
      `${region}2026/11/ (/)`,
      // Wholly inside the window: listed whole.
      `${region}2026/11/01/`,
      // Partly: listed level by level, in case it has hour folders.
      `${region}2026/11/02/ (/)`,
    ]);
  });

  it('prunes hour folders to the window', async () => {
    const { client, sent } = recordingClient();
    const objects = await listFlowLogObjects(client, {
      url: `s3://${BUCKET}/hourly/`,
      since: new Date('2026-11-01T10:00:00Z'),
      until: new Date('2026-11-01T12:00:00Z'),
    });

    expect(objects.map((object) => object.hour)).toEqual([10, 11, 12]);
    const day = `hourly/AWSLogs/${A}/vpcflowlogs/us-west-2/2026/11/01/`;
    expect(listings(sent).filter((listing) => listing.startsWith(day))).toEqual([
      `${day} (/)`,
      `${day}10/`,
      `${day}11/`,
      // The hour after the window, for late deliveries.
      `${day}12/`,
    ]);
  });

  it('starts inside the layout, at a Hive account folder', async () => {
    const { client, sent } = recordingClient();
    const account = `vpc/AWSLogs/aws-account-id=${C}/`;
    const objects = await listFlowLogObjects(client, {
      url: `s3://${BUCKET}/${account}`,
      since: new Date('2026-11-02T00:00:00Z'),
    });

    expect(objects.map((object) => object.key)).toEqual(
      keysOf(hiveHourly.filter((delivery) => delivery.day === '2026-11-02')),
    );
    expect(listings(sent).every((listing) => listing.startsWith(account))).toBe(true);
    expect(listings(sent).some((listing) => listing.includes('day=01'))).toBe(false);
  });

  it('reads every page of a folder with more keys than a page holds', async () => {
    const { client, sent } = recordingClient();
    const objects = await listFlowLogObjects(client, { url: `s3://${BUCKET}/big/`, maxKeys: 4 });

    expect(objects.map((object) => object.key)).toEqual([...bigKeys].sort());
    const pages = sent.filter(({ input }) => input.ContinuationToken !== undefined);
    expect(pages.length).toBeGreaterThanOrEqual(6);
    expect(sent.every(({ input }) => input.MaxKeys === 4)).toBe(true);
  });

  it('lists keys outside the layouts whole, paginated, by their names', async () => {
    const { client, sent } = recordingClient();
    const objects = await listFlowLogObjects(client, { url: `s3://${BUCKET}/copied`, maxKeys: 2 });

    expect(objects.map((object) => object.key)).toEqual([...copiedKeys].sort());
    expect(objects.find((object) => object.key === 'copied/c.parquet')).toMatchObject({
      style: null,
      account: null,
      region: null,
      day: null,
      hour: null,
    });
    expect(listings(sent).filter((listing) => listing === 'copied/').length).toBeGreaterThan(2);

    // The copy in the delivery layout is still filtered by its key.
    const onlyA = await listFlowLogObjects(client, {
      url: `s3://${BUCKET}/copied/`,
      accounts: [A],
    });
    expect(onlyA.map((object) => object.key)).not.toContain(copiedKeys[4]);
    expect(onlyA).toHaveLength(copiedKeys.length - 1);
  });

  it('finds the server from AWS_ENDPOINT_URL_S3 and AWS_ENDPOINT_URL', async () => {
    for (const variable of ['AWS_ENDPOINT_URL_S3', 'AWS_ENDPOINT_URL']) {
      const before = process.env[variable];
      process.env[variable] = server.endpoint;
      const fromEnvironment = createS3Client({
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      });
      try {
        const objects = await listFlowLogObjects(fromEnvironment, { url: `s3://${BUCKET}/big/` });
        expect(objects, variable).toHaveLength(bigKeys.length);
      } finally {
        if (before === undefined) delete process.env[variable];
        else process.env[variable] = before;
        fromEnvironment.destroy();
      }
    }
  });

  it.each([
    [
      'a missing bucket',
      { url: 's3://no-such-bucket/vpc/' },
      'bucket no-such-bucket does not exist',
    ],
    [
      'a missing bucket, inside the layout',
      { url: `s3://no-such-bucket/AWSLogs/${A}/` },
      'bucket no-such-bucket does not exist',
    ],
    [
      'an account id that no folder can have',
      { url: `s3://${BUCKET}/vpc/`, accounts: ['1234'] },
      'expected a 12-digit AWS account id, found "1234"',
    ],
    ['not an S3 URL', { url: '/tmp/flow-logs' }, 'expected an S3 location'],
  ])('fails in one line for %s', async (_case, options, message) => {
    const failure = listFlowLogObjects(client, options);
    await expect(failure).rejects.toThrow(message);
    await expect(failure).rejects.toMatchObject({ name: 'StaleSgError' });
  });
});
