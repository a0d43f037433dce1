import { S3Client } from '@aws-sdk/client-s3';
import { analyzeWithAthena, type AthenaAnalysis } from '../athena/analyze-with-athena.js';
import { describeScan } from '../athena/athena-cost.js';
import { createAthenaClient } from '../athena/create-athena-client.js';
import type { FlowLogTableLayout } from '../athena/flow-log-table.js';
import { formatDuration } from '../athena/query-execution-errors.js';
import type { PortRange } from '../attribution/port-range.js';
import { StaleSgError } from '../errors.js';
import { parseS3Url } from '../s3/parse-s3-url.js';
import type { AthenaEngineFlags } from './athena-engine-options.js';

interface AnalyzeWindowFlags {
  readonly inventory: string;
  readonly flowLogs: string[];
  readonly since?: Date;
  readonly until?: Date;
  readonly staleAfter?: number;
  readonly ephemeralPorts?: PortRange;
  readonly region?: string;
  readonly forcePathStyle?: boolean;
  readonly accounts?: string[];
  readonly regions?: string[];
}

/**
 * `analyze --engine athena`: Athena scans the window's partitions; Ctrl-C
 * stops the query; the scan and its cost are reported on stderr.
 */
export async function analyzeByAthena(
  flags: AthenaEngineFlags & AnalyzeWindowFlags,
): Promise<AthenaAnalysis> {
  const layout = layoutOf(flags);
  if (flags.athenaData === undefined) {
    throw usage('--engine athena needs --athena-data s3://bucket/prefix/ (see athena init --data)');
  }
  if (flags.since === undefined || flags.until === undefined) {
    throw usage('--engine athena needs --since and --until: Athena is billed by what it scans');
  }
  const data = parseS3Url(flags.athenaData);
  if (flags.athenaOutput !== undefined) parseS3Url(flags.athenaOutput);

  const athena = createAthenaClient({ region: flags.region });
  const s3 = new S3Client({
    ...(flags.region === undefined ? {} : { region: flags.region }),
    ...(flags.forcePathStyle === true ? { forcePathStyle: true } : {}),
  });
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);
  try {
    const result = await analyzeWithAthena(
      { athena, s3 },
      {
        inventoryDir: flags.inventory,
        since: flags.since,
        until: flags.until,
        staleAfterDays: flags.staleAfter,
        ephemeralPorts: flags.ephemeralPorts,
        layout,
        workGroup: flags.workgroup,
        outputLocation: flags.athenaOutput,
        dataBucket: data.bucket,
        dataPrefix: data.prefix,
        signal: controller.signal,
        onProgress: (state, elapsedMs) => {
          if (process.stderr.isTTY) {
            process.stderr.write(
              `\rAthena: ${state.toLowerCase()}, ${formatDuration(elapsedMs)}\u001b[K`,
            );
          }
        },
      },
    );
    if (process.stderr.isTTY) process.stderr.write('\r\u001b[K');
    console.error(
      `Athena query ${result.queryExecutionId}: ${describeScan(result.dataScannedBytes, result.costUsd)}`,
    );
    return result;
  } finally {
    process.removeListener('SIGINT', interrupt);
    athena.destroy();
    s3.destroy();
  }
}

/** The table's layout: its name, the S3 location of `--flow-logs`, and the log flags. */
function layoutOf(flags: AthenaEngineFlags & AnalyzeWindowFlags): FlowLogTableLayout {
  const [database, table, ...rest] = flags.athenaTable.split('.');
  if (database === undefined || table === undefined || rest.length > 0) {
    throw usage(`--athena-table expects database.table, found "${flags.athenaTable}"`);
  }
  const [location, ...others] = flags.flowLogs;
  if (location === undefined || others.length > 0 || !location.startsWith('s3://')) {
    throw usage('--engine athena reads one --flow-logs location, s3://bucket/prefix/');
  }
  if (flags.accounts === undefined || flags.regions === undefined) {
    throw usage('--engine athena needs --accounts and --regions: they choose the partitions');
  }
  const { bucket, prefix } = parseS3Url(location);
  return {
    database,
    table,
    bucket,
    prefix,
    format: flags.logFormat,
    layout: flags.logLayout,
    partitioning: flags.partitioning,
    accounts: flags.accounts,
    regions: flags.regions,
    ...(flags.fields === undefined ? {} : { fields: flags.fields }),
  };
}

function usage(message: string): StaleSgError {
  return new StaleSgError('INVALID_ARGUMENT', message);
}
