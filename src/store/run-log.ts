import {
  BIGINT,
  TIMESTAMPTZ,
  VARCHAR,
  type DuckDBConnection,
  type DuckDBValue,
} from '@duckdb/node-api';
import { StaleSgError } from '../errors.js';
import { inTransaction } from './in-transaction.js';
import {
  countValue,
  instantOf,
  instantValue,
  numberOf,
  requiredInstantOf,
  textOf,
} from './store-values.js';
import { newRunId } from './run-id.js';

export type RunStatus = 'running' | 'succeeded' | 'failed';

/** How a run ended, as `finishRun` records it. */
export interface RunOutcome {
  readonly status: Exclude<RunStatus, 'running'>;
  /** Flow log sources the run processed. */
  readonly files: number;
  /** Flow log records the run read. */
  readonly records: number;
  readonly message?: string;
}

/** One entry of the run log. */
export interface RunRecord {
  readonly runId: string;
  readonly startedAt: Date;
  /** Null while running, and for a run that was interrupted. */
  readonly finishedAt: Date | null;
  readonly status: RunStatus;
  readonly files: number;
  readonly records: number;
  readonly message: string | null;
}

/**
 * The store is locked by the process that has it open, so a run still
 * marked running when another starts was killed before it could finish.
 */
const INTERRUPT_RUNS_SQL = `
UPDATE runs
SET status = 'failed', message = 'interrupted'
WHERE status = 'running'`;

const INSERT_RUN_SQL = `
INSERT INTO runs (run_id, started_at, status)
VALUES ($run_id, $started_at, 'running')`;

const FINISH_RUN_SQL = `
UPDATE runs
SET status = $status,
    finished_at = $finished_at,
    files = $files,
    records = $records,
    message = $message
WHERE run_id = $run_id`;

const LIST_RUNS_SQL = `
SELECT run_id, started_at, finished_at, status, files, records, message
FROM runs
ORDER BY started_at DESC, run_id DESC
LIMIT $limit`;

/**
 * Records the start of a run and returns its id: the start time in ISO
 * form and a random suffix, so ids sort by time and never collide. Runs
 * left running by a killed process are marked failed, 'interrupted'.
 */
export async function startRun(connection: DuckDBConnection, at: Date): Promise<string> {
  const runId = newRunId(at);
  await inTransaction(connection, async () => {
    await connection.run(INTERRUPT_RUNS_SQL);
    await connection.run(
      INSERT_RUN_SQL,
      { run_id: runId, started_at: instantValue(at) },
      { run_id: VARCHAR, started_at: TIMESTAMPTZ },
    );
  });
  return runId;
}

export async function finishRun(
  connection: DuckDBConnection,
  runId: string,
  outcome: RunOutcome,
  at: Date,
): Promise<void> {
  const result = await connection.run(
    FINISH_RUN_SQL,
    {
      run_id: runId,
      status: outcome.status,
      finished_at: instantValue(at),
      files: countValue(outcome.files, 'files of the run'),
      records: countValue(outcome.records, 'records of the run'),
      message: outcome.message ?? null,
    },
    {
      run_id: VARCHAR,
      status: VARCHAR,
      finished_at: TIMESTAMPTZ,
      files: BIGINT,
      records: BIGINT,
      message: VARCHAR,
    },
  );
  if (result.rowsChanged === 0) {
    throw new StaleSgError('NOT_FOUND', `the store has no run ${runId} to finish`);
  }
}

/** The latest `limit` runs, newest first. */
export async function listRuns(connection: DuckDBConnection, limit: number): Promise<RunRecord[]> {
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new StaleSgError('INVALID_ARGUMENT', `expected a number of runs, found ${limit}`);
  }
  const reader = await connection.runAndReadAll(
    LIST_RUNS_SQL,
    { limit: BigInt(limit) },
    { limit: BIGINT },
  );
  return reader.getRowObjects().map(runOf);
}

/** The status is safe to narrow: a CHECK constraint admits no other value. */
function runOf(row: Record<string, DuckDBValue>): RunRecord {
  return {
    runId: String(row['run_id']),
    startedAt: requiredInstantOf(row['started_at']),
    finishedAt: instantOf(row['finished_at']),
    status: String(row['status']) as RunStatus,
    files: numberOf(row['files']),
    records: numberOf(row['records']),
    message: textOf(row['message']),
  };
}
