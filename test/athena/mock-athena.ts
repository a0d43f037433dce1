import {
  AthenaClient,
  type QueryExecution,
  type QueryExecutionState,
  type StatementType,
} from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach } from 'vitest';

/**
 * Stubs `send` of every AthenaClient (aws-sdk-client-mock replaces it on the
 * prototype) for the tests of one file: reset after each test, restored at
 * the end. There is no local Athena to test against.
 */
export function mockAthena() {
  const athena = mockClient(AthenaClient);
  afterEach(() => {
    athena.reset();
  });
  afterAll(() => {
    athena.restore();
  });
  return athena;
}

/** A client whose calls go to the stub; the region is never used. */
export function athenaClient(): AthenaClient {
  return new AthenaClient({ region: 'eu-west-1' });
}

/** A GetQueryExecution response in `state`. */
export function execution(
  state: QueryExecutionState,
  more: {
    readonly scanned?: number;
    readonly engineMs?: number;
    readonly statementType?: StatementType;
    readonly status?: NonNullable<QueryExecution['Status']>;
  } = {},
): { QueryExecution: QueryExecution } {
  return {
    QueryExecution: {
      QueryExecutionId: 'q-1',
      StatementType: more.statementType ?? 'DML',
      Status: { State: state, ...more.status },
      Statistics: {
        ...(more.scanned === undefined ? {} : { DataScannedInBytes: more.scanned }),
        ...(more.engineMs === undefined ? {} : { EngineExecutionTimeInMillis: more.engineMs }),
      },
    },
  };
}

/**
 * A clock that only moves when the runner sleeps, and records each sleep,
 * so that waits are asserted without taking time.
 */
export function fakeTime() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}
