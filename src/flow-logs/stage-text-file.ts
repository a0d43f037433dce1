import { createReadStream, createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { FlowLogFile } from './find-flow-log-files.js';
import { LongLineCutter, MAX_LINE_BYTES } from './long-line-cutter.js';

/**
 * The path DuckDB reads a text flow log from: the file itself, or a copy at
 * `stagedPath` with every line longer than `MAX_LINE_BYTES` cut (see
 * `LongLineCutter`). Gzip files are always unpacked to the copy; a plain
 * file is read once to look for long lines and copied only if it has any.
 *
 * Node's zlib checks the gzip trailer (CRC and length), so a truncated or
 * corrupt file fails here, as a whole, before any of its records is counted;
 * DuckDB's own gzip reader stops quietly at a truncation. Concatenated gzip
 * members, as some tools write, are read in full.
 */
export async function stageTextFile(file: FlowLogFile, stagedPath: string): Promise<string> {
  if (file.kind === 'gzip') {
    await pipeline(
      createReadStream(file.path),
      createGunzip(),
      new LongLineCutter(),
      createWriteStream(stagedPath),
    );
    return stagedPath;
  }

  if (!(await hasLongLines(file.path))) return file.path;
  await pipeline(createReadStream(file.path), new LongLineCutter(), createWriteStream(stagedPath));
  return stagedPath;
}

async function hasLongLines(path: string): Promise<boolean> {
  const cutter = new LongLineCutter();
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  await pipeline(createReadStream(path), cutter, discard);
  return cutter.cutLines > 0;
}

/**
 * The first line of a text file (without its line end: LF, CRLF or a lone
 * CR), '' for an empty file, or undefined when it is longer than
 * `MAX_LINE_BYTES` and so cannot be a header.
 */
export async function readFirstLine(path: string): Promise<string | undefined> {
  const handle = await open(path, 'r');
  try {
    const limit = MAX_LINE_BYTES + 1;
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(limit), 0, limit, 0);
    const text = buffer.subarray(0, bytesRead).toString('utf8');
    const end = text.search(/[\r\n]/);
    if (end >= 0) return text.slice(0, end);
    return bytesRead < limit ? text : undefined;
  } finally {
    await handle.close();
  }
}
