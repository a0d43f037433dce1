// `npm run bench`: stale-sg analyze end to end on gzip text and on Parquet,
// against the limits of its inputs (parallel gzip decompression, DuckDB
// reading the Parquet columns) and against an awk pipeline, at several
// sizes. Prints the tables; --write-doc writes them, with a chart, to
// docs/benchmarks.md. Run with --help for the options.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { delimiter, join, relative } from 'node:path';
import { parseArgs } from 'node:util';

import { CLI_PATH, MAIN_DIR } from './lib/bench-commands.mjs';
import { rerunFigure, writeBenchSection } from './lib/bench-doc.mjs';
import { goalsList } from './lib/bench-goals.mjs';
import { parseSize } from './lib/bench-stats.mjs';
import {
  checksList,
  inputsTable,
  ratiosTable,
  resultsTable,
  scalingTable,
} from './lib/bench-tables.mjs';
import { canSampleProcessTrees } from './lib/measure-process-tree.mjs';

const USAGE = `Usage: npm run bench -- [options]

Times stale-sg analyze on gzip text and Parquet flow logs of the same records,
against parallel gzip decompression, DuckDB reading the Parquet columns, and
a zcat | awk pipeline, at each size; prints the results.

Options:
  --sizes LIST      records per size, comma-separated (default 1M,4M,16M; 100M on request)
  --runs N          runs of each command per size; the median is reported (default 3)
  --dir DIR         where the generated inputs are cached (default /tmp/stale-sg-bench)
  --seed N          the demo generator's seed (default 42)
  --jobs N          parallel processes of the gzip and awk commands (default: the cores, ${availableParallelism()})
  --write-doc       rewrite the generated section of docs/benchmarks.md and
                    docs/images/bench-scaling.png
  --no-build        use dist/ as it is instead of running npm run build first
  --no-check        skip the checks that every command read every record
  --render FILE     measure nothing: print (and with --write-doc write) the results
                    saved in FILE by an earlier run
  --chromium PATH   the Chromium that draws the chart (default /usr/bin/chromium)
  -h, --help        show this help

Example: npm run bench -- --sizes 200k --runs 1`;

const OPTIONS = {
  sizes: { type: 'string', default: '1M,4M,16M' },
  runs: { type: 'string', default: '3' },
  dir: { type: 'string', default: '/tmp/stale-sg-bench' },
  seed: { type: 'string', default: '42' },
  jobs: { type: 'string', default: String(availableParallelism()) },
  'write-doc': { type: 'boolean', default: false },
  build: { type: 'boolean', default: true },
  check: { type: 'boolean', default: true },
  render: { type: 'string' },
  chromium: { type: 'string', default: '/usr/bin/chromium' },
  help: { type: 'boolean', short: 'h', default: false },
};

/** Tools the commands run; awk, gzip and xargs are the ones a missing package would remove. */
const TOOLS = ['bash', 'find', 'xargs', 'gzip', 'zcat', 'awk', 'split', 'cat'];
const DOC = join(MAIN_DIR, 'docs/benchmarks.md');
const CHART = join(MAIN_DIR, 'docs/images/bench-scaling.png');

class UsageError extends Error {}

try {
  await main(process.argv.slice(2));
} catch (error) {
  console.error(`bench: ${error.message}`);
  if (error instanceof UsageError) console.error('(run with --help for usage)');
  process.exitCode = error instanceof UsageError ? 2 : 1;
}

async function main(argv) {
  const options = parseOptions(argv);
  if (options.help) return console.log(USAGE);

  const results =
    options.render === undefined
      ? await measure(options, commandLine(argv))
      : JSON.parse(await readFile(options.render, 'utf8'));
  await printResults(results);

  if (options.writeDoc) {
    const { scalingChartSvg, writeChartPng } = await import('./lib/scaling-chart.mjs');
    await writeChartPng(scalingChartSvg(results.sizes), CHART, options.chromium);
    await writeBenchSection(DOC, results, relative(join(MAIN_DIR, 'docs'), CHART));
    console.error(`wrote ${relative(MAIN_DIR, DOC)} and ${relative(MAIN_DIR, CHART)}`);
  }
}

