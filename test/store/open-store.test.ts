import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { StaleSgError } from '../../src/errors.js';
import { DEFAULT_STORE_PATH, DuckDbStore } from '../../src/store/duckdb-store.js';
import { useTempStores } from './temp-store.js';

const HOLD_STORE = fileURLToPath(new URL('./fixtures/hold-store.mjs', import.meta.url));

describe('DuckDbStore.open', () => {
  const temp = useTempStores();

  it('keeps the store under .stale-sg/ by default', () => {
    expect(DEFAULT_STORE_PATH).toBe('.stale-sg/stale-sg.duckdb');
  });

  it('creates missing parent directories', async () => {
    const path = join(await temp.makeDir(), 'a', 'b', 'stale-sg.duckdb');
    const store = await temp.open(path);

    expect((await stat(path)).isFile()).toBe(true);
    expect(store.path).toBe(path);
  });

  it('refuses a file another process holds, naming it', async () => {
    const path = join(await temp.makeDir(), 'stale-sg.duckdb');
    const holder = await holdInChild(path);
    try {
      const error = await DuckDbStore.open(path).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(StaleSgError);
      expect(error).toMatchObject({ code: 'STORE_IN_USE' });
      expect((error as Error).message).toMatch(
        new RegExp(
          `^the store ${escape(path)} is in use by another stale-sg process \\(PID \\d+\\)$`,
        ),
      );
    } finally {
      await release(holder);
    }

    await expect(temp.open(path)).resolves.toBeInstanceOf(DuckDbStore);
  });

  it('refuses a second open of one file in the same process', async () => {
    const store = await temp.open();

    await expect(DuckDbStore.open(store.path)).rejects.toMatchObject({
      code: 'STORE_IN_USE',
      message: `the store ${store.path} is already open in this process`,
    });
  });

  it('can open a file again once it is closed', async () => {
    const store = await temp.open();
    store.close();

    await expect(temp.open(store.path)).resolves.toBeInstanceOf(DuckDbStore);
  });

  // Root ignores permissions, so a read-only directory would not fail for it;
  // a path under a regular file fails for anyone.
  it('says which directory it cannot create', async () => {
    const file = join(await temp.makeDir(), 'not-a-directory');
    await writeFile(file, 'plain text');
    const path = join(file, 'store', 'stale-sg.duckdb');

    const error = await DuckDbStore.open(path).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: 'STORE_FAILURE' });
    expect((error as Error).message).toContain(
      `cannot create the directory ${join(file, 'store')} for the store ${path}: `,
    );
  });

  it('says which file it cannot open when it is not a database', async () => {
    const path = join(await temp.makeDir(), 'stale-sg.duckdb');
    await writeFile(path, 'this is not a DuckDB file, but it is long enough to be read as one');

    const error = await DuckDbStore.open(path).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: 'STORE_FAILURE' });
    expect((error as Error).message).toContain(`cannot open the store ${path}: `);
  });

  it('closes idempotently, and refuses calls once closed', async () => {
    const store = await temp.open();
    store.close();
    store.close();

    await expect(store.describe()).rejects.toMatchObject({
      code: 'STORE_FAILURE',
      message: `the store ${store.path} is closed`,
    });
  });
});

async function holdInChild(path: string): Promise<ChildProcess> {
  const child = fork(HOLD_STORE, [path], { stdio: 'inherit' });
  const [message] = (await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(() => {
      throw new Error('the child process exited before holding the store');
    }),
  ])) as unknown[];
  expect(message).toBe('holding');
  return child;
}

async function release(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.send('release');
  await exited;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
