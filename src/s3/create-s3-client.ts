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
}

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
  return new S3Client({
    ...(options.region === undefined ? {} : { region: options.region }),
    forcePathStyle: options.forcePathStyle ?? false,
    followRegionRedirects: false,
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
  });
}
