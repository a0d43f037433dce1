/**
 * The corpus of bad flow logs (`input-corpus/flow-log-cases.ts`, files in
 * `test/fixtures/bad-inputs/flow-logs/`): for each, the exact outcome. A bad
 * record never stops an analysis: it is skipped and counted, and the good
 * records beside it still count; a file that cannot be read is skipped and
 * named. `--strict` turns either into an error that names the file (and the
 * line), with exit code 1.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { analyze } from '../../src/analyze.js';
import type { Report } from '../../src/report/report.js';
import { runCli } from '../cli/cli-process.js';
import { FLOW_LOG_FIXTURES, GOOD_INVENTORY, flowLogFixture } from './input-corpus/corpus-paths.js';
import { FLOW_LOG_CASES, casePath, type FlowLogOutcome } from './input-corpus/flow-log-cases.js';
import { HEADER, lines, record } from './input-corpus/flow-log-text.js';
import { writeLongLineFile } from './input-corpus/long-line-file.js';
import { runCliMeasuringMemory } from './input-corpus/peak-rss.js';
import { useTempDirs } from './input-corpus/temp-dirs.js';

const tempDir = useTempDirs('stale-sg-bad-flow-logs-');

/** A good file beside every bad one: its one record must always count. */
async function companion(dir: string): Promise<string> {
  const path = join(dir, 'companion.log');
  await writeFile(path, lines(HEADER, record()));
  return path;
}

function analyzeFiles(paths: readonly string[], dir: string, strict = false): Promise<Report> {
  return analyze({ inventory: { dir: GOOD_INVENTORY }, flowLogs: paths, strict, tempDir: dir });
}

/** The well-formed and the malformed records a file adds to the report. */
function countsOf(outcome: FlowLogOutcome): { records: number; malformed: number } {
  if (outcome.kind === 'skipped') return { records: 0, malformed: 0 };
  return {
    records: outcome.records,
    malformed: outcome.kind === 'counted' ? outcome.malformed : 0,
  };
}

function expectReason(actual: string | undefined, reason: string | RegExp): void {
  if (typeof reason === 'string') expect(actual).toBe(reason);
  else expect(actual).toMatch(reason);
}

describe('a bad flow log file', () => {
  it.concurrent.each(FLOW_LOG_CASES)('$name: $outcome.kind', async ({ input, outcome }) => {
    const dir = await tempDir();
    const path = await casePath(input, dir);
    const files = [path, await companion(dir)];

    const report = await analyzeFiles(files, dir);
    const { records, malformed } = countsOf(outcome);
    expect(report.summary).toMatchObject({
      records: records + 1,
      acceptedRecords: records + 1,
      malformedRecords: malformed,
    });
    const skipped = outcome.kind === 'skipped' ? [path] : [];
    expect(report.sources.skipped.map((source) => source.path)).toEqual(skipped);
    if (outcome.kind === 'skipped') expectReason(report.sources.skipped[0]?.reason, outcome.reason);

    const strict = await analyzeFiles(files, dir, true).catch((error: unknown) => error);
    if (outcome.kind === 'read') {
      expect(strict).toMatchObject({ summary: report.summary });
      return;
    }
    expect(strict).toMatchObject({ name: 'StaleSgError', code: 'INVALID_FLOW_LOG' });
    const message = (strict as Error).message;
    if (outcome.kind === 'counted') {
      expect(message).toBe(`${path}: line ${outcome.strictLine}: malformed flow log record`);
    } else {
      expect(message.startsWith(`${path}: `), message).toBe(true);
      expectReason(message.slice(path.length + 2), outcome.reason);
    }
  });

  it('attributes IPv6 in srcaddr and in pkt-srcaddr to the IPv6 rule only', async () => {
    const dir = await tempDir();
    const report = await analyzeFiles(
      [flowLogFixture('ipv6-addresses.log'), flowLogFixture('pkt-addresses.log')],
      dir,
    );

    const hits = Object.fromEntries(report.rules.map((rule) => [rule.peer.value, rule.hits]));
    expect(hits).toEqual({ '::/0': 3, '0.0.0.0/0': 2 });
  });
});

