import { createReadStream, createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

/**
 * Decompresses a gzip flow log to a plain file for DuckDB to read. Node's
 * zlib checks the gzip trailer (CRC and length), so a truncated or corrupt
 * file fails here, as a whole, before any of its records is counted; DuckDB's
 * own gzip reader stops quietly at a truncation. Concatenated gzip members,
 * as some tools write, are read in full.
 */
export async function gunzipFile(source: string, target: string): Promise<void> {
  await pipeline(createReadStream(source), createGunzip(), createWriteStream(target));
}

/** Longest first line read when looking for a header. */
const FIRST_LINE_LIMIT = 64 * 1024;

/**
 * The first line of a text file (without its line end), '' for an empty
 * file, or undefined when it is longer than 64 KiB and so cannot be a header.
 */
export async function readFirstLine(path: string): Promise<string | undefined> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(
      Buffer.alloc(FIRST_LINE_LIMIT),
      0,
      FIRST_LINE_LIMIT,
      0,
    );
    const text = buffer.subarray(0, bytesRead).toString('utf8');
    const end = text.indexOf('\n');
    if (end < 0) return bytesRead < FIRST_LINE_LIMIT ? text.replace(/\r$/, '') : undefined;
    return text.slice(0, end).replace(/\r$/, '');
  } finally {
    await handle.close();
  }
}
