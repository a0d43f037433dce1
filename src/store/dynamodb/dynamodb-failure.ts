import { isStaleSgError, StaleSgError } from '../../errors.js';

/** Error names DynamoDB and the SDK use when a request was throttled. */
const THROTTLED = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
]);

const DENIED = new Set(['AccessDeniedException', 'UnrecognizedClientException']);

/** The SDK's HTTP handler starts its messages with its package's name. */
const SDK_PREFIX = /^@smithy\/[\w-]+ - /;

/** Node's error codes for an endpoint that cannot be reached, or that went away mid-call. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
]);

/**
 * Turns an error of a DynamoDB call into one line the user can act on.
 * For errors AWS returned only the name is used, never the message: AWS
 * messages for denied calls carry the caller's ARN, and nothing about the
 * credentials belongs in our output. Errors that never reached AWS (the
 * network, a closed client) keep their message.
 *
 * @param action the DynamoDB action that failed, as IAM names it
 */
export function dynamoDbFailure(error: unknown, action: string, table: string): StaleSgError {
  if (isStaleSgError(error)) return error;
  return new StaleSgError('STORE_FAILURE', failureMessage(error, action, table), {
    cause: error,
  });
}

function failureMessage(error: unknown, action: string, table: string): string {
  const name = error instanceof Error ? error.name : 'UnknownError';
  const call = `dynamodb:${action} on the table ${table}`;

  if (name === 'ResourceNotFoundException') {
    return `the DynamoDB table ${table} does not exist; create it or pass --create-tables`;
  }
  if (DENIED.has(name)) return `${call} was denied; grant dynamodb:${action} on ${table}`;
  if (THROTTLED.has(name)) {
    return (
      `DynamoDB throttled ${call} even after retries; ` +
      'run again later, nothing recorded is lost'
    );
  }
  if (name === 'CredentialsProviderError') {
    return (
      `no AWS credentials found for ${call}; ` +
      'configure a profile, environment variables or a role'
    );
  }
  if (fromAws(error)) return `${call} failed: ${name}`;

  const message = (error instanceof Error ? error.message : String(error)).replace(SDK_PREFIX, '');
  // TimeoutError: the SDK's own timeouts (see DYNAMODB_TIMEOUTS).
  if (UNREACHABLE.has(codeOf(error)) || name === 'TimeoutError') {
    return (
      `cannot reach DynamoDB for ${call} (${message}); ` +
      'run again once it is reachable, nothing recorded is lost'
    );
  }
  return `${call} failed: ${message}`;
}

/**
 * Errors AWS answered with carry the response's status. The SDK puts
 * `$metadata` (attempts, retry delay) on errors of the network as well,
 * with no status: those never reached AWS.
 */
function fromAws(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('$metadata' in error)) return false;
  const metadata = (error as { $metadata?: { httpStatusCode?: number } }).$metadata;
  return metadata?.httpStatusCode !== undefined;
}

function codeOf(error: unknown): string {
  const code =
    typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : '';
  return typeof code === 'string' ? code : '';
}

export function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}
