import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { removeDownloadCache } from '../../src/s3/download-cache.js';
import { downloadFlowLogObjects } from '../../src/s3/download-flow-log-objects.js';
import type { DownloadProgress } from '../../src/s3/download-flow-log-objects.js';
import { listFlowLogObjects } from '../../src/s3/list-flow-log-objects.js';
import type { S3FlowLogObject } from '../../src/s3/s3-flow-log-object.js';
import { deliveries, deliveryKey, recordCommands } from './s3-test-helpers.js';
import { putObjects, startS3TestServer, type S3TestServer } from './s3-test-server.js';

const BUCKET = 'flow-logs';
const DAYS = ['2026-11-01', '2026-11-02', '2026-11-03'];
const KEYS = deliveries(
  { style: 'plain', prefix: '' },
  ['111111111111', '222222222222'],
  ['us-east-1', 'eu-west-1'],
  DAYS,
).map((delivery) => deliveryKey(delivery));
/** Large enough to arrive in several chunks, so that a cut lands half-way. */
const bodies = new Map(KEYS.map((key, index) => [key, randomBytes(200_000 + index * 1000)]));

let server: S3TestServer;
let objects: S3FlowLogObject[];
let dir: string;
let cacheDir: string;

beforeAll(async () => {
  server = await startS3TestServer([BUCKET]);
  const client = server.client();
  await putObjects(
    client,
    BUCKET,
    KEYS.map((key) => ({ key, body: bodies.get(key) ?? Buffer.alloc(0) })),
  );
  objects = await listFlowLogObjects(client, { url: `s3://${BUCKET}/` });
  client.destroy();
  dir = await mkdtemp(join(tmpdir(), 'stale-sg-s3-download-'));
});

afterAll(async () => {
  await server?.close();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

let caches = 0;
beforeEach(() => {
  cacheDir = join(dir, `cache-${++caches}`);
});

type Damage = 'cut' | 'short' | 'corrupt';

/**
 * A client whose GetObject responses for some keys are damaged on the way:
 * `cut` destroys the HTTP response half-way (a dropped connection), `short`
 * ends it half-way without an error, `corrupt` flips a byte. It counts the
 * downloads in flight, each slowed a little so that they overlap.
 */
function damagingClient(damage: Map<string, Damage>) {
  const client = server.client();
  const sent = recordCommands(client);
  const inFlight = { now: 0, max: 0 };

  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'GetObjectCommand') return next(args);
      inFlight.max = Math.max(inFlight.max, ++inFlight.now);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const result = await next(args).catch((error: unknown) => {
        inFlight.now--;
        throw error;
      });

      const output = result.output as { Body: Readable };
      const how = damage.get(String((args.input as { Key?: string }).Key));
      if (how !== undefined) output.Body = damaged(output.Body, how);
      output.Body.once('close', () => inFlight.now--);
      return result;
    },
    { step: 'initialize', name: 'damageBodies' },
  );
  return { client, sent, inFlight };
}

function damaged(body: Readable, how: Damage): Readable {
  const out = new PassThrough();
  const half = 100_000;
  let seen = 0;

  body.on('data', (chunk: Buffer) => {
    if (how === 'corrupt') {
      out.write(
        seen === 0
          ? Buffer.concat([Buffer.from([(chunk[0] ?? 0) ^ 0xff]), chunk.subarray(1)])
          : chunk,
      );
      seen += chunk.length;
      return;
    }
    out.write(chunk.subarray(0, Math.max(0, half - seen)));
    seen += chunk.length;
    if (seen < half) return;
    body.destroy();
    if (how === 'cut') out.destroy(new Error('socket hang up'));
    else out.end();
  });
  body.on('end', () => out.end());
  return out;
}

/** Buffers compared by `equals`: vitest's deep equality takes a second for 200 kB. */
async function sameBytes(path: string, key: string): Promise<boolean> {
  return (await readFile(path)).equals(bodies.get(key) ?? Buffer.alloc(0));
}

const gets = (sent: ReturnType<typeof recordCommands>) =>
  sent.filter((entry) => entry.command === 'GetObjectCommand').map((entry) => entry.input.Key);

