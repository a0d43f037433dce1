import { describe, expect, it } from 'vitest';
import type { BatchUsage } from '../../../src/store/batch-usage.js';
import type { UsageStore } from '../../../src/store/usage-store.js';
import { daily, rejected, total } from '../merge-cases.js';
import { at, batchUsage, MARCH_1, NO_COUNTS, source } from '../store-fixtures.js';
import { crashingAfter, useDynalite } from './dynalite-server.js';

const NOW = at('2024-03-05T00:00:00Z');
const M = MARCH_1;

const USAGE: BatchUsage = batchUsage({
  totals: [total('sgr-1', { hits: 3 }), total('sgr-2')],
  daily: [daily('sgr-1', '2024-03-01', { hits: 3 }), daily('sgr-2', '2024-03-01')],
  coverage: [{ interfaceId: 'eni-1', day: '2024-03-01', records: 4 }],
  ports: [{ ruleId: 'sgr-1', protocol: 6, port: 443, hits: 3 }],
  peers: [{ ruleId: 'sgr-1', network: '198.51.100.0/24', hits: 3 }],
  overlaps: [{ ruleIds: ['sgr-1', 'sgr-2'], hits: 1 }],
  rejected: [rejected()],
  counts: { ...NO_COUNTS, records: 5, acceptedRecords: 4, rejectedRecords: 1, firstStart: M },
});

const SOURCES = [source('/logs/a.log'), source('/logs/b.log')];

/**
 * Retries a failed commit. A failure at the very last write (after the
 * batch was marked complete) leaves a complete batch, which a retry
 * reports as ALREADY_PROCESSED; any earlier one is finished by the retry.
 */
async function retry(store: UsageStore, runId: string): Promise<void> {
  try {
    await store.commitBatch(runId, SOURCES, USAGE, NOW);
  } catch (error) {
    expect(error).toMatchObject({ code: 'ALREADY_PROCESSED' });
  }
}

describe('DynamoDbStore.commitBatch, exactly once', () => {
  const server = useDynalite();

  /** What one uninterrupted commit of the batch leaves, on tables of its own. */
  async function uninterrupted(): Promise<BatchUsage> {
    const store = await server.open();
    const runId = await store.startRun(NOW);
    await store.commitBatch(runId, SOURCES, USAGE, NOW);
    return store.readUsage();
  }

  it('refuses a source processed before with ALREADY_PROCESSED and changes nothing', async () => {
    const store = await server.open();
    const runId = await store.startRun(NOW);
    await store.commitBatch(runId, SOURCES, USAGE, NOW);
    const before = await store.readUsage();

    for (const sources of [SOURCES, [source('/logs/new.log'), source('/logs/b.log')]]) {
      await expect(store.commitBatch(runId, sources, USAGE, NOW)).rejects.toMatchObject({
        code: 'ALREADY_PROCESSED',
        message: expect.stringContaining(`already processed by run ${runId}`),
      });
    }
    expect(await store.readUsage()).toEqual(before);
    expect([...(await store.processedSources()).keys()].sort()).toEqual([
      '/logs/a.log',
      '/logs/b.log',
    ]);
  });

  it('refuses a source listed twice in one batch', async () => {
    const store = await server.open();
    const twice = [source('/logs/a.log'), source('/logs/a.log')];
    await expect(store.commitBatch('run', twice, USAGE, NOW)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });

  /** How many writes one commit of the batch makes, so crashes can hit each of them. */
  async function writesOfOneCommit(): Promise<number> {
    const client = server.client();
    const counter = crashingAfter(client);
    const store = await server.open(server.tables(), client);
    const runId = await store.startRun(NOW);
    const before = counter.writes;
    await store.commitBatch(runId, SOURCES, USAGE, NOW);
    return counter.writes - before;
  }

  it('a commit that fails at any of its writes and is retried counts once', async () => {
    const expected = await uninterrupted();
    const writes = await writesOfOneCommit();
    expect(writes).toBeGreaterThan(20);

    for (let crashAt = 0; crashAt < writes; crashAt += 2) {
      const client = server.client();
      const crash = crashingAfter(client);
      const store = await server.open(server.tables(), client);
      const runId = await store.startRun(NOW);

      crash.arm(crashAt);
      await expect(store.commitBatch(runId, SOURCES, USAGE, NOW)).rejects.toThrow(
        /simulated crash/,
      );
      crash.disarm();
      await retry(store, runId);

      expect(await store.readUsage(), `crash at write ${crashAt}`).toEqual(expected);
      await expect(store.commitBatch(runId, SOURCES, USAGE, NOW)).rejects.toMatchObject({
        code: 'ALREADY_PROCESSED',
      });
    }
  });

  it('a process killed at any write leaves all or nothing; the next open finishes it', async () => {
    const expected = await uninterrupted();
    const writes = await writesOfOneCommit();

    for (let crashAt = 0; crashAt < writes; crashAt += 3) {
      const tables = server.tables();
      const client = server.client();
      const crash = crashingAfter(client);
      const killed = await server.open(tables, client);
      const runId = await killed.startRun(NOW);
      crash.arm(crashAt);
      await expect(killed.commitBatch(runId, SOURCES, USAGE, NOW)).rejects.toThrow();

      const next = await server.open(tables);
      const recovered = await next.readUsage();
      if (recovered.totals.length === 0) await retry(next, runId);
      else expect(recovered, `crash at write ${crashAt}`).toEqual(expected);

      expect(await next.readUsage()).toEqual(expected);
      await expect(next.commitBatch(runId, SOURCES, USAGE, NOW)).rejects.toMatchObject({
        code: 'ALREADY_PROCESSED',
      });
    }
  });
});
