import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Client } from '../../../src/s3/create-s3-client.js';
import { downloadFlowLogObjects } from '../../../src/s3/download-flow-log-objects.js';
import { listFlowLogObjects } from '../../../src/s3/list-flow-log-objects.js';
import type { S3FlowLogObject } from '../../../src/s3/s3-flow-log-object.js';
import { DynamoDbStore } from '../../../src/store/dynamodb/dynamodb-store.js';
import { closedPort } from '../../notify/smtp-sink.js';

/**
 * S3 and DynamoDB endpoints that are gone (connection refused) or hung
 * (the connection is taken, nothing is ever answered), through the real
 * SDK clients: one line that names the service, the call and its target,
 * and no hang. Timeouts are short here; in use they are S3_TIMEOUTS and
 * DYNAMODB_TIMEOUTS.
 */
const SHORT = { connectMs: 300, idleMs: 300 };

let refused: number;
let hung: { server: Server; sockets: Set<Socket>; port: number };
let cacheDir: string;

beforeAll(async () => {
  refused = await closedPort();
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hung = { server, sockets, port: (server.address() as AddressInfo).port };
  cacheDir = await mkdtemp(join(tmpdir(), 'stale-sg-unreachable-'));
});

afterAll(async () => {
  for (const socket of hung.sockets) socket.destroy();
  await new Promise<void>((resolve) => hung.server.close(() => resolve()));
  await rm(cacheDir, { recursive: true, force: true });
});

const endpoints = {
  refused: () => `http://127.0.0.1:${refused}`,
  hung: () => `http://127.0.0.1:${hung.port}`,
};
const CAUSES = {
  refused: /\(connect ECONNREFUSED 127\.0\.0\.1:\d+\)/,
  hung: /\((TimeoutError: )?the request socket timed out after 300 ms of inactivity/,
};
const KEYS = { accessKeyId: 'AKIAUNREACHABLEEXAMPLE', secretAccessKey: 'unreachable/SECRET' };

function s3Client(endpoint: string) {
  return createS3Client({
    region: 'us-east-1',
    forcePathStyle: true,
    endpoint,
    credentials: KEYS,
    timeouts: SHORT,
  });
}

const OBJECT: S3FlowLogObject = {
  bucket: 'flow-logs',
  key: 'vpc/part-000/a.log.gz',
  size: 10,
  etag: '',
  lastModified: new Date(0),
  style: null,
  account: null,
  region: null,
  day: null,
  hour: null,
};

describe.each(['refused', 'hung'] as const)('an S3 endpoint that is %s', (kind) => {
  it('fails the listing in one line naming the bucket', async () => {
    const client = s3Client(endpoints[kind]());
    try {
      const error = await listFlowLogObjects(client, { url: 's3://flow-logs/vpc/' }).catch(
        (caught: unknown) => caught as Error,
      );
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/^cannot reach S3 for s3:ListBucket on flow-logs /);
      expect((error as Error).message).toMatch(CAUSES[kind]);
      expect((error as Error).message).not.toContain(KEYS.secretAccessKey);
    } finally {
      client.destroy();
    }
  });

  it('stops the downloads, rather than skip every object as unreadable', async () => {
    const client = s3Client(endpoints[kind]());
    try {
      const downloading = downloadFlowLogObjects(client, [OBJECT, { ...OBJECT, key: 'b.log' }], {
        cacheDir: join(cacheDir, kind),
      });
      await expect(downloading).rejects.toThrow(
        /^cannot reach S3 for s3:GetObject on s3:\/\/flow-logs\//,
      );
    } finally {
      client.destroy();
    }
  });
});

describe.each(['refused', 'hung'] as const)('a DynamoDB endpoint that is %s', (kind) => {
  it('fails to open the store in one line naming the table and the call', async () => {
    const client = new DynamoDBClient({
      endpoint: endpoints[kind](),
      region: 'us-east-1',
      credentials: KEYS,
      requestHandler: { connectionTimeout: SHORT.connectMs, socketTimeout: SHORT.idleMs },
    });
    try {
      const error = await DynamoDbStore.open({ rulesTable: 'rules', client }).catch(
        (caught: unknown) => caught as Error,
      );
      expect(error).toMatchObject({ code: 'STORE_FAILURE' });
      expect((error as Error).message).toMatch(
        /^cannot reach DynamoDB for dynamodb:DescribeTable on the table rules /,
      );
      expect((error as Error).message).toMatch(CAUSES[kind]);
      expect((error as Error).message).not.toContain(KEYS.secretAccessKey);
    } finally {
      client.destroy();
    }
  });
});
