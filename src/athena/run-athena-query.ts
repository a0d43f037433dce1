import {
  GetQueryExecutionCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  type AthenaClient,
  type QueryExecution,
  type QueryExecutionState,
} from '@aws-sdk/client-athena';

import { explainAwsError } from '../aws/explain-aws-error.js';
import { StaleSgError } from '../errors.js';
import { athenaCostUsd } from './athena-cost.js';
import { interruptibleSleep, realSleep, type Sleep } from './interruptible-sleep.js';
import {
  queryCancelledBeforeStart,
  queryCancelledElsewhere,
  queryCancelledHere,
  queryFailed,
  queryTimedOut,
  withStopFailure,
} from './query-execution-errors.js';

/** Told after each look at a running query. */
export type AthenaProgressListener = (
  state: QueryExecutionState,
  elapsedMs: number,
  bytesScanned: number,
) => void;

export interface AthenaQueryOptions {
  readonly sql: string;
  readonly workGroup: string;
  /** The database that unqualified table names refer to. */
  readonly database?: string;
  /** `s3://...` for the results; else the workgroup's own result location. */
  readonly outputLocation?: string;
  /**
   * Makes the start idempotent: Athena starts one query however often a
   * token is sent. The SDK makes a fresh one when absent.
   */
  readonly clientRequestToken?: string;
  /** The query is stopped after this long; `DEFAULT_QUERY_TIMEOUT_MS` if absent. */
  readonly timeoutMs?: number;
  /** The first wait between looks at the query; later waits grow up to `pollMaxMs`. */
  readonly pollMinMs?: number;
  readonly pollMaxMs?: number;
  /** Aborting stops the query (Ctrl-C in the CLI). */
  readonly signal?: AbortSignal;
  readonly onProgress?: AthenaProgressListener;
  /** For tests: a sleep and a clock that do not take real time. */
  readonly sleep?: Sleep;
  readonly now?: () => number;
}

export interface AthenaQueryResult {
  readonly queryExecutionId: string;
  readonly dataScannedBytes: number;
  readonly engineExecutionMs: number;
  /** What Athena charges for the query in US dollars; 0 for DDL. */
  readonly costUsd: number;
}

export const DEFAULT_QUERY_TIMEOUT_MS = 30 * 60_000;
export const DEFAULT_POLL_MIN_MS = 250;
export const DEFAULT_POLL_MAX_MS = 10_000;

/** Each wait is this much longer than the one before, up to the maximum. */
const BACKOFF_FACTOR = 2;

/** How one query is watched: the options with their defaults. */
interface Watch {
  readonly timeoutMs: number;
  readonly pollMinMs: number;
  readonly pollMaxMs: number;
  readonly signal: AbortSignal | undefined;
  readonly onProgress: AthenaProgressListener | undefined;
  readonly sleep: Sleep;
  readonly now: () => number;
}

/**
 * Runs one statement on Athena and waits for it: StartQueryExecution, then
 * GetQueryExecution after waits that double from `pollMinMs` to `pollMaxMs`,
 * until the query succeeds, fails or is cancelled. A query that outlives
 * `timeoutMs`, or whose `signal` aborts, is stopped with
 * StopQueryExecution, as it would otherwise run (and be charged) on.
 *
 * Throws StaleSgError QUERY_FAILED, QUERY_CANCELLED or QUERY_TIMEOUT for
 * the query's outcome, and AwsError for a call that AWS refused.
 */
export async function runAthenaQuery(
  client: AthenaClient,
  options: AthenaQueryOptions,
): Promise<AthenaQueryResult> {
  const watch = watchOf(options);
  if (watch.signal?.aborted === true) throw queryCancelledBeforeStart();

  const id = await startQuery(client, options);
  const execution = await awaitCompletion(client, id, watch);
  const statistics = execution.Statistics;
  const scanned = statistics?.DataScannedInBytes ?? 0;
  return {
    queryExecutionId: id,
    dataScannedBytes: scanned,
    engineExecutionMs: statistics?.EngineExecutionTimeInMillis ?? 0,
    costUsd: execution.StatementType === 'DDL' ? 0 : athenaCostUsd(scanned),
  };
}

