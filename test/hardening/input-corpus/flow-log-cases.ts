import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { flowLogFixture } from './corpus-paths.js';
import { HEADER, lines, record } from './flow-log-text.js';
import { parquetSelect, writeParquet } from './write-parquet.js';

/**
 * What must become of a bad flow log file:
 * - `read`: it is valid (or harmlessly odd) and read in full, nothing skipped;
 * - `counted`: its bad records are skipped and counted as malformed, its
 *   good ones still count, and `--strict` fails naming the first bad line;
 * - `skipped`: the file cannot be read at all, so it is skipped and named
 *   with the reason, the other files still count, and `--strict` fails
 *   naming it.
 * `records` are the well-formed records the file adds to the report.
 */
export type FlowLogOutcome =
  | { readonly kind: 'read'; readonly records: number }
  | {
      readonly kind: 'counted';
      readonly records: number;
      readonly malformed: number;
      readonly strictLine: number;
    }
  | { readonly kind: 'skipped'; readonly reason: string | RegExp };

export interface FlowLogCase {
  readonly name: string;
  /** A file of `test/fixtures/bad-inputs/flow-logs/`, or a function that writes one into `dir`. */
  readonly input: string | ((dir: string) => Promise<string>);
  readonly outcome: FlowLogOutcome;
}

const KIB = 1024;

/** Writes `content` to `dir/name` and returns the path. */
function file(name: string, content: () => string | Buffer): (dir: string) => Promise<string> {
  return async (dir) => {
    const path = join(dir, name);
    await writeFile(path, content());
    return path;
  };
}

function parquet(name: string, select: string): (dir: string) => Promise<string> {
  return async (dir) => {
    const path = join(dir, name);
    await writeParquet(path, select);
    return path;
  };
}

const good = record();
const longLine = 'x'.repeat(100 * KIB);

