import { access } from 'node:fs/promises';
import { StaleSgError } from '../errors.js';
import { DuckDbStore } from '../store/duckdb-store.js';

/**
 * Runs `work` on the store at `path`, which must exist: the commands that
 * only read the store must not create an empty one by mistake. The store is
 * closed afterwards.
 */
export async function withExistingStore<T>(
  path: string,
  work: (store: DuckDbStore) => Promise<T>,
): Promise<T> {
  await access(path).catch(() => {
    throw new StaleSgError(
      'NOT_FOUND',
      `there is no store at ${path}; \`stale-sg run\` creates it (or give --db)`,
    );
  });

  const store = await DuckDbStore.open(path);
  try {
    return await work(store);
  } finally {
    store.close();
  }
}
