import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';

import { generateDemo } from '../../src/demo/generate-demo.js';
import type { GenerateDemoResult } from '../../src/demo/generate-demo.js';
import { StaleSgError } from '../../src/errors.js';
import { DEFAULT_FORMAT } from '../../src/flow-logs/flow-log-fields.js';
import { listFiles, readParquetFiles, readTextFlowLog, rowObjects } from './demo-output.js';
import type { ParquetFile, TextFlowLog } from './demo-output.js';

const KEY =
  /^AWSLogs\/123456789012\/vpcflowlogs\/us-east-1\/(\d{4})\/(\d{2})\/(\d{2})\/123456789012_vpcflowlogs_us-east-1_fl-[0-9a-f]{17}_(\d{4})(\d{2})(\d{2})T\d{4}Z_[0-9a-f]{8}\.log\.(gz|parquet)$/;

const CUSTOM_V5_HEADER =
  'version vpc-id subnet-id instance-id interface-id account-id type srcaddr dstaddr srcport dstport ' +
  'pkt-srcaddr pkt-dstaddr protocol bytes packets start end action tcp-flags log-status flow-direction traffic-path';

const PARQUET_COLUMNS = [
  ['version', 'INTEGER'],
  ['account_id', 'VARCHAR'],
  ['interface_id', 'VARCHAR'],
  ['srcaddr', 'VARCHAR'],
  ['dstaddr', 'VARCHAR'],
  ['srcport', 'INTEGER'],
  ['dstport', 'INTEGER'],
  ['protocol', 'INTEGER'],
  ['packets', 'BIGINT'],
  ['bytes', 'BIGINT'],
  ['start', 'BIGINT'],
  ['end', 'BIGINT'],
  ['action', 'VARCHAR'],
  ['log_status', 'VARCHAR'],
  ['tcp_flags', 'INTEGER'],
  ['flow_direction', 'VARCHAR'],
  ['pkt_srcaddr', 'VARCHAR'],
  ['pkt_dstaddr', 'VARCHAR'],
];

// Three days cover every format: prod's default format (days 1-2) and custom one (day 3),
// staging's Parquet and shared services' version 3 format.
const DAYS = 3;

let root: string;
let result: GenerateDemoResult;
let files: string[];
let textLogs: Map<string, TextFlowLog>;
let parquetFiles: Map<string, ParquetFile>;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'stale-sg-demo-'));
  result = await generateDemo({ outDir: join(root, 'a'), days: DAYS });
  files = await listFiles(result.flowLogsDir);
  textLogs = new Map();
  for (const file of files.filter((name) => name.endsWith('.gz'))) {
    textLogs.set(file, await readTextFlowLog(join(result.flowLogsDir, file)));
  }
  const parquetNames = files.filter((name) => name.endsWith('.parquet'));
  const read = await readParquetFiles(parquetNames.map((name) => join(result.flowLogsDir, name)));
  parquetFiles = new Map(parquetNames.map((name, i) => [name, read[i] as ParquetFile]));
});

afterAll(() => rm(root, { recursive: true, force: true }));

function textRows(): Record<string, string>[] {
  return [...textLogs.values()].flatMap(rowObjects);
}

function parquetRows(): Record<string, unknown>[] {
  return [...parquetFiles.values()].flatMap((file) => file.rows);
}

