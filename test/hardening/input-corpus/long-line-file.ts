import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip, constants } from 'node:zlib';

const CHUNK = Buffer.alloc(1024 * 1024, 'x');

/**
 * Writes `prefix`, then one line of `bytes` bytes of `x` without a line end,
 * streamed a MiB at a time so that the test itself stays small in memory.
 * With `gzip`, the file is compressed (fast level: a line of one letter
 * compresses a thousandfold anyway).
 */
export async function writeLongLineFile(
  path: string,
  options: { readonly prefix: string; readonly bytes: number; readonly gzip?: boolean },
): Promise<void> {
  const source = Readable.from(chunks(options.prefix, options.bytes));
  const target = createWriteStream(path);
  if (options.gzip === true) {
    await pipeline(source, createGzip({ level: constants.Z_BEST_SPEED }), target);
  } else {
    await pipeline(source, target);
  }
}

function* chunks(prefix: string, bytes: number): Generator<Buffer> {
  yield Buffer.from(prefix);
  for (let left = bytes; left > 0; left -= CHUNK.length) {
    yield left >= CHUNK.length ? CHUNK : CHUNK.subarray(0, left);
  }
}
