// The generated section of docs/benchmarks.md, between its markers: what was
// measured, on what, the tables, the chart, and the goals.
import { readFile, writeFile } from 'node:fs/promises';

import { BENCH_COMMANDS } from './bench-commands.mjs';
import { goalsList } from './bench-goals.mjs';
import { formatMiB, formatRecords } from './bench-stats.mjs';
import {
  checksList,
  inputsTable,
  ratiosTable,
  resultsTable,
  scalingTable,
} from './bench-tables.mjs';

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';
/** The sizes the issue asks about; those not run are named in the section. */
const ISSUE_SIZES = [1e6, 4e6, 16e6, 100e6];

/** Replaces the section between the markers, or appends one with them. */
export async function writeBenchSection(docPath, results, chartLink) {
  const doc = await readFile(docPath, 'utf8');
  const section = `${START}\n\n${benchSection(results, chartLink, rerunFigure(doc), memoryAnchor(doc))}\n\n${END}`;
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  const updated =
    start >= 0 && end > start
      ? doc.slice(0, start) + section + doc.slice(end + END.length)
      : `${doc.trimEnd()}\n\n## Analyze against its limits (\`npm run bench\`)\n\n${section}\n`;
  await writeFile(docPath, updated);
}

/**
 * The median rerun time from the table of the scheduled-run benchmark, which
 * bench/rerun-nothing-new.mjs measured; undefined if the doc no longer has it.
 */
export function rerunFigure(doc) {
  const match = /^\| rerun with nothing new[^|]*\| ([\d.]+) s \|$/m.exec(doc);
  return match === null ? undefined : Number(match[1]);
}

/**
 * The anchor of the hand-written section on 100 million records, if the
 * doc has one.
 */
export function memoryAnchor(doc) {
  return /^### 100 M records$/m.test(doc) ? '100-m-records' : undefined;
}

export function benchSection(results, chartLink, rerun, memory) {
  const { machine, sizes, command, startedAt } = results;
  return [
    '<!-- Written by `npm run bench -- --write-doc` (bench/lib/bench-doc.mjs); edit there. -->',
    machineParagraph(machine, startedAt),
    '```sh\n' + command + '\n```',
    inputsParagraph(sizes),
    inputsTable(sizes),
    commandsList(),
    `### Time and memory\n\n${runsPhrase(sizes)}, records per second at that time, and the ` +
      'highest peak memory of the runs (the summed resident set of the process and all its ' +
      'children, sampled every 20 ms).',
    resultsTable(sizes),
    '### Ratios',
    ratiosTable(sizes),
    '### Scaling',
    scalingTable(sizes),
    `![Time and peak memory against the number of records](${chartLink})`,
    '### Against the goals',
    goalsList(sizes, rerun, memory),
    '### Checks\n\nOutside the timed runs, on the same files:',
    checksList(sizes) || '- none run (`--no-check`)',
    notRunParagraph(sizes),
  ].join('\n\n');
}

function runsPhrase(sizes) {
  const runs = sizes[0].measurements['analyze-gzip'].seconds.length;
  return runs === 1 ? 'Time of 1 run' : `Median time of ${runs} runs`;
}

function machineParagraph(machine, startedAt) {
  const gib = (machine.memoryBytes / 2 ** 30).toFixed(0);
  return (
    `Measured ${startedAt.slice(0, 10)} on ${machine.cpu}, ${machine.cores} cores, ${gib} GiB of ` +
    `memory; Node.js ${machine.node.replace(/^v/, '')}, DuckDB ${machine.duckdb} ` +
    `(\`@duckdb/node-api\` ${machine.nodeApi}), ${machine.awk}, ${machine.gzip}; code at ` +
    `${machine.commit}. The load average was ${machine.loadAverage.toFixed(1)} when the run ` +
    'started: other work shared the machine, so treat the times as upper bounds.'
  );
}

function inputsParagraph(sizes) {
  const { seed, days } = sizes[0].inputs;
  return (
    `The inputs are the demo account's traffic scaled up (seed ${seed}, ${days} days, in the S3 ` +
    'key layout), each size written twice with the same records: as gzip text (the ' +
    "demo's three text formats, with header lines, plus a fourth with the Parquet files' " +
    'fields for the VPC the demo logs as Parquet) and as Parquet, one file per flow log and ' +
    'hour (more where an hour has over 100,000 records). They are cached, keyed by size and ' +
    'seed, so reruns skip generating them.'
  );
}

function commandsList() {
  const lines = BENCH_COMMANDS.map((c) => `- ${c.name ?? c.label}: \`${c.display}\``);
  return (
    "The commands, alternated in turn on the same files (DIR is the size's input directory; " +
    'the page cache was warmed first):\n\n' +
    lines.join('\n')
  );
}

function notRunParagraph(sizes) {
  const run = sizes.map((size) => size.inputs.target);
  const missing = ISSUE_SIZES.filter((size) => !run.includes(size));
  if (missing.length === 0) return '';

  const generated = sizes.map(
    ({ inputs }) =>
      `${Math.round(inputs.generationSeconds)} s for ${formatRecords(inputs.records)} records ` +
      `(${formatMiB(inputs.gzipBytes + inputs.parquetBytes)} of disk for both trees)`,
  );
  const all = [...new Set([...run, ...missing])].sort((a, b) => a - b);
  const flags = all.map(sizeFlag).join(',');
  return (
    `### Not run here\n\n${missing.map(formatRecords).join(' and ')} records were not run in ` +
    'this session. Their inputs are generated on the first run, into the cache directory ' +
    `(/tmp/stale-sg-bench unless \`--dir\` says otherwise). Generating the inputs of this run took ${generated.join(' and ')}. ` +
    '`--write-doc` replaces this whole section, so give every size it should show:\n\n' +
    '```sh\nnpm run bench -- --sizes ' +
    flags +
    ' --runs 3 --write-doc\n```'
  );
}

/** A size as `--sizes` takes it: 1M, 200k. */
function sizeFlag(records) {
  return records >= 1e6 ? `${records / 1e6}M` : `${records / 1e3}k`;
}
