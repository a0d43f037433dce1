import {
  AthenaServiceException,
  GetQueryExecutionCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  TooManyRequestsException,
} from '@aws-sdk/client-athena';
import { describe, expect, it } from 'vitest';

import { AwsError } from '../../src/aws/aws-error.js';
import { runAthenaQuery } from '../../src/athena/run-athena-query.js';
import { StaleSgError } from '../../src/errors.js';
import { FAKE_ACCESS_KEY_ID, useAwsTestEnvironment } from '../aws/aws-test-environment.js';
import { athenaClient, execution, fakeTime, mockAthena } from './mock-athena.js';

useAwsTestEnvironment();
const athena = mockAthena();

const QUERY = { sql: 'SELECT 1', workGroup: 'primary' };

function started(id = 'q-1') {
  athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: id });
}

function stops(): unknown[] {
  return athena.commandCalls(StopQueryExecutionCommand).map((call) => call.args[0].input);
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error('expected the query to fail');
}

function accessDenied(): AthenaServiceException {
  return new AthenaServiceException({
    name: 'AccessDeniedException',
    message: 'User is not authorized to perform: athena:StopQueryExecution',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
  });
}

describe('runAthenaQuery', () => {
  it('starts the query, waits longer each time, and returns its statistics and cost', async () => {
    started();
    athena
      .on(GetQueryExecutionCommand)
      .resolvesOnce(execution('QUEUED'))
      .resolvesOnce(execution('RUNNING', { scanned: 1_000 }))
      .resolvesOnce(execution('SUCCEEDED', { scanned: 1_234_567_890, engineMs: 4321 }));
    const time = fakeTime();
    const progress: unknown[] = [];

    const result = await runAthenaQuery(athenaClient(), {
      ...QUERY,
      database: 'stale_sg',
      outputLocation: 's3://results/stale-sg/',
      clientRequestToken: 'token-0123456789abcdef0123456789abcdef',
      sleep: time.sleep,
      now: time.now,
      onProgress: (...args) => progress.push(args),
    });

    expect(result).toEqual({
      queryExecutionId: 'q-1',
      dataScannedBytes: 1_234_567_890,
      engineExecutionMs: 4321,
      costUsd: (1235e6 / 1e12) * 5,
    });
    expect(time.sleeps).toEqual([250, 500, 1000]);
    expect(progress).toEqual([
      ['QUEUED', 250, 0],
      ['RUNNING', 750, 1_000],
      ['SUCCEEDED', 1750, 1_234_567_890],
    ]);
    expect(athena.commandCalls(StartQueryExecutionCommand)[0]?.args[0].input).toEqual({
      QueryString: 'SELECT 1',
      WorkGroup: 'primary',
      QueryExecutionContext: { Database: 'stale_sg' },
      ResultConfiguration: { OutputLocation: 's3://results/stale-sg/' },
      ClientRequestToken: 'token-0123456789abcdef0123456789abcdef',
    });
    expect(athena.commandCalls(GetQueryExecutionCommand)[0]?.args[0].input).toEqual({
      QueryExecutionId: 'q-1',
    });
    expect(stops()).toEqual([]);
  });

  it('doubles the wait up to pollMaxMs', async () => {
    started();
    const get = athena.on(GetQueryExecutionCommand);
    for (let poll = 0; poll < 5; poll++) get.resolvesOnce(execution('RUNNING'));
    get.resolves(execution('SUCCEEDED'));
    const time = fakeTime();

    await runAthenaQuery(athenaClient(), { ...QUERY, pollMinMs: 100, pollMaxMs: 700, ...time });

    expect(time.sleeps).toEqual([100, 200, 400, 700, 700, 700]);
  });

  it('charges nothing for DDL', async () => {
    started();
    athena.on(GetQueryExecutionCommand).resolves(execution('SUCCEEDED', { statementType: 'DDL' }));

    const result = await runAthenaQuery(athenaClient(), { ...QUERY, ...fakeTime() });

    expect(result.costUsd).toBe(0);
    expect(result.dataScannedBytes).toBe(0);
  });

  it("reports a failed query with Athena's reason and error, and stops nothing", async () => {
    started('q-failed');
    const reason = "SYNTAX_ERROR: line 1:8: Column 'nope' cannot be resolved";
    athena.on(GetQueryExecutionCommand).resolves(
      execution('FAILED', {
        status: {
          StateChangeReason: reason,
          AthenaError: { ErrorCategory: 2, ErrorType: 1006, ErrorMessage: reason },
        },
      }),
    );

    const error = await failure(runAthenaQuery(athenaClient(), { ...QUERY, ...fakeTime() }));

    expect(error).toBeInstanceOf(StaleSgError);
    expect(error).toMatchObject({ code: 'QUERY_FAILED' });
    expect(error.message).toBe(`Athena query q-failed failed: ${reason} (user error, type 1006)`);
    expect(stops()).toEqual([]);
  });

  it('gives both texts when they differ, says when a retry may help, and keeps out keys', async () => {
    started('q-failed');
    athena.on(GetQueryExecutionCommand).resolves(
      execution('FAILED', {
        status: {
          StateChangeReason: `Access denied for ${FAKE_ACCESS_KEY_ID} when reading s3://logs/`,
          AthenaError: {
            ErrorCategory: 1,
            ErrorType: 401,
            Retryable: true,
            ErrorMessage: 'Internal error',
          },
        },
      }),
    );

    const error = await failure(runAthenaQuery(athenaClient(), { ...QUERY, ...fakeTime() }));

    expect(error.message).toBe(
      'Athena query q-failed failed: Access denied for [redacted] when reading s3://logs/ ' +
        '(system error, type 401: Internal error); Athena says it may succeed if run again',
    );
  });

  it('reports a query that someone else cancelled', async () => {
    started('q-gone');
    athena
      .on(GetQueryExecutionCommand)
      .resolvesOnce(execution('RUNNING'))
      .resolves(
        execution('CANCELLED', {
          status: { StateChangeReason: 'Query exceeded the workgroup data usage limit' },
        }),
      );

    const error = await failure(runAthenaQuery(athenaClient(), { ...QUERY, ...fakeTime() }));

    expect(error).toMatchObject({
      code: 'QUERY_CANCELLED',
      message: 'Athena query q-gone was cancelled: Query exceeded the workgroup data usage limit',
    });
    expect(stops()).toEqual([]);
  });

  it('stops a query that outlives the time limit', async () => {
    started('q-slow');
    athena.on(GetQueryExecutionCommand).resolves(execution('RUNNING', { scanned: 2_500_000_000 }));
    athena.on(StopQueryExecutionCommand).resolves({});
    const time = fakeTime();

    const error = await failure(
      runAthenaQuery(athenaClient(), { ...QUERY, timeoutMs: 1000, ...time }),
    );

    expect(error).toMatchObject({
      code: 'QUERY_TIMEOUT',
      message:
        'Athena query q-slow did not finish within the time limit of 1 s and was stopped ' +
        'after scanning 2.5 GB',
    });
    expect(time.sleeps).toEqual([250, 500, 250]);
    expect(stops()).toEqual([{ QueryExecutionId: 'q-slow' }]);
  });

  it('stops the query when the signal aborts, without waiting for the sleep to end', async () => {
    started('q-abort');
    athena.on(GetQueryExecutionCommand).resolves(execution('RUNNING'));
    athena.on(StopQueryExecutionCommand).resolves({});
    const controller = new AbortController();
    let sleeps = 0;
    const sleep = (): Promise<void> => {
      sleeps += 1;
      if (sleeps < 3) return Promise.resolve();
      setTimeout(() => controller.abort(), 1);
      return new Promise(() => {});
    };

    const error = await failure(
      runAthenaQuery(athenaClient(), { ...QUERY, signal: controller.signal, sleep }),
    );

    expect(error).toMatchObject({
      code: 'QUERY_CANCELLED',
      message: 'Athena query q-abort was cancelled at your request and stopped',
    });
    expect(athena.commandCalls(GetQueryExecutionCommand)).toHaveLength(2);
    expect(stops()).toEqual([{ QueryExecutionId: 'q-abort' }]);
  });

  it('interrupts the real sleep on abort', async () => {
    started('q-abort');
    athena.on(GetQueryExecutionCommand).resolves(execution('RUNNING'));
    athena.on(StopQueryExecutionCommand).resolves({});
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const begun = Date.now();

    const error = await failure(
      runAthenaQuery(athenaClient(), {
        ...QUERY,
        pollMinMs: 60_000,
        pollMaxMs: 60_000,
        signal: controller.signal,
      }),
    );

    expect(error).toMatchObject({ code: 'QUERY_CANCELLED' });
    expect(Date.now() - begun).toBeLessThan(5_000);
    expect(stops()).toEqual([{ QueryExecutionId: 'q-abort' }]);
  });

  it('says so when the query could not be stopped', async () => {
    started('q-abort');
    athena.on(GetQueryExecutionCommand).resolves(execution('RUNNING'));
    athena.on(StopQueryExecutionCommand).rejects(accessDenied());
    const controller = new AbortController();
    const sleep = async () => controller.abort();

    const error = await failure(
      runAthenaQuery(athenaClient(), { ...QUERY, signal: controller.signal, sleep }),
    );

    expect(error).toMatchObject({ code: 'QUERY_CANCELLED' });
    expect(error.message).toBe(
      'Athena query q-abort was cancelled at your request and stopped; but stopping it ' +
        'failed, so it may still be running: access denied to athena:StopQueryExecution; ' +
        'grant it to your credentials',
    );
  });

  it('starts nothing when the signal has aborted already', async () => {
    started();
    const controller = new AbortController();
    controller.abort();

    const error = await failure(
      runAthenaQuery(athenaClient(), { ...QUERY, signal: controller.signal }),
    );

    expect(error).toMatchObject({ code: 'QUERY_CANCELLED' });
    expect(athena.commandCalls(StartQueryExecutionCommand)).toHaveLength(0);
  });

  it('keeps polling while GetQueryExecution is throttled beyond the SDK retries', async () => {
    started();
    const throttled = new TooManyRequestsException({ message: 'Rate exceeded', $metadata: {} });
    athena
      .on(GetQueryExecutionCommand)
      .resolvesOnce(execution('RUNNING'))
      .rejectsOnce(throttled)
      .rejectsOnce(throttled)
      .resolves(execution('SUCCEEDED'));
    const time = fakeTime();

    const result = await runAthenaQuery(athenaClient(), { ...QUERY, ...time });

    expect(result.queryExecutionId).toBe('q-1');
    expect(athena.commandCalls(GetQueryExecutionCommand)).toHaveLength(4);
    expect(time.sleeps).toEqual([250, 500, 1000, 2000]);
  });

  it('explains an AWS refusal to start, and one to watch, stopping what it cannot watch', async () => {
    athena.on(StartQueryExecutionCommand).rejectsOnce(accessDenied());

    const refused = await failure(runAthenaQuery(athenaClient(), { ...QUERY, ...fakeTime() }));

    expect(refused).toBeInstanceOf(AwsError);
    expect(refused).toMatchObject({ code: 'AWS_ACCESS_DENIED' });
    expect(refused.message).toBe(
      'access denied to athena:StartQueryExecution; grant it to your credentials',
    );

    started('q-blind');
    athena.on(GetQueryExecutionCommand).rejects(accessDenied());
    athena.on(StopQueryExecutionCommand).resolves({});

    const blind = await failure(runAthenaQuery(athenaClient(), { ...QUERY, ...fakeTime() }));

    expect(blind).toMatchObject({ code: 'AWS_ACCESS_DENIED' });
    expect(stops()).toEqual([{ QueryExecutionId: 'q-blind' }]);
  });

  it.each([
    { timeoutMs: 0 },
    { pollMinMs: 0 },
    { pollMinMs: 500, pollMaxMs: 100 },
    { timeoutMs: Number.NaN },
  ])('rejects the timing %o', async (timing) => {
    const error = await failure(runAthenaQuery(athenaClient(), { ...QUERY, ...timing }));

    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(athena.commandCalls(StartQueryExecutionCommand)).toHaveLength(0);
  });
});
