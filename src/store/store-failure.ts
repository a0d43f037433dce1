import { isStaleSgError, StaleSgError } from '../errors.js';

/**
 * Wraps a DuckDB error as STORE_FAILURE, saying what the store was doing;
 * a StaleSgError (already phrased for the user) passes through unchanged.
 */
export function storeFailure(error: unknown, doing: string): StaleSgError {
  if (isStaleSgError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new StaleSgError('STORE_FAILURE', `${doing}: ${message}`, { cause: error });
}
