/**
 * Fuzzing flow log reading. Records are parsed in DuckDB's SQL, so the
 * reader is fuzzed whole: generated lines (valid, damaged, random text and
 * bytes) are written to a file and read by the real analysis. The parts in
 * TypeScript, the header check, the first-line reader and the long-line
 * cutter, are fuzzed directly and against small reference versions.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { analyze } from '../../src/analyze.js';
import { isStaleSgError } from '../../src/errors.js';
import { REQUIRED_FIELDS, isFlowLogField } from '../../src/flow-logs/flow-log-fields.js';
import { CUT_LINE, LongLineCutter } from '../../src/flow-logs/long-line-cutter.js';
import { readFirstLine } from '../../src/flow-logs/stage-text-file.js';
import { detectTextFormat } from '../../src/flow-logs/text-format.js';
import { GOOD_INVENTORY } from './input-corpus/corpus-paths.js';
import { fuzzLine, lineEnd, type FuzzLine } from './input-corpus/flow-log-arbitraries.js';
import { HEADER } from './input-corpus/flow-log-text.js';
import { useTempDirs } from './input-corpus/temp-dirs.js';
import { fuzzRuns } from './input-corpus/fuzz-runs.js';

const tempDir = useTempDirs('stale-sg-fuzz-');

/** Each run of the reader is two analyses in DuckDB, about half a second. */
const READER_RUNS = fuzzRuns(20);
const RUNS = fuzzRuns(1000);

describe('the flow log reader, fuzzed', () => {
  const file = fc.record({
    lines: fc.array(fuzzLine, { minLength: 1, maxLength: 30 }),
    end: lineEnd,
    finalEnd: fc.boolean(),
  });

  it(
    'counts every line once, as a record or as malformed, and --strict names a bad line',
    async () => {
      await fc.assert(
        fc.asyncProperty(file, async ({ lines, end, finalEnd }) => {
          const dir = await tempDir();
          const path = join(dir, 'fuzz.log');
          const content = Buffer.concat([
            ...[HEADER, ...lines.map((line) => line.text)].flatMap((text, index, all) => [
              Buffer.from(text),
              Buffer.from(index < all.length - 1 || finalEnd ? end : ''),
            ]),
          ]);
          await writeFile(path, content);

          const options = { inventory: { dir: GOOD_INVENTORY }, flowLogs: [path], tempDir: dir };
          const { summary, sources } = await analyze(options);
          const nonEmpty = lines.filter((line) => line.text.length > 0);
          const valid = lines.filter((line) => line.kind === 'valid');

          expect(sources.skipped).toEqual([]);
          expect(summary.records + summary.malformedRecords).toBe(nonEmpty.length);
          expect(summary.records).toBeGreaterThanOrEqual(valid.length);
          expect(summary.acceptedRecords + summary.rejectedRecords).toBe(summary.records);

          const strict = await analyze({ ...options, strict: true }).catch(
            (error: unknown) => error,
          );
          if (summary.malformedRecords === 0) {
            expect(strict).toMatchObject({ summary });
            return;
          }
          expect(isStaleSgError(strict) && strict.code).toBe('INVALID_FLOW_LOG');
          const message = (strict as Error).message;
          const named = /^(.*): line (\d+): malformed flow log record$/.exec(message);
          expect([named?.[1], message]).toEqual([path, message]);

          // The line named is a bad one, and no later than the first that is certainly bad.
          const line = Number(named?.[2]);
          const first = lines.findIndex(isCertainlyMalformed) + 2;
          const bad = lineAt(lines, line);
          expect(bad?.kind, message).toMatch(/^(damaged|random)$/);
          expect(bad?.text.length, message).toBeGreaterThan(0);
          if (first >= 2) expect(line, message).toBeLessThanOrEqual(first);
        }),
        { numRuns: READER_RUNS },
      );
    },
    READER_RUNS * 4000,
  );
});

/** The generated line on line `number` of the file (the header is line 1). */
function lineAt(lines: readonly FuzzLine[], number: number): FuzzLine | undefined {
  return Number.isInteger(number) && number >= 2 ? lines[number - 2] : undefined;
}

/**
 * A line with fewer than the format's 14 fields, or an empty one among them,
 * leaves a field without a value. (Extra fields are not as certain: DuckDB
 * reads trailing spaces as no field at all.)
 */