describe('the CLI over the whole corpus', () => {
  it('reads every file it can, names each skipped one, and counts every bad record', async () => {
    const dir = await tempDir();
    const generated = join(dir, 'generated');
    await mkdir(generated);
    const cases = await Promise.all(
      FLOW_LOG_CASES.map(async ({ input, outcome }) => ({
        path: await casePath(input, generated),
        outcome,
      })),
    );

    const out = join(dir, 'report.json');
    const run = await runCli([
      'analyze',
      ...['--inventory', GOOD_INVENTORY, '--flow-logs', FLOW_LOG_FIXTURES, generated],
      ...['--format', 'json', '--out', out, '--temp-dir', dir],
    ]);
    expect(run.stderr).not.toMatch(/^stale-sg:/m);
    expect(run.code).toBe(0);

    const counts = cases.map(({ outcome }) => countsOf(outcome));
    const records = counts.reduce((sum, count) => sum + count.records, 0);
    const malformed = counts.reduce((sum, count) => sum + count.malformed, 0);
    const report = JSON.parse(await readFile(out, 'utf8')) as Report;
    expect(report.summary).toMatchObject({
      records,
      acceptedRecords: records,
      malformedRecords: malformed,
    });
    expect(report.sources.files).toBe(cases.length);

    const skipped = cases.filter(({ outcome }) => outcome.kind === 'skipped');
    expect(report.sources.skipped.map((source) => source.path).sort()).toEqual(
      skipped.map(({ path }) => path).sort(),
    );
    for (const source of report.sources.skipped) {
      expect(run.stderr).toContain(`warning: skipped ${source.path}: ${source.reason}\n`);
    }
    expect(run.stderr).toContain(`warning: skipped ${malformed} malformed flow log records\n`);
  });

  it('with --strict, exits 1 and names the file and line of the first bad record', async () => {
    const path = flowLogFixture('reversed-times.log');
    const run = await runCli([
      'analyze',
      ...['--inventory', GOOD_INVENTORY, '--flow-logs', path, '--strict'],
    ]);

    expect(run).toMatchObject({
      code: 1,
      stdout: '',
      stderr: `stale-sg: ${path}: line 3: malformed flow log record\n`,
    });
  });
});

/**
 * A line of hundreds of MiB without a line end, after two good records: the
 * CLI runs as a child whose peak memory is measured. 200 MiB by default, to
 * keep the suite quick and its temporary file small; STALE_SG_FULL_FAULTS=1
 * makes it 1 GiB.
 */
const FULL = process.env['STALE_SG_FULL_FAULTS'] === '1';
const LONG_LINE_BYTES = FULL ? 1024 ** 3 : 200 * 1024 ** 2;
const LONG_LINE_LABEL = FULL ? '1 GiB' : '200 MiB';

/** The bound on peak RSS; a child that passes it is killed on the spot. */
const MEMORY_CEILING = 1024 ** 3;
/** How far the peak may rise above that of the same run over the two records alone. */
const ABOVE_BASELINE = 128 * 1024 ** 2;

describe(`a line of ${LONG_LINE_LABEL} without a line end`, () => {
  async function analyzeMeasured(path: string, dir: string) {
    const run = await runCliMeasuringMemory(
      [
        'analyze',
        ...['--inventory', GOOD_INVENTORY, '--flow-logs', path],
        ...['--format', 'json', '--temp-dir', dir],
      ],
      { killAbove: MEMORY_CEILING },
    );
    expect(run.killed, `peak RSS passed ${MEMORY_CEILING} bytes`).toBe(false);
    expect(run.stderr).not.toMatch(/^stale-sg:/m);
    expect(run.code).toBe(0);
    return { ...run, report: JSON.parse(run.stdout) as Report };
  }

  it.each([
    ['plain text', false],
    ['gzip', true],
  ])(
    'in %s, is counted as one malformed record in bounded memory',
    async (_, gzip) => {
      const dir = await tempDir();
      const prefix = lines(HEADER, record(), record());
      const small = join(dir, 'small.log');
      await writeFile(small, prefix);
      const baseline = await analyzeMeasured(small, dir);

      const path = join(dir, gzip ? 'long-line.log.gz' : 'long-line.log');
      await writeLongLineFile(path, { prefix, bytes: LONG_LINE_BYTES, gzip });
      const run = await analyzeMeasured(path, dir).finally(() => rm(path));

      expect(run.report.summary).toMatchObject({ records: 2, malformedRecords: 1 });
      expect(run.stderr).toContain('warning: skipped 1 malformed flow log records\n');
      console.log(
        `${LONG_LINE_LABEL} line (${gzip ? 'gzip' : 'plain'}): peak RSS ` +
          `${mebibytes(run.peakRss)} MiB, ${mebibytes(baseline.peakRss)} MiB for two records`,
      );
      expect(run.peakRss).toBeLessThan(MEMORY_CEILING);
      expect(run.peakRss).toBeLessThan(baseline.peakRss + ABOVE_BASELINE);
    },
    FULL ? 300_000 : 60_000,
  );
});

function mebibytes(bytes: number): number {
  return Math.round(bytes / 1024 ** 2);
}
