import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../src/demo/generate-demo.js';
import { runCli, type CliRun } from './cli-process.js';

function stale(args: readonly string[], cwd: string): Promise<CliRun> {
  return runCli(args, { cwd });
}

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stale-sg-run-cli-'));
  await generateDemo({ outDir: join(dir, 'demo'), days: 3 });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('stale-sg run, report and remediate', () => {
  it('runs from a config file in the current directory, writes reports, then reports from the store', async () => {
    await writeFile(
      join(dir, 'stale-sg.config.yaml'),
      'inventory: demo/inventory\nflowLogs: [demo/flow-logs]\nformats: [json, markdown]\n',
    );

    const run = await stale(['run', '--format', 'json'], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/new files/);
    const fromRun = JSON.parse(run.stdout);
    expect(Object.keys(fromRun.findings)).toContain('stale');
    expect(await readdir(join(dir, '.stale-sg', 'reports'))).toEqual([
      'stale-sg-report.json',
      'stale-sg-report.md',
    ]);

    const again = await stale(['run', '--format', 'json'], dir);
    expect(again.stderr).toMatch(/0 new files/);
    expect(JSON.parse(again.stdout).rules).toEqual(fromRun.rules);

    const report = await stale(['report', '--format', 'json'], dir);
    expect(report.code).toBe(0);
    expect(JSON.parse(report.stdout).rules).toEqual(fromRun.rules);
  });

  it('writes a revoke script, a backup and a restore script, and never calls AWS', async () => {
    const out = join(dir, 'remediation');
    const run = await stale(
      ['remediate', '--findings', 'stale', 'redundant', '--out-dir', out],
      dir,
    );
    expect(run.code).toBe(0);

    const files = (await readdir(out)).sort();
    expect(files.map((f) => f.replace(/-\d{4}-.*$/, ''))).toEqual(['backup', 'restore', 'revoke']);
    const revoke = await readFile(join(out, files[2] ?? ''), 'utf8');
    expect(revoke).toMatch(
      /^aws ec2 revoke-security-group-ingress --group-id 'sg-[0-9a-f]+' --security-group-rule-ids 'sgr-/m,
    );
    expect(revoke).toContain('REVIEW BEFORE RUNNING');
  });

  it.each([
    [
      'report without a store',
      ['report', '--db', 'missing.duckdb'],
      1,
      /no store at missing\.duckdb/,
    ],
    [
      'remediate with an unknown finding',
      ['remediate', '--findings', 'risky'],
      2,
      /--findings: expected/,
    ],
    ['run without inputs', ['run', '--config', 'none.json'], 1, /none\.json/],
  ])('%s exits %i', async (_, args, code, message) => {
    const run = await stale(args, dir);
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(message);
  });
});
