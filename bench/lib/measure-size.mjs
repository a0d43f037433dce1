// One size of the benchmark: its inputs, the commands alternated and
// repeated on them, and checks that every command read every record.
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { BENCH_COMMANDS, analyzeArgv } from './bench-commands.mjs';
import { benchInputs } from './bench-inputs.mjs';
import { measureProcessTree } from './measure-process-tree.mjs';

/**
 * Measures every command `runs` times on the inputs of about `records`
 * records, in turns (A B C A B C ...) so that a slow spell of the machine
 * touches all of them alike. Returns the inputs, each command's times and
 * peaks, and the checks.
 */
export async function measureSize({ records, seed, dir, runs, jobs, check, log }) {
  const inputs = await benchInputs({ dir, records, seed, log });
  const scratch = join(inputs.caseDir, 'scratch');
  await rm(scratch, { recursive: true, force: true });
  await mkdir(scratch, { recursive: true });

  log(`${inputs.records.toLocaleString('en')} records in ${inputs.files} files of each format`);
  warmPageCache(inputs.caseDir);

  const measurements = Object.fromEntries(
    BENCH_COMMANDS.map(({ id }) => [id, { seconds: [], peakRssBytes: [], warnings: [] }]),
  );
  let lastOutputs = {};
  for (let run = 1; run <= runs; run++) {
    for (const command of BENCH_COMMANDS) {
      const [program, ...args] = command.argv(inputs, { jobs, scratch });
      const result = await measureProcessTree(program, args);
      const measured = measurements[command.id];
      measured.seconds.push(result.seconds);
      measured.peakRssBytes.push(result.peakRssBytes);
      measured.warnings.push(...warningsOf(result.stderr));
      lastOutputs = { ...lastOutputs, [command.id]: result };
      log(`run ${run}/${runs} ${command.id}: ${result.seconds.toFixed(2)} s`);
    }
  }

  const checks = check ? await runChecks(inputs, scratch, lastOutputs, log) : [];
  return { inputs: summaryOf(inputs), measurements, checks };
}

function summaryOf(inputs) {
  const { target, seed, days, scale, records, acceptedRecords, files } = inputs;
  const { gzipBytes, parquetBytes, generationSeconds } = inputs;
  return {
    target,
    seed,
    days,
    scale,
    records,
    acceptedRecords,
    files,
    gzipBytes,
    parquetBytes,
    generationSeconds,
  };
}

/** Reads every input file once, so that the first timed command does not pay for the disk. */
function warmPageCache(caseDir) {
  execFileSync('bash', ['-c', 'find "$1" -type f -exec cat {} + > /dev/null', 'warm', caseDir]);
}

/** The warnings stale-sg printed: skipped files or malformed records would make a time meaningless. */
function warningsOf(stderr) {
  return stderr.split('\n').filter((line) => line.startsWith('warning:'));
}

/**
 * Checks, outside the timed runs, that the commands saw the same records:
 * analyze gives the same report from both trees and counts every record; the
 * awk pipeline counts every ACCEPT record; DuckDB reads every record.
 */
async function runChecks(inputs, scratch, outputs, log) {
  log('checking that every command read every record');
  const reports = {};
  for (const input of ['gzip', 'parquet']) {
    const out = join(scratch, `report-${input}.json`);
    const tree = input === 'gzip' ? inputs.gzipTree : inputs.parquetTree;
    const [program, ...args] = analyzeArgv(inputs.inventory, tree, out);
    await measureProcessTree(program, args);
    reports[input] = JSON.parse(await readFile(out, 'utf8'));
  }

  const awkCounts = await readFile(join(scratch, 'awk-counts.txt'), 'utf8');
  const awkAccepted = awkCounts
    .split('\n')
    .filter(Boolean)
    .reduce((sum, line) => sum + Number(line.split(' ')[3]), 0);
  const duckdb = JSON.parse(outputs['duckdb-limit'].stdout);

  const { summary } = reports.gzip;
  return [
    check('analyze on gzip text counts every record', summary.records, inputs.records),
    check('analyze counts every ACCEPT record', summary.acceptedRecords, inputs.acceptedRecords),
    check(
      'analyze gives the same rules (hits, bytes, first and last seen) from gzip text and Parquet',
      JSON.stringify(reports.parquet.rules),
      JSON.stringify(reports.gzip.rules),
    ),
    check(
      'analyze skipped no file',
      reports.gzip.sources.skipped.length + reports.parquet.sources.skipped.length,
      0,
    ),
    check('the awk pipeline counts every ACCEPT record', awkAccepted, inputs.acceptedRecords),
    check('DuckDB reads every Parquet record', Number(duckdb.records), inputs.records),
  ];
}

function check(name, found, expected) {
  const ok = found === expected;
  const shown = (value) => (typeof value === 'number' ? value.toLocaleString('en') : '(differs)');
  return { name, ok, detail: ok ? '' : `expected ${shown(expected)}, found ${shown(found)}` };
}
