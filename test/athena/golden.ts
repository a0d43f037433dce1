import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { expect } from 'vitest';

const GOLDEN_DIR = new URL('./golden/', import.meta.url);

/**
 * Compares `actual` byte for byte with `test/athena/golden/<name>`, which
 * ends with one newline more than `actual`. With UPDATE_GOLDEN=1 the file is
 * rewritten instead: review the diff before committing it.
 */
export async function expectGolden(name: string, actual: string): Promise<void> {
  const path = fileURLToPath(new URL(name, GOLDEN_DIR));
  const content = `${actual}\n`;
  if (process.env['UPDATE_GOLDEN'] === '1') {
    await writeFile(path, content);
    return;
  }
  const expected = await readFile(path, 'utf8').catch(() => {
    throw new Error(`no golden file ${path}; run the test with UPDATE_GOLDEN=1 to write it`);
  });
  expect(content).toBe(expected);
}
