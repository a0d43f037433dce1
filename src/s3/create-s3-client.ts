import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';

export interface S3ClientOptions {
  /** The bucket's region; else AWS_REGION or the profile's, as the SDK finds it. */
  readonly region?: string;
  /**
   * `https://host/bucket/key` instead of `https://bucket.host/key`: what most
   * S3-compatible servers (MinIO, s3rver, Ceph) expect.
   */
  readonly forcePathStyle?: boolean;
  /** An S3-compatible server; else AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL, then AWS. */
  readonly endpoint?: string;
  /** Else the SDK's default chain: environment, profile, SSO, container and instance roles. */
  readonly credentials?: S3ClientConfig['credentials'];
  /** `S3_TIMEOUTS` by default. */
  readonly timeouts?: S3Timeouts;
}

/** How long to wait for S3: to connect, and for the next bytes of an answer. */
export interface S3Timeouts {
  readonly connectMs: number;
  readonly idleMs: number;
}

/**
 * The SDK has no timeouts of its own: a server that takes the connection
 * and never answers would hold a run, and the store it has locked, for
 * ever. An idle limit, not a limit on the whole request, so that a large
 * object that keeps arriving is never cut off. Each of the SDK's attempts
 * waits this long.
 */
export const S3_TIMEOUTS: S3Timeouts = { connectMs: 10_000, idleMs: 60_000 };

/**
 * An S3 client for reading flow logs. The SDK itself honours
 * `AWS_ENDPOINT_URL_S3` and `AWS_ENDPOINT_URL` (and `endpoint_url` in the
 * profile), so the same command runs against AWS and a local server:
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html
 *
 * Region redirects are not followed: a bucket in another region gets an
 * error that names the region, rather than every request going to the
 * wrong region first.
 */
export function createS3Client(options: S3ClientOptions = {}): S3Client {
  const timeouts = options.timeouts ?? S3_TIMEOUTS;
  return new S3Client({
    ...(options.region === undefined ? {} : { region: options.region }),
    forcePathStyle: options.forcePathStyle ?? false,
    followRegionRedirects: false,
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
    requestHandler: { connectionTimeout: timeouts.connectMs, socketTimeout: timeouts.idleMs },
  });
}
