import fc from 'fast-check';

import { ENI, START } from './flow-log-text.js';

/**
 * Lines for fuzzing the flow log reader: well-formed default-format records,
 * records with one field damaged, and text or bytes of any kind. No line
 * holds a line end; files join them with one of their own.
 */
export type FuzzLine =
  | { readonly kind: 'valid'; readonly text: string }
  | { readonly kind: 'damaged' | 'random'; readonly text: string | Buffer };

const port = fc.integer({ min: 0, max: 65535 }).map(String);

const address = fc.oneof(fc.ipV4(), fc.ipV6());

/** A well-formed default-format record: any addresses, ports, protocol, times and outcome. */
export const validRecord: fc.Arbitrary<string> = fc
  .record({
    srcaddr: address,
    dstaddr: fc.oneof(fc.constant('10.0.0.5'), address),
    srcport: port,
    dstport: port,
    protocol: fc.constantFrom('6', '17', '1', '58', '50'),
    packets: fc.nat().map(String),
    bytes: fc.nat().map(String),
    start: fc.integer({ min: START - 86_400, max: START + 86_400 }),
    duration: fc.integer({ min: 0, max: 600 }),
    action: fc.constantFrom('ACCEPT', 'REJECT'),
  })
  .map((r) =>
    [
      '2 123456789012',
      ENI,
      r.srcaddr,
      r.dstaddr,
      r.srcport,
      r.dstport,
      r.protocol,
      r.packets,
      r.bytes,
      r.start,
      r.start + r.duration,
      r.action,
      'OK',
    ].join(' '),
  );

/** Values that have tripped readers: numbers in other notations, limits, quotes, escapes. */
const trickyToken = fc.constantFrom(
  '',
  '-',
  '--',
  '-5',
  '1e3',
  '0x1bb',
  '1_000',
  '44.3',
  '+7',
  '65536',
  '99999999999999999999',
  '9223372036854775807',
  '253402300800',
  'NaN',
  'null',
  'ACCEPTED',
  'accept',
  '"',
  "'",
  '\\',
  '\t',
  '\u0000',
  '\u00e9',
  '\ud83d\ude00',
  '\ud800',
  '::',
  '1.2.3.4.5',
  '::ffff:999.0.0.1',
);

const token = fc.oneof(trickyToken, fc.string({ unit: 'binary', maxLength: 12 }));

/** A valid record with one step of damage: a field replaced, dropped or doubled, or the line cut. */
export const damagedRecord: fc.Arbitrary<string> = fc
  .tuple(
    validRecord,
    fc.nat(),
    token,
    fc.constantFrom('replace', 'drop', 'double', 'cut', 'append'),
  )
  .map(([line, at, value, how]) => {
    const fields = line.split(' ');
    const index = at % fields.length;
    if (how === 'replace') fields[index] = value;
    if (how === 'drop') fields.splice(index, 1);
    if (how === 'double') fields.splice(index, 0, fields[index] ?? '');
    if (how === 'append') fields.push(value);
    const text = fields.join(' ');
    return how === 'cut' ? text.slice(0, at % text.length) : text;
  });

/** Arbitrary text, or arbitrary bytes (invalid UTF-8 included). */
const randomLine: fc.Arbitrary<string | Buffer> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
);

/** Removes line ends, which only a file's own joining may add. */
function withoutLineEnds(text: string | Buffer): string | Buffer {
  if (typeof text === 'string') return text.replace(/[\r\n]/g, '');
  return Buffer.from(text.filter((byte) => byte !== 0x0a && byte !== 0x0d));
}

export const fuzzLine: fc.Arbitrary<FuzzLine> = fc.oneof(
  { weight: 4, arbitrary: validRecord.map((text) => ({ kind: 'valid' as const, text })) },
  {
    weight: 3,
    arbitrary: damagedRecord.map((text) => ({
      kind: 'damaged' as const,
      text: withoutLineEnds(text),
    })),
  },
  {
    weight: 2,
    arbitrary: randomLine.map((text) => ({ kind: 'random' as const, text: withoutLineEnds(text) })),
  },
);

/** A file's line end: the header's and every record's. */
export const lineEnd = fc.constantFrom('\n', '\r\n', '\r');
