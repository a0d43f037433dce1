import { AthenaClient } from '@aws-sdk/client-athena';
import { fromIni } from '@aws-sdk/credential-providers';

import { DEFAULT_MAX_ATTEMPTS } from '../aws/aws-client-factory.js';

export interface AthenaClientOptions {
  /** Where Athena runs; else AWS_REGION or the profile's region, as the SDK finds it. */
  readonly region?: string;
  /** A profile of `~/.aws/config`; else the SDK's default credential chain. */
  readonly profile?: string;
  /** Attempts per call, the first included; `DEFAULT_MAX_ATTEMPTS` if absent. */
  readonly maxAttempts?: number;
}

/**
 * An Athena client configured as the EC2 clients of `createAwsClientFactory`
 * are: adaptive retries, which slow down on throttling (Athena throttles
 * GetQueryExecution per account), and the same number of attempts. The SDK
 * reads `AWS_ENDPOINT_URL_ATHENA` and `AWS_ENDPOINT_URL` itself.
 */
export function createAthenaClient(options: AthenaClientOptions = {}): AthenaClient {
  const { region, profile } = options;
  return new AthenaClient({
    retryMode: 'adaptive',
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    ...(region === undefined ? {} : { region }),
    ...(profile === undefined ? {} : { profile, credentials: fromIni({ profile }) }),
  });
}
