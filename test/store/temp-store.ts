import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { afterEach } from 'vitest';
import { DuckDbStore } from '../../src/store/duckdb-store.js';

export interface TempStores {
  /** A fresh temporary directory, removed after the test. */
  makeDir(): Promise<string>;
  /** Opens a store in a fresh directory (or at `path`); closed after the test. */
  open(path?: string): Promise<DuckDbStore>;
}

/**
 * Stores in temporary directories: every store opened through it is closed
 * and every directory removed after each test, even a failing one.
 */
export function useTempStores(): TempStores {
  const dirs: string[] = [];
  const stores: DuckDbStore[] = [];

  afterEach(async () => {
    for (const store of stores.splice(0)) store.close();
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  const makeDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stale-sg-store-'));
    dirs.push(dir);
    return dir;
  };

  return {
    makeDir,
    async open(path) {
      const store = await DuckDbStore.open(path ?? join(await makeDir(), 'stale-sg.duckdb'));
      stores.push(store);
      return store;
    },
  };
}

/**
 * Runs `sql` on a closed store file with DuckDB directly, as someone
 * querying the file would, and returns the rows.
 */
export async function queryFile(path: string, sql: string): Promise<Record<string, DuckDBValue>[]> {
  const instance = await DuckDBInstance.create(path);
  try {
    const connection = await instance.connect();
    try {
      return (await connection.runAndReadAll(sql)).getRowObjects();
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}
