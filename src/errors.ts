/**
 * Stable error codes. Callers (the CLI, the Lambda handlers) switch on `code`,
 * never on message text.
 */
export type StaleSgErrorCode =
  | 'INVALID_INVENTORY'
  | 'INVALID_FLOW_LOG'
  | 'INVALID_ARGUMENT'
  | 'NOT_FOUND'
  | 'STORE_FAILURE'
  | 'STORE_IN_USE'
  | 'ALREADY_PROCESSED'
  | 'QUERY_FAILED'
  | 'QUERY_CANCELLED'
  | 'QUERY_TIMEOUT'
  | 'OUT_OF_MEMORY';

/**
 * The one error class of the library. The message says what was expected and
 * what was found, and names the file, line or JSON path where that helps.
 */
export class StaleSgError extends Error {
  override readonly name = 'StaleSgError';

  constructor(
    readonly code: StaleSgErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isStaleSgError(error: unknown): error is StaleSgError {
  return error instanceof StaleSgError;
}
