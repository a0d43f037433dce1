import crypto from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import S3rver, { type FilesystemStore, type ListObjectsOptions } from 's3rver';
import { createS3Client } from '../../src/s3/create-s3-client.js';
import { mapConcurrently } from '../../src/s3/map-concurrently.js';

/** An s3rver on loopback, in a temporary directory of its own. */
export interface S3TestServer {
  readonly endpoint: string;
  /** A client of the server: path-style addressing, fake credentials. */
  client(): S3Client;
  close(): Promise<void>;
}

/** Starts s3rver on 127.0.0.1 and a free port, silent, with the given buckets. */
export async function startS3TestServer(buckets: readonly string[]): Promise<S3TestServer> {
  const directory = await mkdtemp(join(tmpdir(), 'stale-sg-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  listLikeS3(server.store);
  desForContinuationTokens();
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;

  return {
    endpoint,
    client: () =>
      createS3Client({
        region: 'us-east-1',
        forcePathStyle: true,
        endpoint,
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      }),
    close: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** Uploads objects, a few at a time. */
export async function putObjects(
  client: S3Client,
  bucket: string,
  objects: readonly { readonly key: string; readonly body: Buffer | string }[],
): Promise<void> {
  await mapConcurrently(objects, 8, ({ key, body }) =>
    client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body })),
  );
}

const OBJECT_SUFFIX = '._S3rver_object';

/**
 * s3rver 3.7.1 lists keys in directory order, not key order, and with a
 * delimiter finds common prefixes only one folder deep (it does not descend
 * below the first delimiter, where the keys that make a common prefix
 * are). Its listing is replaced by one that follows S3's: keys sorted,
 * folders rolled up into common prefixes at any depth, MaxKeys counting
 * the objects of a page (as s3rver's continuation tokens expect).
 */
function listLikeS3(store: FilesystemStore): void {
  store.listObjects = async (bucket: string, options: ListObjectsOptions) => {
    const { delimiter = '', startAfter = '', prefix = '', maxKeys = Infinity } = options;
    const keys = (await storedKeys(store.getBucketPath(bucket)))
      .filter((key) => key.startsWith(prefix) && key > startAfter)
      .sort();

    const chosen: string[] = [];
    const commonPrefixes = new Set<string>();
    let isTruncated = false;
    for (const key of keys) {
      const cut = delimiter === '' ? -1 : key.indexOf(delimiter, prefix.length);
      if (cut !== -1) {
        commonPrefixes.add(key.slice(0, cut + delimiter.length));
      } else if (chosen.length === maxKeys) {
        isTruncated = true;
        break;
      } else {
        chosen.push(key);
      }
    }

    const objects = await Promise.all(
      chosen.map(async (key) => {
        const metadata = await store.getMetadata(bucket, key);
        const size = Number(metadata['content-length']);
        return { key, size, lastModifiedDate: new Date(metadata['last-modified'] ?? 0), metadata };
      }),
    );
    return { objects, commonPrefixes: [...commonPrefixes].sort(), isTruncated };
  };
}

async function storedKeys(bucketPath: string): Promise<string[]> {
  const entries = await readdir(bucketPath, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(OBJECT_SUFFIX))
    .map((entry) => relative(bucketPath, join(entry.parentPath, entry.name)))
    .map((path) => path.slice(0, -OBJECT_SUFFIX.length));
}

/**
 * s3rver makes its continuation tokens with single DES, which OpenSSL 3
 * leaves to its legacy provider: every second page of a listing fails
 * with a 500. Two-key triple DES with both keys the same is single DES,
 * with the same block and IV sizes, and OpenSSL 3 still has it.
 */
function desForContinuationTokens(): void {
  const patched = crypto as unknown as Record<string, unknown> & { desPatched?: true };
  if (patched.desPatched) return;
  patched.desPatched = true;

  for (const name of ['createCipheriv', 'createDecipheriv'] as const) {
    const original = crypto[name] as (...args: unknown[]) => unknown;
    patched[name] = (algorithm: string, key: Buffer, ...rest: unknown[]) =>
      algorithm === 'des'
        ? original('des-ede-cbc', Buffer.concat([key, key]), ...rest)
        : original(algorithm, key, ...rest);
  }
}
