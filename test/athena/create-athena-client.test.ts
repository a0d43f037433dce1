import { afterEach, describe, expect, it, vi } from 'vitest';

import { DEFAULT_MAX_ATTEMPTS } from '../../src/aws/aws-client-factory.js';
import { createAthenaClient } from '../../src/athena/create-athena-client.js';
import { runAthenaQuery } from '../../src/athena/run-athena-query.js';
import { useAwsTestEnvironment } from '../aws/aws-test-environment.js';
import { startFakeAthena } from './fake-athena-server.js';
import { fakeTime } from './mock-athena.js';

useAwsTestEnvironment('eu-west-1');

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe('createAthenaClient', () => {
  it('retries adaptively, as often as the EC2 clients', async () => {
    const client = createAthenaClient({ region: 'eu-central-1' });

    expect(await client.config.region()).toBe('eu-central-1');
    expect(await client.config.maxAttempts()).toBe(DEFAULT_MAX_ATTEMPTS);
    expect(await client.config.retryStrategy()).toMatchObject({ mode: 'adaptive' });
    client.destroy();
  });

  it('retries a throttled GetQueryExecution itself, at AWS_ENDPOINT_URL_ATHENA', async () => {
    let throttles = 1;
    const athena = await startFakeAthena(({ action }) => {
      if (action === 'StartQueryExecution') {
        return { status: 200, body: { QueryExecutionId: 'q-1' } };
      }
      if (throttles-- > 0) {
        return {
          status: 400,
          body: { __type: 'TooManyRequestsException', message: 'Rate exceeded' },
        };
      }
      const done = {
        QueryExecutionId: 'q-1',
        StatementType: 'DDL',
        Status: { State: 'SUCCEEDED' },
      };
      return { status: 200, body: { QueryExecution: done } };
    });
    cleanup = athena.close;
    vi.stubEnv('AWS_ENDPOINT_URL_ATHENA', athena.url);
    const client = createAthenaClient();

    const result = await runAthenaQuery(client, {
      sql: 'CREATE DATABASE IF NOT EXISTS `stale_sg`',
      workGroup: 'primary',
      ...fakeTime(),
    });

    expect(result.queryExecutionId).toBe('q-1');
    expect(athena.requests.map((request) => request.action)).toEqual([
      'StartQueryExecution',
      'GetQueryExecution',
      'GetQueryExecution',
    ]);
    client.destroy();
  });
});
