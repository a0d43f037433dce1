import { describe, expect, it } from 'vitest';

import { DEFAULT_MAX_ATTEMPTS, createAwsClientFactory } from '../../src/aws/aws-client-factory.js';
import { shareCredentials } from '../../src/aws/share-credentials.js';
import { useAwsTestEnvironment } from './aws-test-environment.js';

useAwsTestEnvironment();

describe('createAwsClientFactory', () => {
  it('makes one client per service and region, with adaptive retries', async () => {
    const clients = createAwsClientFactory({ maxAttempts: 5 });

    const ec2 = clients.ec2('eu-west-1');

    expect(clients.ec2('eu-west-1')).toBe(ec2);
    expect(clients.ec2('us-east-1')).not.toBe(ec2);
    expect(await ec2.config.region()).toBe('eu-west-1');
    expect(await ec2.config.maxAttempts()).toBe(5);
    expect(await ec2.config.retryStrategy()).toMatchObject({ mode: 'adaptive' });
    expect(await clients.sts('eu-west-1').config.retryStrategy()).toMatchObject({
      mode: 'adaptive',
    });
    clients.destroy();
  });

  it(`retries ${DEFAULT_MAX_ATTEMPTS} times unless told otherwise`, async () => {
    const clients = createAwsClientFactory();

    expect(await clients.ec2('us-east-1').config.maxAttempts()).toBe(DEFAULT_MAX_ATTEMPTS);
    clients.destroy();
  });
});

describe('shareCredentials', () => {
  const keys = (expiresInMs: number) => ({
    accessKeyId: 'ASIAEXAMPLEEXAMPLE01',
    secretAccessKey: 'secret',
    expiration: new Date(Date.now() + expiresInMs),
  });

  it('asks once for all the clients', async () => {
    let calls = 0;
    const shared = shareCredentials(async () => {
      calls += 1;
      return keys(3_600_000);
    });

    await Promise.all([shared(), shared(), shared()]);
    await shared();

    expect(calls).toBe(1);
  });

  it('asks again when the credentials are about to expire', async () => {
    const lifetimes = [60_000, 3_600_000];
    let calls = 0;
    const shared = shareCredentials(async () => keys(lifetimes[calls++] ?? 0));

    const first = await shared();
    await shared();

    expect(calls).toBe(2);
    expect(first.expiration?.getTime()).toBeGreaterThan(Date.now() + 3_000_000);
  });

  it('forgets a failure, so that the next call tries again', async () => {
    let calls = 0;
    const shared = shareCredentials(async () => {
      calls += 1;
      if (calls === 1) throw new Error('SSO token expired');
      return keys(3_600_000);
    });

    await expect(shared()).rejects.toThrow('SSO token expired');
    await expect(shared()).resolves.toMatchObject({ accessKeyId: 'ASIAEXAMPLEEXAMPLE01' });
    expect(calls).toBe(2);
  });
});
