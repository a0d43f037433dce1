import { createReadStream } from 'node:fs';

const LF = 0x0a;
const CR = 0x0d;

export interface RecordLines {
  /** The file's first line is a header, not a record. */
  readonly header: boolean;
  /** Lines that DuckDB's CSV reader rejected: they are no records either. */
  readonly rejected: ReadonlySet<number>;
}

/**
 * The line number (from 1) of a text file's `record`-th record (from 1) as
 * DuckDB's CSV reader numbers its rows, or undefined past the last one. The
 * reader passes over the header, empty lines and the lines it rejects, so
 * after any of them a record's number is not its line's. Lines end at LF, CR
 * or CRLF, as they do for the reader. Only strict mode asks, once, to name
 * the line it fails on; the file is streamed, so memory stays bounded.
 */
export async function lineOfRecord(
  path: string,
  record: number,
  lines: RecordLines,
): Promise<number | undefined> {
  let line = 1;
  let length = 0;
  let records = 0;
  let afterCr = false;

  // Whether the line that just ended is the record looked for.
  const isRecord = (): boolean => {
    const counts = length > 0 && !(lines.header && line === 1) && !lines.rejected.has(line);
    if (counts) records++;
    return counts && records === record;
  };

  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (const byte of chunk) {
      if (byte === LF && afterCr) {
        afterCr = false;
        continue;
      }
      if (byte !== LF && byte !== CR) {
        [length, afterCr] = [length + 1, false];
        continue;
      }
      if (isRecord()) return line;
      [line, length, afterCr] = [line + 1, 0, byte === CR];
    }
  }
  return isRecord() ? line : undefined;
}