function parseOptions(argv) {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, allowNegative: true }));
  } catch (error) {
    throw new UsageError(error.message);
  }
  const count = (name, min = 1) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min) {
      throw new UsageError(
        `--${name}: expected a whole number of ${min} or more, found "${values[name]}"`,
      );
    }
    return n;
  };

  let sizes;
  try {
    sizes = values.sizes.split(',').map(parseSize);
  } catch (error) {
    throw new UsageError(error.message);
  }
  return {
    sizes,
    runs: count('runs'),
    seed: count('seed', 0),
    jobs: count('jobs'),
    dir: values.dir,
    writeDoc: values['write-doc'],
    build: values.build,
    check: values.check,
    render: values.render,
    chromium: values.chromium,
    help: values.help,
  };
}

/** The command as the user typed it, for the document. */
function commandLine(argv) {
  const args = argv.map((arg) => (/^[\w,./=-]+$/.test(arg) ? arg : `'${arg}'`)).join(' ');
  if (process.env.npm_lifecycle_event === 'bench') {
    return args === '' ? 'npm run bench' : `npm run bench -- ${args}`;
  }
  return `node bench/run-bench.mjs ${args}`.trim();
}

async function measure(options, command) {
  checkEnvironment(options);
  prepareDist(options.build);

  // Imported only now: the input generator loads the demo from dist/.
  const { measureSize } = await import('./lib/measure-size.mjs');
  const { machineInfo } = await import('./lib/machine-info.mjs');
  const machine = await machineInfo();
  const startedAt = new Date().toISOString();
  await mkdir(options.dir, { recursive: true });

  const sizes = [];
  for (const records of options.sizes) {
    const log = (message) => console.error(`[bench ${records.toLocaleString('en')}] ${message}`);
    sizes.push(await measureSize({ ...options, records, log }));
  }

  const results = { command, startedAt, machine, jobs: options.jobs, sizes };
  const saved = join(options.dir, `results-${startedAt.replaceAll(':', '-')}.json`);
  await writeFile(saved, `${JSON.stringify(results, null, 2)}\n`);
  console.error(`saved the raw results to ${saved} (--render ${saved} prints them again)`);
  return results;
}

function checkEnvironment(options) {
  const missing = TOOLS.filter((tool) => !onPath(tool));
  if (missing.length > 0) {
    throw new Error(`${missing.join(', ')} not found on PATH; the comparison commands need them`);
  }
  if (!canSampleProcessTrees()) {
    throw new Error(
      '/proc/<pid>/task/<tid>/children is missing (a Linux kernel with CONFIG_PROC_CHILDREN is ' +
        'needed to measure the memory of process trees)',
    );
  }
  if (options.writeDoc && !existsSync(options.chromium)) {
    throw new Error(
      `${options.chromium}: no Chromium there to draw the chart; give --chromium PATH`,
    );
  }
}

function onPath(tool) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, tool), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Builds dist/ from src/ (the figures then measure the working tree), or checks that it exists. */
function prepareDist(build) {
  if (build) {
    console.error('[bench] npm run build');
    const result = spawnSync('npm', ['run', 'build'], {
      cwd: MAIN_DIR,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (result.status !== 0)
      throw new Error('npm run build failed; fix the build or pass --no-build');
  }
  if (!existsSync(CLI_PATH)) {
    throw new Error(`${relative(MAIN_DIR, CLI_PATH)} not found; run npm run build first`);
  }
}

async function printResults({ sizes }) {
  const rerun = rerunFigure(await readFile(DOC, 'utf8'));
  const sections = [
    ['Inputs', inputsTable(sizes)],
    ['Time and memory', resultsTable(sizes)],
    ['Ratios', ratiosTable(sizes)],
    ['Scaling', scalingTable(sizes)],
    ['Against the goals', goalsList(sizes, rerun)],
    ['Checks', checksList(sizes) || '(none run)'],
  ];
  for (const [title, body] of sections) console.log(`\n## ${title}\n\n${body}`);
}