/** Small cases: fixture files that a reader can open, and generated binary or large ones. */
export const FLOW_LOG_CASES: readonly FlowLogCase[] = [
  // Lines with the wrong number of fields, or values of the wrong kind or range.
  {
    name: 'a line with too few fields',
    input: 'too-few-fields.log',
    outcome: { kind: 'counted', records: 2, malformed: 1, strictLine: 3 },
  },
  {
    name: 'a line with too many fields',
    input: 'too-many-fields.log',
    outcome: { kind: 'counted', records: 2, malformed: 1, strictLine: 3 },
  },
  {
    name: 'ports that are not numbers',
    input: 'non-numeric-port.log',
    outcome: { kind: 'counted', records: 2, malformed: 2, strictLine: 3 },
  },
  {
    name: 'ports above 65535',
    input: 'port-above-65535.log',
    outcome: { kind: 'counted', records: 2, malformed: 2, strictLine: 3 },
  },
  {
    name: 'a negative start time',
    input: 'negative-time.log',
    outcome: { kind: 'counted', records: 2, malformed: 1, strictLine: 3 },
  },
  {
    name: 'an end before the start',
    input: 'reversed-times.log',
    outcome: { kind: 'counted', records: 2, malformed: 1, strictLine: 3 },
  },
  {
    name: 'times after the year 9999',
    input: 'time-after-year-9999.log',
    outcome: { kind: 'counted', records: 2, malformed: 1, strictLine: 3 },
  },
  {
    name: 'addresses that are neither IPv4 nor IPv6',
    input: 'bad-addresses.log',
    outcome: { kind: 'counted', records: 2, malformed: 2, strictLine: 3 },
  },
  {
    // No field of the format is IPv4-only: srcaddr and dstaddr carry IPv6 too.
    name: 'IPv6 addresses in srcaddr and dstaddr, in two spellings',
    input: 'ipv6-addresses.log',
    outcome: { kind: 'read', records: 3 },
  },
  {
    name: 'pkt-srcaddr of the other family than srcaddr, and one that is no address',
    input: 'pkt-addresses.log',
    outcome: { kind: 'counted', records: 2, malformed: 1, strictLine: 4 },
  },
  {
    // Empty lines are no records, and not counted; --strict still names the right line.
    name: 'empty lines before a bad one',
    input: 'blank-lines.log',
    outcome: { kind: 'counted', records: 2, malformed: 1, strictLine: 5 },
  },
  {
    name: 'a line of invalid UTF-8',
    input: file('invalid-utf8.log', () =>
      Buffer.concat([
        Buffer.from(lines(HEADER, good)),
        Buffer.from([0xff, 0xfe, 0x41, 0x0a]),
        Buffer.from(lines(good)),
      ]),
    ),
    outcome: { kind: 'counted', records: 2, malformed: 1, strictLine: 3 },
  },
  {
    name: 'a line of 100 KiB between good ones',
    input: file('long-line.log', () => lines(HEADER, good, longLine, good)),
    outcome: { kind: 'counted', records: 2, malformed: 1, strictLine: 3 },
  },
  {
    name: 'a line of 100 KiB in a gzip file',
    input: file('long-line.log.gz', () => gzipSync(lines(HEADER, good, longLine, good))),
    outcome: { kind: 'counted', records: 2, malformed: 1, strictLine: 3 },
  },

  // Headers.
  {
    name: 'unknown header fields',
    input: 'unknown-header-fields.log',
    outcome: { kind: 'read', records: 2 },
  },
  {
    name: 'a header that names a field twice',
    input: 'duplicate-header-field.log',
    outcome: { kind: 'skipped', reason: 'the header names the field srcport twice' },
  },
  {
    name: 'a header without a field attribution needs',
    input: 'header-without-dstport.log',
    outcome: { kind: 'skipped', reason: 'the header lacks dstport, which attribution needs' },
  },
  {
    name: 'a header only',
    input: 'header-only.log',
    outcome: { kind: 'read', records: 0 },
  },
  {
    name: 'a first line that is neither a header nor a record',
    input: 'not-a-flow-log.log',
    outcome: {
      kind: 'skipped',
      reason: 'the first line is neither a header of field names nor a default-format record',
    },
  },
  {
    name: 'a first line of 100 KiB',
    input: file('long-first-line.log', () => lines(longLine, good)),
    outcome: {
      kind: 'skipped',
      reason: 'the first line is longer than 64 KiB; it is neither a header nor a record',
    },
  },
  {
    name: 'an empty file',
    input: 'empty.log',
    outcome: { kind: 'skipped', reason: 'the file is empty' },
  },

  // Line ends: DuckDB takes CRLF, LF and a lone CR as line ends, and so must the header check.
  {
    name: 'CRLF line ends',
    input: file('crlf.log', () => [HEADER, good, good].join('\r\n') + '\r\n'),
    outcome: { kind: 'read', records: 2 },
  },
  {
    name: 'CR line ends',
    input: file('cr.log', () => [HEADER, good, good].join('\r') + '\r'),
    outcome: { kind: 'read', records: 2 },
  },
  {
    name: 'mixed line ends and no final one',
    input: file('mixed.log', () => `${HEADER}\n${good}\r\n${good}\r${good}\n${good}`),
    outcome: { kind: 'read', records: 4 },
  },
  {
    // After a first line that ends in CRLF, DuckDB (1.5) ends a line at a
    // lone CR but drops the character after it: the next record loses its
    // first field's first digit and so is malformed.
    name: 'a lone CR after CRLF line ends',
    input: file('crlf-and-cr.log', () => `${HEADER}\r\n${good}\r\n${good}\r${good}\r\n${good}`),
    outcome: { kind: 'counted', records: 3, malformed: 1, strictLine: 4 },
  },

  // Compression.
  {
    name: 'a truncated gzip file',
    input: file('truncated.log.gz', () =>
      gzipSync(lines(HEADER, ...Array<string>(2000).fill(good))).subarray(0, 500),
    ),
    outcome: { kind: 'skipped', reason: 'cannot be read: unexpected end of file' },
  },
  {
    name: 'a gzip of garbage',
    input: file('garbage.log.gz', () => Buffer.from([0x1f, 0x8b, 1, 2, 3, 4, 5, 6, 7, 8])),
    outcome: { kind: 'skipped', reason: /^cannot be read: / },
  },

  // Parquet.
  {
    name: 'Parquet without the columns attribution needs',
    input: parquet('partial.parquet', `SELECT 'eni-0a1b2c3d4e5f60718' AS interface_id`),
    outcome: {
      kind: 'skipped',
      reason:
        'the Parquet file lacks the columns srcaddr, dstaddr, srcport, dstport, protocol, action',
    },
  },
  {
    name: 'Parquet without the optional columns',
    input: parquet(
      'minimal.parquet',
      parquetSelect({ packets: null, bytes: null, start: null, end: null, log_status: null }),
    ),
    outcome: { kind: 'read', records: 2 },
  },
  {
    name: 'Parquet ports as strings, one not a number',
    input: parquet(
      'string-ports.parquet',
      parquetSelect({ srcport: "CASE WHEN i = 0 THEN '50123' ELSE 'high' END" }),
    ),
    outcome: { kind: 'counted', records: 1, malformed: 1, strictLine: 2 },
  },
  {
    name: 'Parquet ports as booleans',
    input: parquet('boolean-ports.parquet', parquetSelect({ srcport: 'true' })),
    outcome: { kind: 'counted', records: 0, malformed: 2, strictLine: 1 },
  },
  {
    name: 'Parquet times as timestamps',
    input: parquet(
      'timestamp-start.parquet',
      parquetSelect({ start: `TIMESTAMP '2023-11-14 22:13:20'` }),
    ),
    outcome: { kind: 'counted', records: 0, malformed: 2, strictLine: 1 },
  },
  {
    name: 'Parquet protocol as a struct',
    input: parquet('struct-protocol.parquet', parquetSelect({ protocol: `{'number': 6}` })),
    outcome: { kind: 'counted', records: 0, malformed: 2, strictLine: 1 },
  },
  {
    name: 'a truncated Parquet file',
    input: async (dir) => {
      const path = join(dir, 'truncated.parquet');
      await writeParquet(path, parquetSelect());
      const bytes = await readFile(path);
      await writeFile(path, bytes.subarray(0, bytes.length / 2));
      return path;
    },
    outcome: { kind: 'skipped', reason: /^cannot be read: / },
  },
  {
    name: 'a Parquet file of garbage',
    input: file('garbage.parquet', () => Buffer.from(`PAR1${'garbage'.repeat(100)}PAR1`)),
    outcome: { kind: 'skipped', reason: /^cannot be read: / },
  },
];

/** The path of a case's file: the fixture, or the file its generator wrote into `dir`. */
export async function casePath(input: FlowLogCase['input'], dir: string): Promise<string> {
  return typeof input === 'string' ? flowLogFixture(input) : input(dir);
}