function watchOf(options: AthenaQueryOptions): Watch {
  const watch: Watch = {
    timeoutMs: options.timeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS,
    pollMinMs: options.pollMinMs ?? DEFAULT_POLL_MIN_MS,
    pollMaxMs: options.pollMaxMs ?? DEFAULT_POLL_MAX_MS,
    signal: options.signal,
    onProgress: options.onProgress,
    sleep: options.sleep ?? realSleep,
    now: options.now ?? Date.now,
  };
  if (!(watch.timeoutMs > 0 && watch.pollMinMs > 0 && watch.pollMaxMs >= watch.pollMinMs)) {
    throw new StaleSgError(
      'INVALID_ARGUMENT',
      `expected a positive time limit and poll interval, with pollMaxMs at least pollMinMs; ` +
        `found timeoutMs ${watch.timeoutMs}, pollMinMs ${watch.pollMinMs}, ` +
        `pollMaxMs ${watch.pollMaxMs}`,
    );
  }
  return watch;
}

/**
 * The signal is not passed to this call: aborted half-way, the query might
 * run without our knowing its id. Once started, it is stopped instead.
 */
async function startQuery(client: AthenaClient, options: AthenaQueryOptions): Promise<string> {
  const { database, outputLocation, clientRequestToken } = options;
  let id: string | undefined;
  try {
    const started = await client.send(
      new StartQueryExecutionCommand({
        QueryString: options.sql,
        WorkGroup: options.workGroup,
        ...(database === undefined ? {} : { QueryExecutionContext: { Database: database } }),
        ...(outputLocation === undefined
          ? {}
          : { ResultConfiguration: { OutputLocation: outputLocation } }),
        ...(clientRequestToken === undefined ? {} : { ClientRequestToken: clientRequestToken }),
      }),
    );
    id = started.QueryExecutionId;
  } catch (error) {
    throw explainAwsError(error, { action: 'athena:StartQueryExecution' });
  }
  if (id === undefined) {
    throw new StaleSgError('QUERY_FAILED', 'Athena started the query but returned no id for it');
  }
  return id;
}

/** Polls until the query ends; stops it on abort and at the time limit. */
async function awaitCompletion(
  client: AthenaClient,
  id: string,
  watch: Watch,
): Promise<QueryExecution> {
  const started = watch.now();
  let wait = watch.pollMinMs;
  let scanned: number | undefined;

  for (;;) {
    const remaining = watch.timeoutMs - (watch.now() - started);
    await interruptibleSleep(Math.max(0, Math.min(wait, remaining)), watch.signal, watch.sleep);
    wait = Math.min(wait * BACKOFF_FACTOR, watch.pollMaxMs);
    if (aborted(watch)) throw await stopped(client, id, queryCancelledHere(id, scanned));

    const execution = await describeQuery(client, id).catch(async (error: unknown) => {
      await abandon(client, id);
      throw error;
    });
    if (aborted(watch)) throw await stopped(client, id, queryCancelledHere(id, scanned));

    if (execution !== undefined) {
      const state = execution.Status?.State;
      scanned = execution.Statistics?.DataScannedInBytes ?? scanned;
      if (state !== undefined) watch.onProgress?.(state, watch.now() - started, scanned ?? 0);
      if (state === 'SUCCEEDED') return execution;
      if (state === 'FAILED') throw queryFailed(id, execution);
      if (state === 'CANCELLED') throw queryCancelledElsewhere(id, execution);
    }

    if (watch.now() - started >= watch.timeoutMs) {
      throw await stopped(client, id, queryTimedOut(id, watch.timeoutMs, scanned));
    }
  }
}

/**
 * The query's state, or undefined when GetQueryExecution is still
 * throttled after the SDK's own retries: polling is harmless to repeat, and
 * giving up would leave the query running unwatched, so the next look
 * simply comes later (the time limit still applies).
 */
async function describeQuery(
  client: AthenaClient,
  id: string,
): Promise<QueryExecution | undefined> {
  try {
    const described = await client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
    return described.QueryExecution;
  } catch (error) {
    const explained = explainAwsError(error, { action: 'athena:GetQueryExecution' });
    if (explained.code === 'AWS_THROTTLED') return undefined;
    throw explained;
  }
}

/** A function, so that the compiler does not assume the signal unchanged across an await. */
function aborted(watch: Watch): boolean {
  return watch.signal?.aborted === true;
}

/** A query that can no longer be watched is stopped, if AWS still takes calls. */
async function abandon(client: AthenaClient, id: string): Promise<void> {
  await client.send(new StopQueryExecutionCommand({ QueryExecutionId: id })).catch(() => undefined);
}

/** Stops the query, and returns `error`, or `error` saying that the stop failed as well. */
async function stopped(
  client: AthenaClient,
  id: string,
  error: StaleSgError,
): Promise<StaleSgError> {
  try {
    await client.send(new StopQueryExecutionCommand({ QueryExecutionId: id }));
    return error;
  } catch (stopError) {
    const explained = explainAwsError(stopError, { action: 'athena:StopQueryExecution' });
    return withStopFailure(error, explained.message);
  }
}
