import { describe, expect, it } from 'vitest';
import { at } from './store-fixtures.js';
import { useTempStores } from './temp-store.js';

const START = at('2024-03-01T06:00:00Z');
const END = at('2024-03-01T06:05:00Z');

describe('the run log', () => {
  const temp = useTempStores();

  it('records a run from start to finish', async () => {
    const store = await temp.open();
    const runId = await store.startRun(START);

    expect(await store.listRuns(10)).toEqual([
      {
        runId,
        startedAt: START,
        finishedAt: null,
        status: 'running',
        files: 0,
        records: 0,
        message: null,
      },
    ]);

    await store.finishRun(runId, { status: 'succeeded', files: 3, records: 1200 }, END);

    expect(await store.listRuns(10)).toEqual([
      {
        runId,
        startedAt: START,
        finishedAt: END,
        status: 'succeeded',
        files: 3,
        records: 1200,
        message: null,
      },
    ]);
  });

  it('makes run ids that sort by start time and never repeat', async () => {
    const store = await temp.open();
    const ids = [];
    for (const iso of ['2024-03-01T06:00:00Z', '2024-03-01T06:00:00Z', '2024-03-02T00:00:00Z']) {
      ids.push(await store.startRun(at(iso)));
    }

    expect(ids[0]).toMatch(/^2024-03-01T06:00:00\.000Z-[0-9a-f]{8}$/);
    expect(new Set(ids).size).toBe(3);
    expect(ids[2]! > ids[0]! && ids[2]! > ids[1]!).toBe(true);
  });

  it('marks a run left running by a killed process as failed, interrupted', async () => {
    const killed = await temp.open();
    const runId = await killed.startRun(START);
    killed.close();

    const next = await temp.open(killed.path);
    const nextId = await next.startRun(END);

    expect(await next.listRuns(10)).toEqual([
      expect.objectContaining({ runId: nextId, status: 'running' }),
      expect.objectContaining({
        runId,
        status: 'failed',
        message: 'interrupted',
        finishedAt: null,
      }),
    ]);
  });

  it('lists the newest runs first, as many as asked', async () => {
    const store = await temp.open();
    for (const day of ['01', '02', '03']) {
      const runId = await store.startRun(at(`2024-03-${day}T00:00:00Z`));
      await store.finishRun(
        runId,
        { status: 'failed', files: 0, records: 0, message: `day ${day}` },
        END,
      );
    }

    const runs = await store.listRuns(2);

    expect(runs.map((run) => run.message)).toEqual(['day 03', 'day 02']);
  });

  it('refuses to finish a run it does not know', async () => {
    const store = await temp.open();

    await expect(
      store.finishRun('no-such-run', { status: 'succeeded', files: 0, records: 0 }, END),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'the store has no run no-such-run to finish',
    });
  });
});
