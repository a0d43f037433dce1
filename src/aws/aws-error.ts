/**
 * What went wrong in a call to AWS, as a stable code the CLI can switch on:
 * - `AWS_ACCESS_DENIED`: the caller lacks a permission (or may not assume the role);
 * - `AWS_CREDENTIALS`: no credentials, expired ones, or ones AWS rejects;
 * - `AWS_THROTTLED`: still throttled after every retry;
 * - `AWS_REGION_UNAVAILABLE`: the region is not enabled, unknown, or unreachable;
 * - `AWS_FAILURE`: anything else.
 */
export type AwsErrorCode =
  | 'AWS_ACCESS_DENIED'
  | 'AWS_CREDENTIALS'
  | 'AWS_THROTTLED'
  | 'AWS_REGION_UNAVAILABLE'
  | 'AWS_FAILURE';

/**
 * An error from AWS turned into one line that says what to fix. The message
 * never holds credentials (see `explainAwsError`); `cause` keeps the SDK's
 * error for debugging.
 */
export class AwsError extends Error {
  override readonly name = 'AwsError';

  constructor(
    readonly code: AwsErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isAwsError(error: unknown): error is AwsError {
  return error instanceof AwsError;
}
