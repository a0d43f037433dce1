import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, vi } from 'vitest';

/** AWS's documentation example keys: fake, but shaped like real ones. */
export const FAKE_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
export const FAKE_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

/**
 * An environment in which the SDK finds fake static credentials and nothing
 * of the machine's own: no shared config or credentials files, no profile,
 * no instance metadata, no endpoint overrides unless a test sets them.
 * `AWS_REGION` is `region`, or unset for null.
 */
export function useAwsTestEnvironment(region: string | null = 'us-east-1'): void {
  beforeEach(() => {
    const nowhere = join(tmpdir(), 'stale-sg-no-such-aws-config');
    vi.stubEnv('AWS_CONFIG_FILE', nowhere);
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', nowhere);
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
    vi.stubEnv('AWS_ACCESS_KEY_ID', FAKE_ACCESS_KEY_ID);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', FAKE_SECRET_ACCESS_KEY);
    for (const name of [
      'AWS_PROFILE',
      'AWS_DEFAULT_PROFILE',
      'AWS_SESSION_TOKEN',
      'AWS_DEFAULT_REGION',
      'AWS_ROLE_ARN',
      'AWS_WEB_IDENTITY_TOKEN_FILE',
      'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
      'AWS_CONTAINER_CREDENTIALS_FULL_URI',
      'AWS_ENDPOINT_URL',
      'AWS_ENDPOINT_URL_EC2',
      'AWS_ENDPOINT_URL_STS',
      'AWS_MAX_ATTEMPTS',
      'AWS_RETRY_MODE',
    ]) {
      vi.stubEnv(name, undefined);
    }
    vi.stubEnv('AWS_REGION', region ?? undefined);
  });

  afterEach(() => {
    vi.unstubAllEnvs();
  });
}
