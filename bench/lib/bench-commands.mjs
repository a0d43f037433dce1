// The commands the benchmark times on each size's files: stale-sg analyze on
// both trees, the limits each could approach (decompressing the gzip files,
// DuckDB reading the Parquet columns), and the awk pipeline a user would
// write instead.
import { join } from 'node:path';

const MAIN = new URL('../../', import.meta.url).pathname;
const CLI = join(MAIN, 'dist/cli/main.js');
const SCRIPTS = new URL('../scripts/', import.meta.url).pathname;

/**
 * Each command: `id`, the `input` tree it reads, its `role` (`analyze`,
 * `limit` or `awk`), a `label` for tables (and a longer `name` where the
 * label needs the input), the `display` form for the document, and
 * `argv(inputs, { jobs, scratch })` for the run.
 */
export const BENCH_COMMANDS = [
  {
    id: 'analyze-gzip',
    input: 'gzip',
    role: 'analyze',
    label: 'stale-sg analyze',
    name: 'stale-sg analyze on gzip text',
    display:
      'node dist/cli/main.js analyze --inventory DIR/inventory --flow-logs DIR/gzip/flow-logs --format json --out /dev/null',
    argv: (inputs) => analyzeArgv(inputs.inventory, inputs.gzipTree, '/dev/null'),
  },
  {
    id: 'gunzip-limit',
    input: 'gzip',
    role: 'limit',
    label: 'gzip -dc, all cores (limit)',
    display:
      "find DIR/gzip/flow-logs -name '*.gz' -print0 | xargs -0 -P $(nproc) -n 16 gzip -dc > /dev/null",
    argv: (inputs, { jobs }) => [
      'bash',
      '-c',
      `set -o pipefail; find "$1" -name '*.gz' -print0 | xargs -0 -P ${jobs} -n 16 gzip -dc > /dev/null`,
      'gunzip-limit',
      inputs.gzipTree,
    ],
  },
  {
    id: 'awk',
    input: 'gzip',
    role: 'awk',
    label: 'zcat | awk, all cores',
    display: 'bench/scripts/awk-pipeline.sh DIR/gzip/flow-logs $(nproc) OUT',
    argv: (inputs, { jobs, scratch }) => [
      join(SCRIPTS, 'awk-pipeline.sh'),
      inputs.gzipTree,
      String(jobs),
      join(scratch, 'awk-counts.txt'),
    ],
  },
  {
    id: 'analyze-parquet',
    input: 'parquet',
    role: 'analyze',
    label: 'stale-sg analyze',
    name: 'stale-sg analyze on Parquet',
    display:
      'node dist/cli/main.js analyze --inventory DIR/inventory --flow-logs DIR/parquet/flow-logs --format json --out /dev/null',
    argv: (inputs) => analyzeArgv(inputs.inventory, inputs.parquetTree, '/dev/null'),
  },
  {
    id: 'duckdb-limit',
    input: 'parquet',
    role: 'limit',
    label: 'DuckDB reads the columns (limit)',
    display: 'node bench/scripts/read-parquet-columns.mjs DIR/parquet/flow-logs',
    argv: (inputs) => [
      process.execPath,
      join(SCRIPTS, 'read-parquet-columns.mjs'),
      inputs.parquetTree,
    ],
  },
];

/** The argv of `stale-sg analyze` over one tree, writing a JSON report to `out`. */
export function analyzeArgv(inventory, flowLogs, out) {
  return [
    process.execPath,
    CLI,
    'analyze',
    '--inventory',
    inventory,
    '--flow-logs',
    flowLogs,
    '--format',
    'json',
    '--out',
    out,
  ];
}

export const CLI_PATH = CLI;
export const MAIN_DIR = MAIN;
