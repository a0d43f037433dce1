import { createHash, type Hash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, utimes } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand, type GetObjectCommandOutput, type S3Client } from '@aws-sdk/client-s3';
import { StaleSgError } from '../errors.js';
import { s3Url } from './parse-s3-url.js';
import { s3Failure } from './s3-failure.js';
import { unquote, type S3FlowLogObject } from './s3-flow-log-object.js';

/**
 * Downloads one object to `path`, all or nothing: the bytes go to
 * `<path>.part`, which becomes `path` only when the byte count is the
 * object's size (and its MD5 its ETag, where the ETag is one). A download
 * cut off half-way leaves no file that looks complete: the `.part` file is
 * removed, or, if the process died, left with a name no reader takes.
 */
export async function downloadObject(
  client: S3Client,
  object: S3FlowLogObject,
  path: string,
): Promise<void> {
  const part = `${path}.part`;
  await mkdir(dirname(path), { recursive: true });

  try {
    await fetchTo(client, object, part);
    // The object's time, so that the local file's version is the object's.
    await utimes(part, object.lastModified, object.lastModified);
    await rename(part, path);
  } catch (error) {
    await rm(part, { force: true });
    throw error;
  }
}

async function fetchTo(client: S3Client, object: S3FlowLogObject, part: string): Promise<void> {
  const url = s3Url(object.bucket, object.key);
  const request = { action: 's3:GetObject', bucket: object.bucket, key: object.key } as const;
  const response = await client
    .send(
      new GetObjectCommand({
        Bucket: object.bucket,
        Key: object.key,
        // The version that was listed, or 412: the processed-source record names this ETag.
        IfMatch: object.etag === '' ? undefined : `"${object.etag}"`,
      }),
    )
    .catch((error: unknown) => {
      throw s3Failure(error, request);
    });

  const body = response.Body;
  if (!(body instanceof Readable)) throw new StaleSgError('NOT_FOUND', `${url}: S3 sent no body`);
  if (response.ETag !== undefined && object.etag !== '' && unquote(response.ETag) !== object.etag) {
    // What S3 answers to If-Match; some S3-compatible servers ignore the header.
    body.destroy();
    throw s3Failure(
      Object.assign(new Error('ETag differs'), { name: 'PreconditionFailed' }),
      request,
    );
  }

  const md5 = isContentMd5(object.etag, response) ? createHash('md5') : null;
  const counter = byteCounter(md5);
  await pipeline(body, counter.stream, createWriteStream(part)).catch((error: unknown) => {
    throw cutOff(url, counter.bytes(), object.size, error);
  });
  checkContent(url, object, counter.bytes(), md5);
}

function byteCounter(md5: Hash | null): { stream: Transform; bytes: () => number } {
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      md5?.update(chunk);
      done(null, chunk);
    },
  });
  return { stream, bytes: () => bytes };
}

function checkContent(url: string, object: S3FlowLogObject, bytes: number, md5: Hash | null) {
  if (bytes !== object.size) throw cutOff(url, bytes, object.size, null);
  if (md5 !== null && md5.digest('hex') !== object.etag) {
    throw new StaleSgError('NOT_FOUND', `${url}: the downloaded bytes do not match the ETag`);
  }
}

function cutOff(url: string, bytes: number, size: number, cause: unknown): StaleSgError {
  const reason = cause instanceof Error ? `: ${cause.message}` : '';
  return new StaleSgError(
    'NOT_FOUND',
    `${url}: download cut off at ${bytes} of ${size} bytes${reason}`,
    {
      cause,
    },
  );
}

/**
 * The ETag of an object uploaded in one part is the MD5 of its bytes,
 * unless SSE-KMS or SSE-C encrypts it; a multipart ETag has a `-n` suffix.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_Object.html
 */
function isContentMd5(etag: string, response: GetObjectCommandOutput): boolean {
  if (!/^[0-9a-f]{32}$/.test(etag) || response.SSECustomerAlgorithm !== undefined) return false;
  const encryption = response.ServerSideEncryption;
  return encryption === undefined || encryption === 'AES256';
}
