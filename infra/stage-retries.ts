import { Duration } from 'aws-cdk-lib';
import type { RetryProps } from 'aws-cdk-lib/aws-stepfunctions';

/** Lambda's own failures to run a function: throttling, service errors, lost connections. */
export const LAMBDA_SERVICE_ERRORS = [
  'Lambda.ClientExecutionTimeoutException',
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
];

/** Athena refusing or failing to take a query: the concurrency quota, internal errors. */
export const ATHENA_API_ERRORS = [
  'Athena.TooManyRequestsException',
  'Athena.InternalServerException',
];

const BACKOFF = { backoffRate: 2 } as const;

/**
 * Retries of a stage function. An error the function throws is retried too:
 * it is mostly AWS throttling that outlasted the SDK's own retries, and the
 * stages are safe to repeat (a repeated merge of a window adds nothing).
 */
export const LAMBDA_RETRIES: readonly RetryProps[] = [
  { ...BACKOFF, errors: LAMBDA_SERVICE_ERRORS, interval: Duration.seconds(10), maxAttempts: 3 },
  { ...BACKOFF, errors: ['States.TaskFailed'], interval: Duration.seconds(30), maxAttempts: 2 },
];

/**
 * Retries of the Athena query: only its API's transient errors. A query that
 * ran and failed is not run again, since a query cancelled at the scan limit
 * would scan up to the limit again on every attempt.
 */
export const ATHENA_RETRIES: readonly RetryProps[] = [
  { ...BACKOFF, errors: ATHENA_API_ERRORS, interval: Duration.seconds(20), maxAttempts: 3 },
];
