import { EC2Client } from '@aws-sdk/client-ec2';
import { STSClient } from '@aws-sdk/client-sts';
import {
  fromIni,
  fromNodeProviderChain,
  fromTemporaryCredentials,
} from '@aws-sdk/credential-providers';

import type { CredentialProvider } from './share-credentials.js';
import { shareCredentials } from './share-credentials.js';

/**
 * Makes the clients a collection uses, one per service and region. Injected
 * so that tests can hand out clients stubbed with aws-sdk-client-mock or
 * pointed at a local server.
 */
export interface AwsClientFactory {
  ec2(region: string): EC2Client;
  sts(region: string): STSClient;
}

/** Whose credentials to use, and how hard to retry. */
export interface AwsClientOptions {
  /** A role to assume (in another account, say) with STS AssumeRole. */
  readonly roleArn?: string;
  /** The external id that the role's trust policy asks for. */
  readonly externalId?: string;
  /** A profile of `~/.aws/config`; with `roleArn`, the credentials that assume the role. */
  readonly profile?: string;
  /** Attempts per call, the first included; `DEFAULT_MAX_ATTEMPTS` when not given. */
  readonly maxAttempts?: number;
}

/**
 * More than the SDK's default of three: EC2 throttles Describe calls per
 * account and region, and a collection makes many of them in a row, often
 * while other tools spend the same budget. Adaptive retries back off
 * exponentially, so the later attempts wait for seconds rather than
 * milliseconds.
 */
export const DEFAULT_MAX_ATTEMPTS = 8;

/** Shows in CloudTrail as the session name of the assumed role. */
const ROLE_SESSION_NAME = 'stale-sg';

/**
 * The clients of a collection. Credentials come from `roleArn`, else from
 * `profile`, else from the SDK's default chain: environment, shared config
 * and SSO, web identity, container and instance roles. They are resolved
 * once and shared by every client, so a role is assumed once, not once per
 * region. Retries are adaptive: on throttling the clients also
 * slow their own request rate. Each client reads `AWS_ENDPOINT_URL` and
 * `AWS_ENDPOINT_URL_EC2` / `AWS_ENDPOINT_URL_STS` itself, as every SDK v3
 * client does, so local stand-ins for AWS need no option here.
 * `destroy` closes the clients' connections.
 */
export function createAwsClientFactory(
  options: AwsClientOptions = {},
): AwsClientFactory & { destroy(): void } {
  const shared = {
    credentials: credentialsFor(options),
    retryMode: 'adaptive',
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    ...(options.profile === undefined ? {} : { profile: options.profile }),
  };

  const ec2Clients = new Map<string, EC2Client>();
  const stsClients = new Map<string, STSClient>();
  return {
    ec2: (region) => cached(ec2Clients, region, () => new EC2Client({ ...shared, region })),
    sts: (region) => cached(stsClients, region, () => new STSClient({ ...shared, region })),
    destroy() {
      for (const client of [...ec2Clients.values(), ...stsClients.values()]) client.destroy();
      ec2Clients.clear();
      stsClients.clear();
    },
  };
}

function credentialsFor(options: AwsClientOptions): CredentialProvider {
  const base = shareCredentials(
    options.profile === undefined ? fromNodeProviderChain() : fromIni({ profile: options.profile }),
  );
  if (options.roleArn === undefined) return base;

  const assumed = fromTemporaryCredentials({
    params: {
      RoleArn: options.roleArn,
      RoleSessionName: ROLE_SESSION_NAME,
      ...(options.externalId === undefined ? {} : { ExternalId: options.externalId }),
    },
    masterCredentials: base,
  });
  return shareCredentials(assumed);
}

function cached<T>(clients: Map<string, T>, region: string, create: () => T): T {
  const existing = clients.get(region);
  if (existing !== undefined) return existing;

  const client = create();
  clients.set(region, client);
  return client;
}
