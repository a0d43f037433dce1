import { Transform, type TransformCallback } from 'node:stream';

/**
 * The longest line passed on to DuckDB. No flow log record comes near it:
 * even a version 8 record with every ECS field is a few KiB.
 */
export const MAX_LINE_BYTES = 64 * 1024;

/**
 * What an over-long line is replaced with: one field, so that it is a
 * malformed record in every format (all have at least the seven fields that
 * attribution needs) and is counted as one, on the line number it had.
 */
export const CUT_LINE = 'stale-sg:line-too-long';

const LF = 0x0a;
const CR = 0x0d;
const CUT = Buffer.from(CUT_LINE);
const EMPTY = Buffer.alloc(0);

/**
 * Passes text through, replacing each line longer than `MAX_LINE_BYTES`
 * (line end not counted) with `CUT_LINE` and keeping its line end, so that
 * every line DuckDB reads is short. DuckDB's parallel CSV reader drops a
 * line longer than its buffer (32 MB by default) without a trace, not even
 * in its rejects table: the records of such a line would be neither read
 * nor counted. Memory stays bounded: at most the first `MAX_LINE_BYTES` of
 * one line are held.
 *
 * Lines end at LF or CR, as DuckDB reads them; a CRLF is then a line end
 * and an empty line, both kept.
 */
export class LongLineCutter extends Transform {
  /** How many lines were replaced so far. */
  cutLines = 0;

  /** The limit is `MAX_LINE_BYTES`; tests may set a smaller one. */
  constructor(private readonly maxLineBytes = MAX_LINE_BYTES) {
    super();
  }

  /** The start of the current line, from earlier chunks: not passed on yet. */
  private held: Buffer = EMPTY;
  /** Inside a line that has been replaced: drop bytes up to its end. */
  private cutting = false;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    // Slices of the chunk, passed on uncopied.
    for (const part of this.cut(chunk)) if (part.length > 0) this.push(part);
    done();
  }

  override _flush(done: TransformCallback): void {
    // The last line had no line end; it is short, or it was replaced already.
    done(null, this.held);
  }

  private cut(chunk: Buffer): Buffer[] {
    const out: Buffer[] = [];
    let from = 0; // chunk bytes before `from` are passed on or dropped
    let lineStart = 0; // where the current line's bytes in this chunk begin

    if (this.cutting) {
      const end = indexOfLineEnd(chunk, 0);
      if (end < 0) return out;
      this.cutting = false;
      [from, lineStart] = [end, end + 1];
    }

    for (;;) {
      // The current line must end at or before `deadline` to be short enough.
      const deadline = lineStart + this.maxLineBytes - this.held.length;
      const end = lastIndexOfLineEnd(chunk, lineStart, Math.min(deadline, chunk.length - 1));

      if (end >= 0) {
        // Every line up to `end` is short: it fits between lineStart and the deadline.
        if (this.held.length > 0) out.push(this.held);
        this.held = EMPTY;
        lineStart = end + 1;
        continue;
      }

      out.push(chunk.subarray(from, lineStart));
      if (deadline >= chunk.length) {
        // No line end yet, but the line may still end in time in a later chunk.
        this.held = Buffer.concat([this.held, chunk.subarray(lineStart)]);
        return out;
      }

      out.push(CUT);
      this.cutLines++;
      this.held = EMPTY;
      const next = indexOfLineEnd(chunk, deadline);
      if (next < 0) {
        this.cutting = true;
        return out;
      }
      [from, lineStart] = [next, next + 1];
    }
  }
}

function indexOfLineEnd(chunk: Buffer, from: number): number {
  const lf = chunk.indexOf(LF, from);
  const cr = chunk.indexOf(CR, from);
  if (lf < 0 || cr < 0) return Math.max(lf, cr);
  return Math.min(lf, cr);
}

/** The last line end in `chunk[from..to]`, or -1. */
function lastIndexOfLineEnd(chunk: Buffer, from: number, to: number): number {
  // A slice, so that a byte that is absent is not looked for back to the chunk's start.
  const window = chunk.subarray(from, to + 1);
  const last = Math.max(window.lastIndexOf(LF), window.lastIndexOf(CR));
  return last < 0 ? -1 : from + last;
}
