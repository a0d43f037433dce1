import { StaleSgError } from '../errors.js';

/** A bucket and a key prefix, as `s3://bucket/prefix` names them. */
export interface S3Location {
  readonly bucket: string;
  /** The key prefix as written, possibly empty; never decoded. */
  readonly prefix: string;
}

/**
 * S3's own rules (3 to 63 lowercase letters, digits, dots and hyphens),
 * loosened to the up to 255 characters, capitals and underscores that old
 * us-east-1 buckets may still have: S3 itself rejects the rest.
 */
const BUCKET_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{1,253}[A-Za-z0-9]$/;

/**
 * Reads `s3://bucket/prefix`. The prefix is kept byte for byte: S3 keys are
 * not URL-encoded, so `%20` stays three characters.
 */
export function parseS3Url(url: string): S3Location {
  const match = /^s3:\/\/([^/]*)(?:\/(.*))?$/s.exec(url);
  const bucket = match?.[1];
  if (match === null || bucket === undefined || !BUCKET_NAME.test(bucket)) {
    throw new StaleSgError(
      'INVALID_ARGUMENT',
      `expected an S3 location such as s3://my-bucket/flow-logs/, found "${url}"`,
    );
  }
  return { bucket, prefix: match[2] ?? '' };
}

/** The `s3://bucket/key` form that names an object in messages and processed sources. */
export function s3Url(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}
