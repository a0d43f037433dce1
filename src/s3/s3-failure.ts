import { StaleSgError } from '../errors.js';
import { s3Url } from './parse-s3-url.js';

/** What went wrong with an S3 request, in the terms of what the user has to fix. */
export type S3FailureKind =
  | 'no-such-bucket'
  | 'access-denied'
  | 'wrong-region'
  | 'no-region'
  | 'no-credentials'
  | 'rejected-credentials'
  | 'no-such-key'
  | 'changed'
  | 'unreachable'
  | 'other';

/** The request that failed: the IAM action it needs and what it was made on. */
export interface S3Request {
  readonly action: 's3:ListBucket' | 's3:GetObject';
  readonly bucket: string;
  readonly key?: string;
}

/**
 * Failures that no other object of the same bucket would escape: listing or
 * downloading stops at the first. A denied GetObject is not among them,
 * since bucket policies and KMS keys may differ per account folder.
 */
export const BUCKET_WIDE_FAILURES: ReadonlySet<S3FailureKind> = new Set([
  'no-such-bucket',
  'wrong-region',
  'no-region',
  'no-credentials',
  'rejected-credentials',
  'unreachable',
]);

/**
 * Node's error codes for an endpoint that cannot be reached at all: no
 * object would be read, so the run stops rather than skip them all. A
 * connection cut off half-way (ECONNRESET) is not among them: that is a
 * transfer to try again, and a server that has gone refuses the retry.
 */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
]);

/** Error codes S3 answers with when the signing credentials are at fault. */
const CREDENTIAL_CODES = new Set([
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'InvalidToken',
  'TokenRefreshRequired',
]);

/** The shape of the SDK's service exceptions, read defensively. */
interface SdkError {
  readonly name?: string;
  readonly message?: string;
  readonly code?: string;
  readonly Region?: string;
  readonly Endpoint?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
  readonly $response?: { readonly headers?: Record<string, string | undefined> };
}

/** Sorts an error from the SDK (or the credential chain) into what the user must fix. */
export function s3FailureKind(error: unknown): S3FailureKind {
  const { name = '', message = '', code = '', $metadata } = asSdkError(error);
  const status = $metadata?.httpStatusCode;

  if (UNREACHABLE_CODES.has(code)) return 'unreachable';
  // The SDK's own timeouts (see S3_TIMEOUTS); it names a reset TimeoutError too.
  if (name === 'TimeoutError' && code !== 'ECONNRESET') return 'unreachable';
  if (name === 'CredentialsProviderError') return 'no-credentials';
  if (message === 'Region is missing') return 'no-region';
  if (CREDENTIAL_CODES.has(name)) return 'rejected-credentials';
  if (name === 'NoSuchBucket') return 'no-such-bucket';
  if (name === 'NoSuchKey') return 'no-such-key';
  if (name === 'PreconditionFailed' || status === 412) return 'changed';
  if (name === 'PermanentRedirect' || name === 'AuthorizationHeaderMalformed') {
    return 'wrong-region';
  }
  if (status === 301) return 'wrong-region';
  if (name === 'AccessDenied' || status === 403) return 'access-denied';
  return 'other';
}

/**
 * One line that says what to fix, as a StaleSgError with the SDK's error as
 * its cause. Never includes credentials: S3's own messages do not, and the
 * access key id that some of its errors carry is left out.
 */
export function s3Failure(error: unknown, request: S3Request): StaleSgError {
  const kind = s3FailureKind(error);
  return new StaleSgError('NOT_FOUND', describe(kind, error, request), { cause: error });
}

function describe(kind: S3FailureKind, error: unknown, request: S3Request): string {
  const { bucket, action } = request;
  const target = request.key === undefined ? bucket : s3Url(bucket, request.key);

  switch (kind) {
    case 'no-such-bucket':
      return `bucket ${bucket} does not exist`;
    case 'access-denied':
      return action === 's3:GetObject'
        ? `access denied to s3:GetObject on ${target}; grant it (and kms:Decrypt on the bucket's key when it uses SSE-KMS)`
        : `access denied to ${action} on ${target}; grant it`;
    case 'wrong-region':
      return wrongRegion(bucket, bucketRegion(error));
    case 'no-region':
      return 'no AWS region is set; set --region or AWS_REGION';
    case 'no-credentials':
      return 'no AWS credentials found (environment, profile, SSO or instance role); configure them, or set AWS_PROFILE';
    case 'rejected-credentials':
      return `S3 rejected the credentials (${asSdkError(error).name ?? 'unknown'}); refresh or replace them`;
    case 'no-such-key':
      return `${target} no longer exists: it was deleted after it was listed`;
    case 'changed':
      return `${target} changed after it was listed; it is read on the next run`;
    case 'unreachable':
      return `cannot reach S3 for ${action} on ${target} (${oneLine(error)}); run again once it is reachable`;
    case 'other':
      return `${action} on ${target} failed: ${oneLine(error)}`;
  }
}

function wrongRegion(bucket: string, region: string | null): string {
  return region === null
    ? `bucket ${bucket} is in another region; set --region or AWS_REGION to the bucket's region`
    : `bucket ${bucket} is in region ${region}; set --region ${region} or AWS_REGION`;
}

/**
 * S3 names the bucket's region in the `x-amz-bucket-region` header of a
 * redirect, in the `Region` of AuthorizationHeaderMalformed, or only in the
 * host name of the `Endpoint` it redirects to.
 */
function bucketRegion(error: unknown): string | null {
  const sdkError = asSdkError(error);
  const header = sdkError.$response?.headers?.['x-amz-bucket-region'];
  if (header !== undefined && header !== '') return header;
  if (sdkError.Region !== undefined && sdkError.Region !== '') return sdkError.Region;
  return /\bs3[.-]([a-z0-9-]+)\.amazonaws\.com/.exec(sdkError.Endpoint ?? '')?.[1] ?? null;
}

/** The SDK's HTTP handler starts its messages with its package's name. */
const SDK_PREFIX = /^@smithy\/[\w-]+ - /;

function oneLine(error: unknown): string {
  const { name, message, code } = asSdkError(error);
  // Node's connection errors (AggregateError from ECONNREFUSED, say) may have only a code.
  const text = (message || code || String(error)).split('\n')[0]?.replace(SDK_PREFIX, '') ?? '';
  return name !== undefined && name !== 'Error' && !text.startsWith(name)
    ? `${name}: ${text}`
    : text;
}

function asSdkError(error: unknown): SdkError {
  return typeof error === 'object' && error !== null ? (error as SdkError) : {};
}
