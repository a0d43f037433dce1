import { StaleSgError } from '../../errors.js';
import type { RunOutcome, RunRecord, RunStatus } from '../run-log.js';
import type { TableIo } from './dynamodb-io.js';
import { runKey, type Item } from './dynamodb-layout.js';
import { count, optionalText, text } from './dynamodb-values.js';
import { newRunId } from '../run-id.js';

/**
 * Records the start of a run and returns its id, as the DuckDB store does:
 * the start time in ISO form and a random suffix. One process writes at a
 * time, so a run still marked running was killed: it is marked failed,
 * 'interrupted'.
 */
export async function startDynamoDbRun(io: TableIo, at: Date): Promise<string> {
  for (const run of await io.scanKinds(['run'])) {
    if (run['status'] !== 'running') continue;
    await io.update(runKey(text(run['runId'])), {
      UpdateExpression: 'SET #status = :failed, message = :message',
      ConditionExpression: '#status = :running',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':failed': 'failed',
        ':running': 'running',
        ':message': 'interrupted',
      },
    });
  }

  const runId = newRunId(at);
  await io.put({
    ...runKey(runId),
    kind: 'run',
    runId,
    startedAt: at.toISOString(),
    status: 'running',
    files: 0,
    records: 0,
  });
  return runId;
}

export async function finishDynamoDbRun(
  io: TableIo,
  runId: string,
  outcome: RunOutcome,
  at: Date,
): Promise<void> {
  const finished = await io.update(runKey(runId), {
    UpdateExpression:
      'SET #status = :status, finishedAt = :at, files = :files, records = :records, ' +
      'message = :message',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      ':status': outcome.status,
      ':at': at.toISOString(),
      ':files': outcome.files,
      ':records': outcome.records,
      ':message': outcome.message ?? null,
    },
  });
  if (!finished) throw new StaleSgError('NOT_FOUND', `the store has no run ${runId} to finish`);
}

/** The latest `limit` runs, newest first. */
export async function listDynamoDbRuns(io: TableIo, limit: number): Promise<RunRecord[]> {
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new StaleSgError('INVALID_ARGUMENT', `expected a number of runs, found ${limit}`);
  }
  const runs = (await io.scanKinds(['run'])).map(runOf);
  runs.sort(
    (a, b) => b.startedAt.getTime() - a.startedAt.getTime() || (a.runId < b.runId ? 1 : -1),
  );
  return runs.slice(0, limit);
}

/** The status is safe to narrow: only this module writes it. */
function runOf(item: Item): RunRecord {
  const finishedAt = optionalText(item['finishedAt']);
  return {
    runId: text(item['runId']),
    startedAt: new Date(text(item['startedAt'])),
    finishedAt: finishedAt === null ? null : new Date(finishedAt),
    status: text(item['status']) as RunStatus,
    files: count(item['files']),
    records: count(item['records']),
    message: optionalText(item['message']),
  };
}
