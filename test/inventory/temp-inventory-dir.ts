import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach } from 'vitest';

/** File name to content: strings and bytes are written as they are, anything else as JSON. */
export type InventoryFiles = Readonly<Record<string, unknown>>;

/**
 * Returns a function that writes files into a fresh temporary directory;
 * every directory made is removed after each test.
 */
export function useTempInventoryDirs(): (files: InventoryFiles) => Promise<string> {
  const dirs: string[] = [];

  afterEach(async () => {
    const made = dirs.splice(0);
    await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  return async (files) => {
    const dir = await mkdtemp(join(tmpdir(), 'stale-sg-inventory-'));
    dirs.push(dir);

    for (const [name, content] of Object.entries(files)) {
      const raw = typeof content === 'string' || Buffer.isBuffer(content);
      await writeFile(join(dir, name), raw ? content : JSON.stringify(content, null, 4));
    }
    return dir;
  };
}
