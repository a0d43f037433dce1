import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { withDuckDb } from '../../src/engine/duckdb-session.js';
import type { Inventory } from '../../src/inventory/inventory.js';

/** One interface, one group, rules that allow any traffic both ways: every request is a hit. */
const inventory: Inventory = {
  groups: [
    {
      groupId: 'sg-1',
      groupName: 'any',
      vpcId: 'vpc-1',
      ownerId: null,
      description: null,
      tags: {},
    },
  ],
  rules: (['ingress', 'egress'] as const).map((direction) => ({
    ruleId: `sgr-${direction}`,
    groupId: 'sg-1',
    direction,
    protocol: -1,
    fromPort: null,
    toPort: null,
    peer: { kind: 'cidr4' as const, value: '0.0.0.0/0' },
    description: null,
    derived: false,
  })),
  interfaces: [
    {
      interfaceId: 'eni-1',
      vpcId: 'vpc-1',
      groupIds: ['sg-1'],
      addresses: ['10.0.0.5'],
      description: null,
    },
  ],
  prefixLists: [],
};

const HEADER =
  'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';

/** An inbound request to port 443 on eni-1, in the default format. */
function record(
  overrides: { src?: string; srcport?: string; start?: number; action?: string } = {},
): string {
  const start = overrides.start ?? 1_700_000_000;
  return [
    '2 123456789012 eni-1',
    overrides.src ?? '198.51.100.7',
    '10.0.0.5',
    overrides.srcport ?? '50123',
    '443 6 10 1000',
    start,
    start + 60,
    overrides.action ?? 'ACCEPT',
    'OK',
  ].join(' ');
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stale-sg-read-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function put(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, content);
  return path;
}

const lines = (...rows: string[]): string => rows.join('\n') + '\n';

async function run(options: { strict?: boolean; since?: Date; until?: Date } = {}) {
  return analyze({ inventory, flowLogs: [dir], ...options });
}

describe('reading text flow logs', () => {
  it('reads plain and gzip files with a header, recursively, ignoring other files', async () => {
    await put('a/one.log', lines(HEADER, record(), record()));
    await put('a/b/two.log.gz', gzipSync(lines(HEADER, record(), record({ action: 'REJECT' }))));
    await put('a/notes.txt', 'not a flow log');

    const report = await run();
    expect(report.sources).toMatchObject({ files: 2, skipped: [] });
    expect(report.summary).toMatchObject({
      records: 4,
      acceptedRecords: 3,
      rejectedRecords: 1,
      malformedRecords: 0,
    });
    expect(report.rules.find((r) => r.ruleId === 'sgr-ingress')?.hits).toBe(3);
  });

  it('reads a custom format by its header, in any field order, ignoring unknown fields', async () => {
    const header =
      'start end future-field dstaddr srcaddr interface-id protocol dstport srcport action flow-direction';
    await put(
      'custom.log',
      lines(
        header,
        '1700000000 1700000060 x 10.0.0.5 198.51.100.7 eni-1 6 443 50000 ACCEPT ingress',
      ),
    );

    const report = await run();
    expect(report.summary).toMatchObject({ records: 1, acceptedRecords: 1 });
    expect(report.rules.find((r) => r.ruleId === 'sgr-ingress')).toMatchObject({
      hits: 1,
      firstSeen: '2023-11-14T22:13:20.000Z',
    });
  });

  it('reads a file without a header as the default format when it has 14 fields', async () => {
    await put('cloudwatch-export.log', lines(record(), record()));
    expect((await run()).summary.acceptedRecords).toBe(2);
  });

  it('reads mixed line endings', async () => {
    await put('crlf.log', `${HEADER}\r\n${record()}\r\n${record()}\n${record()}`);
    expect((await run()).summary).toMatchObject({ acceptedRecords: 3, malformedRecords: 0 });
  });

  it('reads a header-only file as no records, without complaint', async () => {
    await put('empty-hour.log', lines(HEADER));
    const report = await run();
    expect(report.summary.records).toBe(0);
    expect(report.sources.skipped).toEqual([]);
  });

  it.each([
    [
      'truncated gzip',
      () => gzipSync(lines(HEADER, ...Array(2000).fill(record()))).subarray(0, 500),
      /cannot be read/,
    ],
    ['gzip of garbage', () => Buffer.from([0x1f, 0x8b, 1, 2, 3, 4, 5, 6, 7, 8]), /cannot be read/],
    ['an empty file', () => Buffer.alloc(0), /empty/],
    ['a header naming a field twice', () => lines(`${HEADER} srcaddr`, record()), /srcaddr twice/],
    [
      'a header without dstport',
      () => lines(HEADER.replace(' dstport', ''), record()),
      /lacks dstport/,
    ],
    ['no header and 15 fields', () => lines(`${record()} extra`), /15 fields, not the 14/],
    ['a first line of neither kind', () => lines('Hello, world', record()), /neither a header/],
  ])('skips %s, names it, and reads the other files', async (_, content, reason) => {
    const name = typeof content() === 'string' ? 'bad.log' : 'bad.log.gz';
    const bad = await put(name, content());
    await put('good.log', lines(HEADER, record()));

    const report = await run();
    expect(report.summary.acceptedRecords).toBe(1);
    expect(report.sources.skipped).toHaveLength(1);
    expect(report.sources.skipped[0]?.path).toBe(bad);
    expect(report.sources.skipped[0]?.reason).toMatch(reason);
  });

  it.each([
    ['too few fields', record().split(' ').slice(0, 12).join(' ')],
    ['too many fields', `${record()} extra`],
    ['a port that is not a number', record({ srcport: 'https' })],
    ['a port above 65535', record({ srcport: '70000' })],
    ['a negative port', record({ srcport: '-5' })],
    ['an unknown action', record({ action: 'ALLOW' })],
    ['an address that is not one', record({ src: '198.51.100' })],
    ['an IPv6 address with two ::', record({ src: '2001::db8::1' })],
    [
      'times that run backwards',
      record().replace('1700000000 1700000060', '1700000060 1700000000'),
    ],
    ['a log status AWS does not write', record().replace(/OK$/, 'MAYBE')],
    ['an accepted flow without a source address', record({ src: '-' })],
  ])('skips and counts a line with %s', async (_, bad) => {
    await put('mixed.log', lines(HEADER, record(), bad, record()));
    const report = await run();
    expect(report.summary).toMatchObject({ records: 2, acceptedRecords: 2, malformedRecords: 1 });
  });

  it('reads - as an absent value: NODATA records cover their interface', async () => {
    await put(
      'nodata.log',
      lines(HEADER, '2 123456789012 eni-1 - - - - - - - 1700000000 1700000060 - NODATA'),
    );
    const report = await run();
    expect(report.summary).toMatchObject({ records: 1, acceptedRecords: 0, malformedRecords: 0 });
    expect(report.rules.map((r) => r.status)).toEqual(['stale', 'stale']);
  });

  it('keeps only records that start inside --since/--until', async () => {
    const day = 86_400;
    const start = 1_700_000_000;
    await put(
      'days.log',
      lines(
        HEADER,
        record({ start }),
        record({ start: start + day }),
        record({ start: start + 2 * day }),
      ),
    );

    const report = await run({
      since: new Date((start + day) * 1000),
      until: new Date((start + 2 * day) * 1000),
    });
    expect(report.summary.acceptedRecords).toBe(1);
    expect(report.window).toEqual({
      from: new Date((start + day) * 1000).toISOString(),
      to: new Date((start + 2 * day) * 1000).toISOString(),
    });
  });
});

