import { isStaleSgError, StaleSgError } from '../../errors.js';

/** Error names DynamoDB and the SDK use when a request was throttled. */
const THROTTLED = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
]);

const DENIED = new Set(['AccessDeniedException', 'UnrecognizedClientException']);

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
  return `${call} failed: ${error instanceof Error ? error.message : String(error)}`;
}

/** Errors AWS answered with carry the response's metadata. */
function fromAws(error: unknown): boolean {
  return typeof error === 'object' && error !== null && '$metadata' in error;
}

export function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}