describe('downloadFlowLogObjects', () => {
  it('downloads every object, a bounded number at a time, as local files with S3 versions', async () => {
    const { client, inFlight } = damagingClient(new Map());
    const progress: DownloadProgress[] = [];
    const result = await downloadFlowLogObjects(client, objects, {
      cacheDir,
      concurrency: 3,
      onProgress: (event) => progress.push(event),
    });

    expect(result.failed).toEqual([]);
    expect(result.files.map((downloaded) => downloaded.object.key)).toEqual(
      objects.map((o) => o.key),
    );
    expect(inFlight.max).toBeGreaterThan(1);
    expect(inFlight.max).toBeLessThanOrEqual(3);

    for (const { file, version, object } of result.files) {
      expect(file.path).toBe(join(cacheDir, BUCKET, ...object.key.split('/')));
      expect(await sameBytes(file.path, object.key)).toBe(true);
      expect(file).toMatchObject({ kind: 'gzip', size: object.size });
      expect(file.mtimeMs).toBe(object.lastModified.getTime());
      expect(version).toEqual({
        key: `s3://${BUCKET}/${object.key}`,
        size: object.size,
        mtimeMs: null,
        etag: object.etag,
      });
    }

    expect(progress).toHaveLength(objects.length);
    expect(progress.at(-1)).toMatchObject({
      done: objects.length,
      failed: 0,
      total: objects.length,
    });
    expect(progress.at(-1)?.bytes).toBe(progress.at(-1)?.totalBytes);
    client.destroy();
  });

  it.each([
    ['cut off half-way', 'cut' as const, /download cut off at \d+ of \d+ bytes: socket hang up/],
    ['ended half-way', 'short' as const, /download cut off at 100000 of \d+ bytes$/],
    ['corrupted', 'corrupt' as const, /the downloaded bytes do not match the ETag/],
  ])(
    'leaves no complete file when a download is %s, and resumes with only that one',
    async (_case, how, message) => {
      const victim = objects[5] as S3FlowLogObject;
      const first = damagingClient(new Map([[victim.key, how]]));
      const interrupted = await downloadFlowLogObjects(first.client, objects, {
        cacheDir,
        attempts: 2,
      });

      expect(interrupted.failed.map((failure) => failure.object.key)).toEqual([victim.key]);
      expect(interrupted.failed[0]?.message).toMatch(message);
      expect(interrupted.failed[0]?.version.key).toBe(`s3://${BUCKET}/${victim.key}`);
      expect(interrupted.files).toHaveLength(objects.length - 1);
      expect(gets(first.sent).filter((key) => key === victim.key)).toHaveLength(2);
      const folder = join(cacheDir, BUCKET, ...victim.key.split('/').slice(0, -1));
      expect(await readdir(folder)).toEqual([]);

      // A run killed half-way through the download leaves its part file behind.
      const path = join(folder, victim.key.split('/').at(-1) ?? '');
      await writeFile(`${path}.part`, bodies.get(victim.key)?.subarray(0, 1000) ?? '');

      const second = damagingClient(new Map());
      const resumed = await downloadFlowLogObjects(second.client, objects, { cacheDir });
      expect(resumed.failed).toEqual([]);
      expect(gets(second.sent)).toEqual([victim.key]);
      expect(resumed.files.map((downloaded) => downloaded.object.key)).toEqual(
        objects.map((o) => o.key),
      );
      expect(await sameBytes(path, victim.key)).toBe(true);
      expect(await readdir(folder)).toEqual([path.split('/').at(-1)]);

      first.client.destroy();
      second.client.destroy();
    },
  );

  it('reports objects changed or deleted after they were listed, and goes on', async () => {
    const client = server.client();
    const [changed, deleted] = [objects[0], objects[1]] as [S3FlowLogObject, S3FlowLogObject];
    await putObjects(client, BUCKET, [{ key: changed.key, body: 'rewritten' }]);
    await client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: deleted.key }));

    try {
      const result = await downloadFlowLogObjects(client, objects, { cacheDir });
      expect(result.failed.map((failure) => failure.message)).toEqual([
        `s3://${BUCKET}/${changed.key} changed after it was listed; it is read on the next run`,
        `s3://${BUCKET}/${deleted.key} no longer exists: it was deleted after it was listed`,
      ]);
      expect(result.files).toHaveLength(objects.length - 2);
    } finally {
      await putObjects(
        client,
        BUCKET,
        [changed, deleted].map(({ key }) => ({ key, body: bodies.get(key) ?? '' })),
      );
      objects = await listFlowLogObjects(client, { url: `s3://${BUCKET}/` });
      client.destroy();
    }
  });

  it('stops at a failure every object would meet: a missing bucket', async () => {
    const client = server.client();
    const elsewhere = objects.map((object) => ({ ...object, bucket: 'no-such-bucket' }));
    const failure = downloadFlowLogObjects(client, elsewhere, { cacheDir });
    await expect(failure).rejects.toThrow('bucket no-such-bucket does not exist');
    await expect(failure).rejects.toMatchObject({ name: 'StaleSgError', code: 'NOT_FOUND' });
    client.destroy();
  });

  it('cleans up its cache, and never uses or removes a directory that holds other files', async () => {
    const client = server.client();
    const result = await downloadFlowLogObjects(client, objects.slice(0, 2), { cacheDir });
    await result.cleanup();
    await expect(readdir(cacheDir)).rejects.toThrow(/ENOENT/);
    await result.cleanup();

    const precious = join(dir, 'precious');
    await mkdir(precious);
    await writeFile(join(precious, 'notes.txt'), 'keep me');
    const refusal = /is not empty and is not a stale-sg download cache/;
    await expect(downloadFlowLogObjects(client, objects, { cacheDir: precious })).rejects.toThrow(
      refusal,
    );
    await expect(removeDownloadCache(precious)).rejects.toThrow(refusal);
    expect(await readdir(precious)).toEqual(['notes.txt']);
    client.destroy();
  });
});
