import type { QueryExecution } from '@aws-sdk/client-athena';

import { redactSecrets } from '../aws/redact-secrets.js';
import { StaleSgError } from '../errors.js';
import { formatBytes } from './athena-cost.js';

/**
 * The errors of a query that did not succeed, each naming the execution id
 * so that it can be looked up in the Athena console. Text from Athena goes
 * through `redactSecrets`.
 */

/** AthenaError.ErrorCategory, as documented in the API reference. */
const ERROR_CATEGORIES: Readonly<Record<number, string>> = { 1: 'system', 2: 'user', 3: 'other' };

/**
 * A FAILED query: Athena's StateChangeReason and its AthenaError. The two
 * often repeat one text, which is then said once.
 * https://docs.aws.amazon.com/athena/latest/ug/error-reference.html
 */
export function queryFailed(id: string, execution: QueryExecution): StaleSgError {
  const status = execution.Status;
  const reason = textOf(status?.StateChangeReason);
  const error = status?.AthenaError;
  const message = textOf(error?.ErrorMessage);

  const details = [
    error?.ErrorCategory === undefined
      ? undefined
      : `${ERROR_CATEGORIES[error.ErrorCategory] ?? error.ErrorCategory} error`,
    error?.ErrorType === undefined ? undefined : `type ${error.ErrorType}`,
  ].filter((detail) => detail !== undefined);
  const extra = message !== undefined && message !== reason ? `: ${message}` : '';
  const what = details.length > 0 ? ` (${details.join(', ')}${extra})` : extra;
  const retry = error?.Retryable === true ? '; Athena says it may succeed if run again' : '';

  return new StaleSgError(
    'QUERY_FAILED',
    `Athena query ${id} failed: ${reason ?? message ?? 'Athena gave no reason'}${what}${retry}`,
  );
}

/**
 * A query that ended CANCELLED without our asking: someone stopped it, or
 * the workgroup's data usage control did.
 */
export function queryCancelledElsewhere(id: string, execution: QueryExecution): StaleSgError {
  const reason =
    textOf(execution.Status?.StateChangeReason) ??
    "stopped by someone else, or by the workgroup's limit on data scanned per query";
  return new StaleSgError('QUERY_CANCELLED', `Athena query ${id} was cancelled: ${reason}`);
}

/** The caller's signal aborted (Ctrl-C); the query has been asked to stop. */
export function queryCancelledHere(id: string, scanned: number | undefined): StaleSgError {
  return new StaleSgError(
    'QUERY_CANCELLED',
    `Athena query ${id} was cancelled at your request and stopped${scannedSoFar(scanned)}`,
  );
}

export function queryCancelledBeforeStart(): StaleSgError {
  return new StaleSgError('QUERY_CANCELLED', 'the Athena query was cancelled before it started');
}

export function queryTimedOut(id: string, timeoutMs: number, scanned: number | undefined) {
  return new StaleSgError(
    'QUERY_TIMEOUT',
    `Athena query ${id} did not finish within the time limit of ${formatDuration(timeoutMs)} ` +
      `and was stopped${scannedSoFar(scanned)}`,
  );
}

/** The same error, saying that the query may still be running. */
export function withStopFailure(error: StaleSgError, stopFailure: string): StaleSgError {
  return new StaleSgError(
    error.code,
    `${error.message}; but stopping it failed, so it may still be running: ${stopFailure}`,
    { cause: error },
  );
}

/** Cancelled queries are charged for what they scanned, so say how much that was. */
function scannedSoFar(scanned: number | undefined): string {
  return scanned === undefined || scanned === 0 ? '' : ` after scanning ${formatBytes(scanned)}`;
}

/** `30 min`, `90 s`, `1.5 s`. */
export function formatDuration(ms: number): string {
  if (ms >= 120_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  return ms >= 1000 ? `${Number((ms / 1000).toFixed(1))} s` : `${ms} ms`;
}

function textOf(text: string | undefined): string | undefined {
  const safe = text === undefined ? '' : redactSecrets(text);
  return safe === '' ? undefined : safe;
}