describe('strict mode', () => {
  it('fails on a malformed line, naming the file and line', async () => {
    const path = await put(
      'bad-line.log',
      lines(HEADER, record(), record(), record({ srcport: 'x' })),
    );
    await expect(run({ strict: true })).rejects.toThrow(
      `${path}: line 4: malformed flow log record`,
    );
  });

  it('fails on an unreadable file, naming it', async () => {
    const path = await put('bad.log.gz', Buffer.from('not gzip at all'));
    await expect(run({ strict: true })).rejects.toThrow(path);
  });
});

describe('reading Parquet flow logs', () => {
  async function writeParquet(name: string, columns: string, values: string): Promise<string> {
    const path = join(dir, name);
    await withDuckDb({}, async (connection) => {
      await connection.run(`CREATE TABLE t AS SELECT * FROM (VALUES ${values}) v(${columns})`);
      await connection.run(`COPY t TO '${path.replaceAll("'", "''")}' (FORMAT parquet)`);
    });
    return path;
  }

  const COLUMNS =
    'version, account_id, interface_id, srcaddr, dstaddr, srcport, dstport, protocol, packets, bytes, start, "end", action, log_status';

  it("reads AWS's column names and types, with null for absent values", async () => {
    await writeParquet(
      'hour.parquet',
      COLUMNS,
      `(2, '1', 'eni-1', '198.51.100.7', '10.0.0.5', 50000, 443, 6, 10::BIGINT, 100::BIGINT, 1700000000::BIGINT, 1700000060::BIGINT, 'ACCEPT', 'OK'),
       (2, '1', 'eni-1', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1700000000, 1700000060, NULL, 'NODATA')`,
    );
    const report = await run();
    expect(report.summary).toMatchObject({ records: 2, acceptedRecords: 1, malformedRecords: 0 });
    expect(report.rules.find((r) => r.ruleId === 'sgr-ingress')).toMatchObject({
      hits: 1,
      bytes: 100,
    });
  });

  it('reads columns of the wrong type where the values fit, and counts those that do not', async () => {
    await writeParquet(
      'strings.parquet',
      COLUMNS,
      `(2, '1', 'eni-1', '198.51.100.7', '10.0.0.5', '50000', '443', '6', 10, 100, 1700000000, 1700000060, 'ACCEPT', 'OK'),
       (2, '1', 'eni-1', '198.51.100.7', '10.0.0.5', 'high', '443', '6', 10, 100, 1700000000, 1700000060, 'ACCEPT', 'OK')`,
    );
    expect((await run()).summary).toMatchObject({ acceptedRecords: 1, malformedRecords: 1 });
  });

  it('skips a Parquet file without the columns attribution needs', async () => {
    const path = await writeParquet(
      'partial.parquet',
      'interface_id, srcaddr',
      `('eni-1', '10.0.0.1')`,
    );
    const report = await run();
    expect(report.sources.skipped).toEqual([
      {
        path,
        reason: expect.stringMatching(
          /lacks the columns dstaddr, srcport, dstport, protocol, action/,
        ),
      },
    ]);
  });
});

describe('lines DuckDB cannot read', () => {
  const invalidUtf8 = (): Buffer =>
    Buffer.concat([
      Buffer.from(lines(HEADER, record())),
      Buffer.from([0xff, 0xfe, 0x41, 0x0a]),
      Buffer.from(lines(record())),
    ]);

  it('counts a line of invalid UTF-8 as malformed', async () => {
    await put('binary.log', invalidUtf8());
    expect((await run()).summary).toMatchObject({ acceptedRecords: 2, malformedRecords: 1 });
  });

  it('names its line in strict mode', async () => {
    const path = await put('binary.log', invalidUtf8());
    await expect(run({ strict: true })).rejects.toThrow(
      `${path}: line 3: malformed flow log record`,
    );
  });
});
