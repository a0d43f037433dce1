import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll } from 'vitest';

/**
 * Returns a function that makes a fresh temporary directory. Every one made
 * is removed when the file's tests are done, not after each test, so that
 * concurrent tests keep theirs; a test that writes a large file removes it
 * itself.
 */
export function useTempDirs(prefix: string): () => Promise<string> {
  const dirs: string[] = [];

  afterAll(async () => {
    const made = dirs.splice(0);
    await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  return async () => {
    const dir = await mkdtemp(join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
}
