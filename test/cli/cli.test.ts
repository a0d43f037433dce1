import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../src/demo/generate-demo.js';
import { validateReport } from '../report/report-validator.js';
import { runCli, type CliRun } from './cli-process.js';

function stale(args: readonly string[]): Promise<CliRun> {
  return runCli(args);
}

/** `stale-sg analyze` over the demo account, with more flags. */
function analyzeDemo(...flags: string[]): Promise<CliRun> {
  return stale([
    'analyze',
    '--inventory',
    demo.inventoryDir,
    '--flow-logs',
    demo.flowLogsDir,
    ...flags,
  ]);
}

let dir: string;
let demo: { inventoryDir: string; flowLogsDir: string };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stale-sg-cli-'));
  demo = await generateDemo({ outDir: join(dir, 'demo') });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('stale-sg analyze', () => {
  it('writes a JSON report that follows the published schema', async () => {
    const run = await analyzeDemo('--format', 'json');

    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(validateReport(report)).toEqual([]);
    expect(report.summary.stale).toBeGreaterThan(0);
    expect(report.summary.used).toBeGreaterThan(0);
  });

  it('prints a table with stale rules first, without colour or progress when not on a terminal', async () => {
    const run = await analyzeDemo();

    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('\u001b');
    expect(run.stderr).toBe('');
    const statuses = run.stdout
      .split('\n')
      .map((line) => /^(used|stale|unobserved|unattached)\s/.exec(line)?.[1])
      .filter((status) => status !== undefined);
    expect(statuses[0]).toBe('stale');
    expect(statuses.lastIndexOf('stale')).toBeLessThan(statuses.indexOf('used'));
  });

  it.each([
    ['csv', /^rule_id,group_id,/],
    ['markdown', /^# /],
  ])('writes %s to --out', async (format, start) => {
    const out = join(dir, `report.${format}`);
    const run = await analyzeDemo('--format', format, '--out', out);

    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(await readFile(out, 'utf8')).toMatch(start);
  });

  it('applies --since, --until and --stale-after', async () => {
    const run = await analyzeDemo(
      '--format',
      'json',
      '--since',
      '2026-11-25',
      '--until',
      '2026-11-26',
      '--stale-after',
      '1',
    );

    const report = JSON.parse(run.stdout);
    expect(report.window).toEqual({
      from: '2026-11-25T00:00:00.000Z',
      to: '2026-11-27T00:00:00.000Z',
    });
  });

  it.each([
    ['no arguments', ['analyze'], /required option '--inventory <dir>'/],
    [
      'an unknown format',
      ['analyze', '--inventory', 'x', '--flow-logs', 'y', '--format', 'xml'],
      /Allowed choices are table, json, csv, markdown, html/,
    ],
    [
      'a bad date',
      ['analyze', '--inventory', 'x', '--flow-logs', 'y', '--since', 'yesterday'],
      /--since expects a date/,
    ],
    [
      'a bad port range',
      ['analyze', '--inventory', 'x', '--flow-logs', 'y', '--ephemeral-ports', '5-1'],
      /port range/,
    ],
    ['an unknown command', ['analyse'], /unknown command/],
    [
      'since after until',
      [
        'analyze',
        '--inventory',
        'x',
        '--flow-logs',
        'y',
        '--since',
        '2026-11-02',
        '--until',
        '2026-11-01',
      ],
      /since must be earlier than until/,
    ],
  ])('exits 2 on wrong usage: %s', async (_, args, message) => {
    const run = await stale(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('gives the same report with a small --memory-limit, spilling to disk', async () => {
    const [bounded, free] = await Promise.all([
      analyzeDemo('--format', 'json', '--memory-limit', '64MB', '--temp-dir', dir),
      analyzeDemo('--format', 'json', '--memory-limit', '4GB'),
    ]);
    expect(bounded.code).toBe(0);
    const rules = (run: CliRun) => (JSON.parse(run.stdout) as { rules: unknown[] }).rules;
    expect(rules(bounded)).toEqual(rules(free));
  });

  it('says which limit ran out, and what to do, when the engine runs out of memory', async () => {
    const run = await analyzeDemo('--format', 'json', '--memory-limit', '4MB', '--temp-dir', dir);

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^stale-sg: the engine needed more than its memory limit \(4MB\) for \d+ flow log files: raise --memory-limit/m,
    );
  });

  it('refuses a --memory-limit that is not a size', async () => {
    const run = await analyzeDemo('--memory-limit', 'lots');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('expected a size such as 512MB or 2GB, found "lots"');
  });

  it('exits 1 and names the path when the inventory directory does not exist', async () => {
    const missing = join(dir, 'no-such-inventory');
    const run = await stale(['analyze', '--inventory', missing, '--flow-logs', demo.flowLogsDir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(missing);
  });

  it('exits 1 and names the file and JSON path of an invalid inventory', async () => {
    const inventory = join(dir, 'bad-inventory');
    await mkdir(inventory);
    await writeFile(
      join(inventory, 'sg.json'),
      JSON.stringify({ SecurityGroups: [{ GroupName: 'web' }] }),
    );

    const run = await stale(['analyze', '--inventory', inventory, '--flow-logs', demo.flowLogsDir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(join(inventory, 'sg.json'));
    expect(run.stderr).toContain('$.SecurityGroups[0].GroupId');
  });

  it('exits 1 in strict mode on a malformed record, naming the file and line', async () => {
    const logs = join(dir, 'strict-logs');
    await mkdir(logs, { recursive: true });
    const log = join(logs, 'bad.log');
    await writeFile(
      log,
      'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n2 1 eni-1 1.2.3.4\n',
    );

    const run = await stale([
      'analyze',
      '--inventory',
      demo.inventoryDir,
      '--flow-logs',
      logs,
      '--strict',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${log}: line 2: malformed flow log record`);
  });

  it('warns on stderr about skipped files and malformed records, and goes on', async () => {
    const logs = join(dir, 'lenient-logs');
    await mkdir(logs, { recursive: true });
    await writeFile(join(logs, 'broken.log.gz'), 'not gzip');

    const run = await stale([
      'analyze',
      '--inventory',
      demo.inventoryDir,
      '--flow-logs',
      logs,
      demo.flowLogsDir,
      '--format',
      'json',
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`skipped ${join(logs, 'broken.log.gz')}`);
    expect(JSON.parse(run.stdout).sources.skipped).toHaveLength(1);
  });
});

describe('stale-sg help', () => {
  it('explains every command and flag', async () => {
    const root = await stale(['--help']);
    expect(root.code).toBe(0);
    expect(root.stdout).toMatch(/analyze/);
    expect(root.stdout).toMatch(/demo/);

    const analyze = await stale(['analyze', '--help']);
    for (const flag of [
      '--inventory',
      '--flow-logs',
      '--format',
      '--out',
      '--since',
      '--until',
      '--stale-after',
      '--ephemeral-ports',
      '--strict',
    ]) {
      expect(analyze.stdout).toContain(flag);
    }
  });

  it('prints the version', async () => {
    const run = await stale(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('stale-sg demo', () => {
  it('generates the sample and prints its analysis', async () => {
    const run = await stale(['demo', '--dir', join(dir, 'demo-cli')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^stale\s+prod-app/m);
    expect(run.stderr).toContain('stale-sg analyze --inventory');
  });
});
