// The benchmark's inputs: the demo account's traffic at a larger scale, written
// twice, as gzip text and as Parquet, in the S3 key layout. The demo itself
// mixes the two (one VPC delivers Parquet); to compare the formats on the
// same records, every flow log is written here in both. Built from the
// demo's exported pieces, so src/ stays as it is.
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { writeInventory } from '../../dist/demo/aws-cli-documents.js';
import { buildDemoAccount } from '../../dist/demo/demo-account.js';
import { TEXT_FORMATS, flowLogFor } from '../../dist/demo/demo-flow-logs.js';
import { generateTraffic } from '../../dist/demo/demo-traffic.js';
import { ParquetFlowLogWriter } from '../../dist/demo/parquet-flow-log-writer.js';
import { flowLogKey, writeTextFile } from '../../dist/demo/write-flow-logs.js';

/** Bumped whenever the files written here change, so that old caches are not reused. */
const GENERATOR_VERSION = 1;
const DAYS = 7;
/** As the demo: AWS splits a large hour into several files. */
const MAX_RECORDS_PER_FILE = 100_000;

/**
 * The text format of the VPC that the demo logs as Parquet: the fields of the
 * demo's Parquet files, so that both trees carry the same values.
 */
const PARQUET_FIELDS_AS_TEXT = {
  version: 5,
  fields: [
    'version',
    'account-id',
    'interface-id',
    'srcaddr',
    'dstaddr',
    'srcport',
    'dstport',
    'protocol',
    'packets',
    'bytes',
    'start',
    'end',
    'action',
    'log-status',
    'tcp-flags',
    'flow-direction',
    'pkt-srcaddr',
    'pkt-dstaddr',
  ],
};

/**
 * The inputs for about `records` records with `seed`, from the cache under
 * `dir` or written there first. Returns the paths and what was written.
 */
export async function benchInputs({ dir, records, seed, log }) {
  const caseDir = join(dir, `records-${records}-seed-${seed}-v${GENERATOR_VERSION}`);
  const manifestPath = join(caseDir, 'inputs.json');
  const cached = await readManifest(manifestPath);
  if (cached !== undefined) return { ...pathsOf(caseDir), ...cached, cached: true };

  await rm(caseDir, { recursive: true, force: true });
  const scale = scaleFor(records, seed);
  log(`generating about ${records.toLocaleString('en')} records (scale ${scale.toFixed(2)})`);

  const started = performance.now();
  const paths = pathsOf(caseDir);
  const account = buildDemoAccount(seed);
  await writeInventory(account, paths.inventory);
  const written = await writeBothTrees(account, { seed, scale, paths });

  const manifest = {
    target: records,
    seed,
    days: DAYS,
    scale,
    ...written,
    gzipBytes: await treeBytes(paths.gzipTree),
    parquetBytes: await treeBytes(paths.parquetTree),
    generationSeconds: (performance.now() - started) / 1000,
  };
  await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return { ...paths, ...manifest, cached: false };
}

function pathsOf(caseDir) {
  return {
    caseDir,
    inventory: join(caseDir, 'inventory'),
    gzipTree: join(caseDir, 'gzip', 'flow-logs'),
    parquetTree: join(caseDir, 'parquet', 'flow-logs'),
  };
}

async function readManifest(path) {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    if (error.code === 'ENOENT') return undefined;
    throw new Error(`${path}: cannot read the cached inputs' manifest: ${error.message}`, {
      cause: error,
    });
  }
}

/**
 * The demo's scale that gives about `records` records in a week. The count
 * grows linearly with the scale, plus a fixed part (NODATA records), so two
 * small runs of the generator give the line.
 */
function scaleFor(records, seed) {
  const account = buildDemoAccount(seed);
  const count = (scale) => {
    let n = 0;
    for (const hour of generateTraffic(account, { seed, days: DAYS, scale })) {
      n += hour.records.length;
    }
    return n;
  };
  const [low, high] = [count(1), count(4)];
  const perScale = (high - low) / 3;
  return Math.max(0.01, (records - (low - perScale)) / perScale);
}

/**
 * Writes every flow log's hour as a gzip text file and as a Parquet file with
 * the same records and the same S3 key but for the extension.
 */
async function writeBothTrees(account, { seed, scale, paths }) {
  const vpcNames = new Map(account.vpcs.map((vpc) => [vpc.vpcId, vpc.name]));
  const parquet = await ParquetFlowLogWriter.open(account.accountId);
  const totals = { records: 0, acceptedRecords: 0, files: 0 };

  try {
    for (const hour of generateTraffic(account, { seed, days: DAYS, scale })) {
      for (const [flowLog, batch] of byFlowLog(hour, vpcNames)) {
        for (let chunk = 0; chunk * MAX_RECORDS_PER_FILE < batch.length; chunk++) {
          const from = chunk * MAX_RECORDS_PER_FILE;
          const slice = batch.slice(from, from + MAX_RECORDS_PER_FILE);
          const key = (format) =>
            flowLogKey(account, { ...flowLog, format }, hour.start, chunk, seed);
          const gzipPath = join(paths.gzipTree, key('text'));
          const parquetPath = join(paths.parquetTree, key('parquet'));

          await Promise.all([
            mkdir(dirname(gzipPath), { recursive: true }),
            mkdir(dirname(parquetPath), { recursive: true }),
          ]);
          await Promise.all([
            writeTextFile(gzipPath, slice, textFormatOf(flowLog), account.accountId),
            parquet.write(parquetPath, slice),
          ]);

          totals.files += 1;
          totals.records += slice.length;
          totals.acceptedRecords += slice.filter(({ record }) => record.action === 'ACCEPT').length;
        }
      }
    }
  } finally {
    parquet.close();
  }
  return totals;
}

function textFormatOf(flowLog) {
  return flowLog.format === 'parquet' ? PARQUET_FIELDS_AS_TEXT : TEXT_FORMATS[flowLog.format];
}

/** The hour's records per flow log, as the demo splits them. */
function byFlowLog(hour, vpcNames) {
  const batches = new Map();
  for (const demo of hour.records) {
    const flowLog = flowLogFor(vpcNames.get(demo.eni.vpcId), hour.day);
    if (flowLog === undefined) continue;
    if (!batches.has(flowLog)) batches.set(flowLog, []);
    batches.get(flowLog).push(demo);
  }
  return batches;
}

async function treeBytes(root) {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  let bytes = 0;
  for (const entry of entries) {
    if (entry.isFile()) bytes += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return bytes;
}