function isCertainlyMalformed(line: FuzzLine): boolean {
  if (line.text.length === 0) return false;
  const fields = line.text.toString().replace(/ +$/, '').split(' ');
  return fields.length < 14 || fields.slice(0, 14).includes('');
}

describe('the header check, fuzzed', () => {
  const knownFields = fc.constantFrom(...HEADER.split(' '), 'vpc-id', 'tcp-flags', 'pkt-srcaddr');
  const headerToken = fc.oneof(
    { weight: 5, arbitrary: knownFields },
    { weight: 1, arbitrary: fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
    { weight: 1, arbitrary: fc.nat().map(String) },
  );
  const firstLine = fc.oneof(
    fc.array(headerToken, { maxLength: 20 }).map((tokens) => tokens.join(' ')),
    fc.string({ unit: 'binary', maxLength: 300 }),
  );

  it('never throws, and accepts exactly headers of unique names with the required fields', () => {
    fc.assert(
      fc.property(firstLine, (line) => {
        const result = detectTextFormat(line);
        const tokens = line.trim().split(/\s+/);

        if (/^\d+$/.test(tokens[0] ?? '')) {
          expect(result.ok).toBe(tokens.length === 14);
          return;
        }
        const isHeader =
          tokens.every((token) => /^[a-z][a-z0-9-]*$/.test(token)) &&
          new Set(tokens).size === tokens.length &&
          REQUIRED_FIELDS.every((field) => tokens.includes(field));
        expect(result.ok).toBe(isHeader);
        if (!result.ok) {
          expect(result.reason).not.toBe('');
          return;
        }
        expect(result.format.columns).toEqual(
          tokens.map((token) => (isFlowLogField(token) ? token : null)),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('reads the first line of any bytes, up to the first CR or LF', async () => {
    const dir = await tempDir();
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2000 }),
        fc.constantFrom(0, 0x0a, 0x0d),
        async (bytes, end) => {
          const content = end === 0 ? Buffer.from(bytes) : Buffer.from([...bytes, end]);
          const path = join(dir, 'first-line.log');
          await writeFile(path, content);

          const text = content.toString('utf8');
          expect(await readFirstLine(path)).toBe(text.split(/[\r\n]/)[0]);
        },
      ),
      { numRuns: fuzzRuns(300) },
    );
  });
});

describe('the long-line cutter, fuzzed', () => {
  const MAX = 16;

  /** The reference: split at every CR and LF, replace each part longer than MAX. */
  function cutReference(text: string): { text: string; cut: number } {
    let cut = 0;
    const out = text.replace(/[^\r\n]+/g, (line) => {
      if (Buffer.byteLength(line) <= MAX) return line;
      cut++;
      return CUT_LINE;
    });
    return { text: out, cut };
  }

  const text = fc
    .array(
      fc.oneof(
        fc.constantFrom('\n', '\r', '\r\n'),
        fc.string({ unit: fc.constantFrom('a', 'b', ' '), maxLength: 40 }),
        fc.string({ unit: 'grapheme-ascii', maxLength: 60 }),
      ),
      { maxLength: 30 },
    )
    .map((parts) => parts.join(''));

  it('cuts exactly the lines longer than its limit, however the input is chunked', async () => {
    await fc.assert(
      fc.asyncProperty(text, fc.array(fc.integer({ min: 1, max: 50 })), async (input, sizes) => {
        const bytes = Buffer.from(input);
        const chunks: Buffer[] = [];
        for (let at = 0, i = 0; at < bytes.length; i++) {
          const size = sizes.length === 0 ? bytes.length : (sizes[i % sizes.length] ?? 1);
          chunks.push(bytes.subarray(at, at + size));
          at += size;
        }

        const cutter = new LongLineCutter(MAX);
        const out: Buffer[] = [];
        const sink = new Writable({
          write(chunk: Buffer, _encoding, done) {
            out.push(chunk);
            done();
          },
        });
        await pipeline(Readable.from(chunks), cutter, sink);

        const expected = cutReference(input);
        expect(Buffer.concat(out).toString()).toBe(expected.text);
        expect(cutter.cutLines).toBe(expected.cut);
      }),
      { numRuns: RUNS },
    );
  });
});