describe('generateDemo', () => {
  it('writes the inventory and reports what it wrote', async () => {
    expect(await listFiles(result.inventoryDir)).toHaveLength(4);
    expect(result.files).toBe(files.length);
    const rows = [...textLogs.values()].reduce((sum, log) => sum + log.rows.length, 0);
    expect(rows + parquetRows().length).toBe(result.records);
  });

  it('lays files out as AWS delivers them to S3, one or a few per flow log and hour', () => {
    for (const file of files) {
      const match = KEY.exec(file);
      expect(match, file).not.toBeNull();
      expect(match?.slice(1, 4)).toEqual(match?.slice(4, 7));
    }
    expect(files.length).toBeGreaterThanOrEqual(DAYS * 24 * 3);
    expect(files.length).toBeLessThanOrEqual(DAYS * 24 * 3 * 3);
  });

  it('writes gzip text with the header of each format', () => {
    const headers = new Set([...textLogs.values()].map((log) => log.header));
    expect(headers).toEqual(
      new Set([
        DEFAULT_FORMAT.join(' '),
        CUSTOM_V5_HEADER,
        `${DEFAULT_FORMAT.join(' ')} vpc-id subnet-id instance-id tcp-flags type pkt-srcaddr pkt-dstaddr`,
      ]),
    );
    for (const log of textLogs.values()) {
      const width = log.header.split(' ').length;
      for (const row of log.rows) expect(row).toHaveLength(width);
    }
  });

  it('writes Parquet files with the columns AWS uses', () => {
    expect(parquetFiles.size).toBeGreaterThan(0);
    for (const file of parquetFiles.values()) {
      expect(file.columns.map(({ name, type }) => [name, type])).toEqual(PARQUET_COLUMNS);
      expect(file.rows.length).toBeGreaterThan(0);
    }
    expect(
      parquetRows().some((row) => row['log_status'] === 'NODATA' && row['srcaddr'] === null),
    ).toBe(true);
  });

  it('writes responses flagged SYN-ACK, REJECT, NODATA, SKIPDATA and IPv6 records', () => {
    const rows = textRows();
    const parquet = parquetRows();
    expect(rows.some((row) => row['tcp-flags'] === '18' || row['tcp-flags'] === '19')).toBe(true);
    expect(parquet.some((row) => row['tcp_flags'] === 18 || row['tcp_flags'] === 19)).toBe(true);
    expect(rows.some((row) => row['action'] === 'REJECT')).toBe(true);
    expect(rows.some((row) => row['log-status'] === 'NODATA' && row['srcaddr'] === '-')).toBe(true);
    expect(rows.some((row) => row['log-status'] === 'SKIPDATA')).toBe(true);
    expect(rows.some((row) => row['srcaddr']?.includes(':') && row['type'] === 'IPv6')).toBe(true);
    expect(rows.some((row) => row['version'] === '2' && row['srcaddr']?.includes(':'))).toBe(true);
  });

  it('writes byte-identical files for the same seed', async () => {
    const again = await generateDemo({ outDir: join(root, 'b'), days: DAYS });
    const againFiles = await listFiles(again.flowLogsDir);
    expect(againFiles).toEqual(files);
    expect(await listFiles(again.inventoryDir)).toEqual(await listFiles(result.inventoryDir));

    for (const file of [
      ...files,
      ...(await listFiles(result.inventoryDir)).map((f) => `../inventory/${f}`),
    ]) {
      const [a, b] = await Promise.all([
        readFile(join(result.flowLogsDir, file)),
        readFile(join(again.flowLogsDir, file)),
      ]);
      expect(b.equals(a), file).toBe(true);
    }
  });

  it('writes gzip headers without a time or file name', async () => {
    const [first] = textLogs.keys();
    const bytes = await readFile(join(result.flowLogsDir, first ?? ''));
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    expect(bytes[3]).toBe(0); // no FNAME and no other optional header fields
    expect(bytes.readUInt32LE(4)).toBe(0); // MTIME
    expect(gunzipSync(bytes).length).toBeGreaterThan(0);
  });

  it('writes other files for another seed', async () => {
    const other = await generateDemo({ outDir: join(root, 'c'), days: 1, seed: 7 });
    const mine = await generateDemo({ outDir: join(root, 'd'), days: 1 });
    const [otherFiles, myFiles] = [
      await listFiles(other.flowLogsDir),
      await listFiles(mine.flowLogsDir),
    ];
    expect(otherFiles).not.toEqual(myFiles);
    const text = async (dir: string, name: string) =>
      gunzipSync(await readFile(join(dir, name))).toString('utf8');
    const firstText = (names: string[]) => names.find((name) => name.endsWith('.gz')) ?? '';
    expect(await text(other.flowLogsDir, firstText(otherFiles))).not.toEqual(
      await text(mine.flowLogsDir, firstText(myFiles)),
    );
  });

  it('replaces an earlier demo in the same directory', async () => {
    const outDir = join(root, 'e');
    await generateDemo({ outDir, days: 1, seed: 3 });
    const second = await generateDemo({ outDir, days: 1 });
    expect(await listFiles(second.flowLogsDir)).toEqual(
      await listFiles((await generateDemo({ outDir: join(root, 'f'), days: 1 })).flowLogsDir),
    );
  });

  it('leaves a directory with other files alone', async () => {
    const outDir = join(root, 'g');
    await mkdir(join(outDir, 'inventory'), { recursive: true });
    await writeFile(join(outDir, 'inventory', 'mine.json'), '{}');
    await expect(generateDemo({ outDir, days: 1 })).rejects.toThrow(StaleSgError);
    expect(await listFiles(outDir)).toEqual(['inventory/mine.json']);
  });
});
