import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

import { StaleSgError } from '../errors.js';
import type { InventoryFile, LoadedInventory } from './parse-inventory-documents.js';
import { parseInventoryDocuments } from './parse-inventory-documents.js';
import { parseJsonText } from './parse-json-text.js';
import { compareText } from './sort-inventory.js';

export type { InventoryFile, LoadedInventory } from './parse-inventory-documents.js';
export { parseInventoryDocuments } from './parse-inventory-documents.js';

/**
 * Loads an inventory directory: the JSON that AWS CLI commands print, one
 * file per call, saved under any name (`recogniseDocument` tells them apart).
 * Every `*.json` file directly inside `dir` is read, in name order; other
 * files and subdirectories are ignored, so notes may sit beside the exports.
 */
export async function loadInventoryDir(dir: string): Promise<LoadedInventory> {
  const names = await jsonFileNames(dir);
  if (names.length === 0) {
    throw new StaleSgError(
      'INVALID_INVENTORY',
      `${dir}: no *.json files; expected AWS CLI JSON output, ` +
        `at least that of aws ec2 describe-security-groups`,
    );
  }

  const documents: InventoryFile[] = [];
  for (const name of names) {
    const file = join(dir, name);
    documents.push({ file, json: parseJsonText(file, await readJsonText(file)) });
  }
  return parseInventoryDocuments(documents);
}

async function jsonFileNames(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && entry.name.endsWith('.json'))
      .map((entry) => entry.name)
      .sort(compareText);
  } catch (error) {
    throw new StaleSgError(
      isMissing(error) ? 'NOT_FOUND' : 'INVALID_INVENTORY',
      `${dir}: cannot read the inventory directory: ${reasonOf(error)}`,
      { cause: error },
    );
  }
}

/**
 * The text of a file, whatever encoding the shell saved it in. Windows
 * PowerShell 5 redirects (`aws ... > file.json`) write UTF-16 with a byte
 * order mark, and some editors add a UTF-8 one; JSON.parse accepts neither.
 */
async function readJsonText(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new StaleSgError('INVALID_INVENTORY', `${file}: cannot read: ${reasonOf(error)}`, {
      cause: error,
    });
  }

  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  const text = bytes.toString('utf8');
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
