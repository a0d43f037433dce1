import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

import { formatFlowRecord } from '../flow-logs/format-flow-record.js';
import type { RecordContext } from '../flow-logs/format-flow-record.js';
import type { DemoRecord } from './connection-records.js';
import type { DemoAccount, VpcName } from './demo-account.js';
import { DEFAULT_DEMO_SEED } from './demo-account.js';
import { TEXT_FORMATS, flowLogFor } from './demo-flow-logs.js';
import type { DemoFlowLog, TextFormat } from './demo-flow-logs.js';
import type { TrafficHour } from './demo-traffic.js';
import { ParquetFlowLogWriter } from './parquet-flow-log-writer.js';
import { Random } from './random.js';

export interface WriteFlowLogsOptions {
  /** Draws the random part of the file names; the demo's seed by default. */
  readonly seed?: number;
  /** A flow log's hour is split into files of at most this many records. */
  readonly maxRecordsPerFile?: number;
}

export interface WriteFlowLogsResult {
  readonly records: number;
  /** Paths of the files written, relative to the output directory, in writing order. */
  readonly files: readonly string[];
}

const DEFAULT_MAX_RECORDS_PER_FILE = 100_000;
const LINES_PER_CHUNK = 2_000;

/**
 * Writes the traffic as AWS delivers flow logs to S3, under
 * `AWSLogs/<account>/vpcflowlogs/<region>/YYYY/MM/DD/`, one file (or a few,
 * when large) per flow log and hour. Hours are written as they come, so the
 * generator behind `hours` can produce millions of records without holding
 * them all.
 */
export async function writeFlowLogs(
  account: DemoAccount,
  hours: Iterable<TrafficHour>,
  outDir: string,
  options: WriteFlowLogsOptions = {},
): Promise<WriteFlowLogsResult> {
  const vpcNames = new Map(account.vpcs.map((vpc) => [vpc.vpcId, vpc.name]));
  const maxRecords = options.maxRecordsPerFile ?? DEFAULT_MAX_RECORDS_PER_FILE;
  const writer = new FlowLogFileWriter(account, outDir, options.seed ?? DEFAULT_DEMO_SEED);
  const files: string[] = [];
  let records = 0;

  try {
    for (const hour of hours) {
      for (const [flowLog, batch] of byFlowLog(hour, vpcNames)) {
        for (const [chunk, slice] of chunksOf(batch, maxRecords).entries()) {
          files.push(await writer.write(flowLog, hour.start, chunk, slice));
          records += slice.length;
        }
      }
    }
  } finally {
    writer.close();
  }
  return { records, files };
}

/** Writes one file per call, text or Parquet as the flow log's format says. */
class FlowLogFileWriter {
  private parquet: ParquetFlowLogWriter | undefined;

  constructor(
    private readonly account: DemoAccount,
    private readonly outDir: string,
    private readonly seed: number,
  ) {}

  /** Returns the file's key (its path under the output directory). */
  async write(
    flowLog: DemoFlowLog,
    hourStart: number,
    chunk: number,
    records: readonly DemoRecord[],
  ): Promise<string> {
    const key = flowLogKey(this.account, flowLog, hourStart, chunk, this.seed);
    const path = join(this.outDir, key);
    await mkdir(dirname(path), { recursive: true });

    const { accountId } = this.account;
    if (flowLog.format === 'parquet') {
      this.parquet ??= await ParquetFlowLogWriter.open(accountId);
      await this.parquet.write(path, records);
    } else {
      await writeTextFile(path, records, TEXT_FORMATS[flowLog.format], accountId);
    }
    return key;
  }

  close(): void {
    this.parquet?.close();
  }
}

/** The hour's records per flow log, in the order of the flow logs' first records. */
function byFlowLog(
  hour: TrafficHour,
  vpcNames: ReadonlyMap<string, VpcName>,
): Map<DemoFlowLog, DemoRecord[]> {
  const batches = new Map<DemoFlowLog, DemoRecord[]>();
  for (const demo of hour.records) {
    const vpc = vpcNames.get(demo.eni.vpcId);
    const flowLog = vpc === undefined ? undefined : flowLogFor(vpc, hour.day);
    if (flowLog === undefined) continue;

    const batch = batches.get(flowLog) ?? [];
    batches.set(flowLog, batch);
    batch.push(demo);
  }
  return batches;
}

function chunksOf<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, index) =>
    items.slice(index * size, (index + 1) * size),
  );
}

/**
 * The S3 key AWS gives a delivered file:
 * `AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/11/23/123456789012_vpcflowlogs_us-east-1_fl-..._20261123T1405Z_1a2b3c4d.log.gz`.
 * The time is that of the delivery (here the hour, plus five minutes per
 * further file); the last part is random, here drawn from the seed.
 */
export function flowLogKey(
  account: DemoAccount,
  flowLog: DemoFlowLog,
  hourStart: number,
  chunk: number,
  seed: number,
): string {
  const time = new Date((hourStart + Math.min(chunk, 11) * 300) * 1000).toISOString();
  const [year, month, day] = [time.slice(0, 4), time.slice(5, 7), time.slice(8, 10)];
  const stamp = `${year}${month}${day}T${time.slice(11, 13)}${time.slice(14, 16)}Z`;
  const random = Random.derive(seed, 'file', flowLog.flowLogId, hourStart, chunk).hex(8);
  const suffix = flowLog.format === 'parquet' ? 'log.parquet' : 'log.gz';

  const { accountId, region } = account;
  const prefix = `AWSLogs/${accountId}/vpcflowlogs/${region}/${year}/${month}/${day}`;
  return `${prefix}/${accountId}_vpcflowlogs_${region}_${flowLog.flowLogId}_${stamp}_${random}.${suffix}`;
}

/**
 * A gzip text flow log: the header line of field names, then one line per
 * record (the benchmark writes its text files with it too).
 */
export async function writeTextFile(
  path: string,
  records: readonly DemoRecord[],
  format: TextFormat,
  accountId: string,
): Promise<void> {
  // Node writes gzip headers with mtime 0 and no file name, so equal input
  // gives byte-identical files.
  await pipeline(
    Readable.from(textChunks(records, format, accountId)),
    createGzip(),
    createWriteStream(path),
  );
}

function* textChunks(
  records: readonly DemoRecord[],
  format: TextFormat,
  accountId: string,
): Generator<string> {
  yield `${format.fields.join(' ')}\n`;
  for (let start = 0; start < records.length; start += LINES_PER_CHUNK) {
    const lines = records
      .slice(start, start + LINES_PER_CHUNK)
      .map((demo) =>
        formatFlowRecord(demo.record, format.fields, contextOf(demo, format, accountId)),
      );
    yield `${lines.join('\n')}\n`;
  }
}

/** The fields of custom formats that a FlowRecord does not carry. */
function contextOf(demo: DemoRecord, format: TextFormat, accountId: string): RecordContext {
  const { eni, record, trafficPath } = demo;
  const type = record.srcaddr === null ? '-' : record.srcaddr.includes(':') ? 'IPv6' : 'IPv4';
  return {
    version: format.version,
    accountId,
    extra: {
      'vpc-id': eni.vpcId,
      'subnet-id': eni.subnet.subnetId,
      'instance-id': eni.instanceId ?? '-',
      type,
      'traffic-path': trafficPath === null ? '-' : String(trafficPath),
    },
  };
}
