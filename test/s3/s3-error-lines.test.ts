import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Client } from '../../src/s3/create-s3-client.js';
import { downloadFlowLogObjects } from '../../src/s3/download-flow-log-objects.js';
import { listFlowLogObjects } from '../../src/s3/list-flow-log-objects.js';
import type { S3FlowLogObject } from '../../src/s3/s3-flow-log-object.js';

/**
 * S3's answers that s3rver cannot give (a bucket in another region, a
 * denial, rejected credentials), as S3 sends them, from a loopback server
 * to the real client: what is tested is that the SDK's parsing of each
 * ends in one line that says what to fix.
 */
interface Answer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly code: string;
  readonly extra?: string;
}

/** AWS's documentation example keys. */
const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

const ANSWERS: Record<string, Answer> = {
  'moved-bucket': {
    status: 301,
    headers: { 'x-amz-bucket-region': 'eu-west-1' },
    code: 'PermanentRedirect',
    extra:
      '<Endpoint>moved-bucket.s3.eu-west-1.amazonaws.com</Endpoint><Bucket>moved-bucket</Bucket>',
  },
  'moved-quietly': {
    status: 301,
    code: 'PermanentRedirect',
    extra: '<Endpoint>moved-quietly.s3.ap-southeast-2.amazonaws.com</Endpoint>',
  },
  'signed-for-elsewhere': {
    status: 400,
    code: 'AuthorizationHeaderMalformed',
    extra: '<Region>eu-central-1</Region>',
  },
  'denied-bucket': { status: 403, code: 'AccessDenied' },
  'unknown-key': {
    status: 403,
    code: 'InvalidAccessKeyId',
    extra: `<AWSAccessKeyId>${ACCESS_KEY_ID}</AWSAccessKeyId>`,
  },
};

let server: Server;
let client: S3Client;
let cacheDir: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const bucket = (request.url ?? '/').split(/[/?]/)[1] ?? '';
    const answer = ANSWERS[bucket] ?? { status: 500, code: 'InternalError' };
    response.writeHead(answer.status, { 'content-type': 'application/xml', ...answer.headers });
    response.end(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${answer.code}</Code>` +
        `<Message>As S3 says it.</Message>${answer.extra ?? ''}<RequestId>R1</RequestId></Error>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  client = createS3Client({
    region: 'us-east-1',
    forcePathStyle: true,
    endpoint: `http://127.0.0.1:${port}`,
    credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET },
  });
  cacheDir = await mkdtemp(join(tmpdir(), 'stale-sg-s3-errors-'));
});

afterAll(async () => {
  client?.destroy();
  await new Promise((resolve) => server?.close(resolve));
  if (cacheDir !== undefined) await rm(cacheDir, { recursive: true, force: true });
});

/** The error that listing a bucket fails with. */
async function listingError(bucket: string): Promise<Error> {
  try {
    await listFlowLogObjects(client, { url: `s3://${bucket}/` });
  } catch (error) {
    return error as Error;
  }
  throw new Error(`listing ${bucket} succeeded`);
}

function objectIn(bucket: string): S3FlowLogObject {
  return {
    bucket,
    key: 'AWSLogs/111111111111/vpcflowlogs/us-east-1/2026/11/01/f.log.gz',
    size: 10,
    etag: '0123456789abcdef0123456789abcdef',
    lastModified: new Date('2026-11-01T00:05:00Z'),
    style: 'plain',
    account: '111111111111',
    region: 'us-east-1',
    day: '2026-11-01',
    hour: null,
  };
}

describe('S3 errors as one line', () => {
  it.each([
    [
      'moved-bucket',
      'bucket moved-bucket is in region eu-west-1; set --region eu-west-1 or AWS_REGION',
    ],
    [
      'moved-quietly',
      'bucket moved-quietly is in region ap-southeast-2; set --region ap-southeast-2 or AWS_REGION',
    ],
    [
      'signed-for-elsewhere',
      'bucket signed-for-elsewhere is in region eu-central-1; set --region eu-central-1 or AWS_REGION',
    ],
    ['denied-bucket', 'access denied to s3:ListBucket on denied-bucket; grant it'],
    ['unknown-key', 'S3 rejected the credentials (InvalidAccessKeyId); refresh or replace them'],
  ])('listing %s', async (bucket, message) => {
    const error = await listingError(bucket);
    expect(error).toMatchObject({ name: 'StaleSgError', code: 'NOT_FOUND', message });
  });

  it('never puts credentials into a message', async () => {
    for (const bucket of Object.keys(ANSWERS)) {
      const error = await listingError(bucket);
      expect(error.message).not.toContain(ACCESS_KEY_ID);
      expect(error.message).not.toContain(SECRET);
      expect(error.message).not.toContain('\n');
    }
  });

  it('reports a denied object and goes on; stops at a wrong region', async () => {
    const denied = await downloadFlowLogObjects(client, [objectIn('denied-bucket')], { cacheDir });
    expect(denied.failed.map((failure) => failure.message)).toEqual([
      "access denied to s3:GetObject on s3://denied-bucket/AWSLogs/111111111111/vpcflowlogs/us-east-1/2026/11/01/f.log.gz; grant it (and kms:Decrypt on the bucket's key when it uses SSE-KMS)",
    ]);

    await expect(
      downloadFlowLogObjects(client, [objectIn('moved-bucket')], { cacheDir }),
    ).rejects.toThrow(
      'bucket moved-bucket is in region eu-west-1; set --region eu-west-1 or AWS_REGION',
    );
  });
});
