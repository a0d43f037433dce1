import { appendFile, cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../src/demo/generate-demo.js';
import { parseRunConfig } from '../../src/pipeline/run-config.js';
import { runPipeline, type RunResult } from '../../src/pipeline/run-pipeline.js';

let dir: string;
let demo: { inventoryDir: string; flowLogsDir: string };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stale-sg-run-'));
  demo = await generateDemo({ outDir: join(dir, 'demo'), days: 4 });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function hitsOf(result: RunResult): Record<string, [number, number]> {
  return Object.fromEntries(result.report.rules.map((r) => [r.ruleId, [r.hits, r.exclusiveHits]]));
}

/** The day directories of the demo's flow logs, oldest first. */
async function dayDirectories(): Promise<string[]> {
  const found: string[] = [];
  const walk = async (path: string): Promise<void> => {
    const entries = await readdir(path, { withFileTypes: true });
    if (entries.some((e) => e.isFile())) found.push(path);
    for (const e of entries) if (e.isDirectory()) await walk(join(path, e.name));
  };
  await walk(demo.flowLogsDir);
  return found.sort();
}

describe('runPipeline', () => {
  it('adds exactly the usage of files that arrive later', async () => {
    const whole = await runPipeline({
      inventory: { dir: demo.inventoryDir },
      flowLogs: [demo.flowLogsDir],
      dbPath: join(dir, 'whole.duckdb'),
    });

    const days = await dayDirectories();
    const growing = join(dir, 'growing');
    const db = join(dir, 'growing.duckdb');
    for (const day of days.slice(0, 2))
      await cp(day, join(growing, day.slice(demo.flowLogsDir.length)), { recursive: true });
    const first = await runPipeline({
      inventory: { dir: demo.inventoryDir },
      flowLogs: [growing],
      dbPath: db,
    });

    for (const day of days.slice(2))
      await cp(day, join(growing, day.slice(demo.flowLogsDir.length)), { recursive: true });
    const second = await runPipeline({
      inventory: { dir: demo.inventoryDir },
      flowLogs: [growing],
      dbPath: db,
    });

    expect(second.unchangedFiles).toBe(first.newFiles);
    expect(first.newFiles + second.newFiles).toBe(whole.newFiles);
    expect(second.records + first.records).toBe(whole.records);
    expect(hitsOf(second)).toEqual(hitsOf(whole));
    expect(second.report.summary).toEqual(whole.report.summary);
  });

  it('reports a processed file that changed, and does not count it again', async () => {
    const logs = join(dir, 'changing');
    await cp(demo.flowLogsDir, logs, { recursive: true });
    const db = join(dir, 'changing.duckdb');
    const before = await runPipeline({
      inventory: { dir: demo.inventoryDir },
      flowLogs: [logs],
      dbPath: db,
    });

    const [day] = await dayDirectories();
    const name = (await readdir(join(logs, (day ?? '').slice(demo.flowLogsDir.length)))).find((n) =>
      n.endsWith('.log.gz'),
    );
    const changed = join(logs, (day ?? '').slice(demo.flowLogsDir.length), name ?? '');
    await appendFile(changed, Buffer.from([0]));

    const after = await runPipeline({
      inventory: { dir: demo.inventoryDir },
      flowLogs: [logs],
      dbPath: db,
    });
    expect(after.changedFiles).toEqual([changed]);
    expect(after.newFiles).toBe(0);
    expect(after.report.warnings).toContain(
      `${changed} has changed since it was processed; it is not counted again`,
    );
    expect(hitsOf(after)).toEqual(hitsOf(before));
  });

  it('keeps reading files that could not be read, without recording them', async () => {
    const logs = join(dir, 'broken');
    await mkdir(logs, { recursive: true });
    await writeFile(join(logs, 'bad.log.gz'), 'not gzip');
    const db = join(dir, 'broken.duckdb');

    const first = await runPipeline({
      inventory: { dir: demo.inventoryDir },
      flowLogs: [logs],
      dbPath: db,
    });
    const second = await runPipeline({
      inventory: { dir: demo.inventoryDir },
      flowLogs: [logs],
      dbPath: db,
    });
    expect(first.skipped.map((s) => s.path)).toEqual([join(logs, 'bad.log.gz')]);
    expect(second.skipped.map((s) => s.path)).toEqual([join(logs, 'bad.log.gz')]);
  });

  it('produces findings with their evidence', async () => {
    const result = await runPipeline({
      inventory: { dir: demo.inventoryDir },
      flowLogs: [demo.flowLogsDir],
      dbPath: join(dir, 'findings.duckdb'),
    });
    const { findings } = result.report;

    expect(findings.stale.map((f) => f.groupName)).toContain('prod-app');
    expect(findings.unattached.map((f) => f.groupName)).toContain('legacy-jenkins');
    expect(findings.redundant.length).toBeGreaterThan(0);
    expect(findings.risky.length).toBeGreaterThan(0);
    expect(result.report.daily.length).toBeGreaterThan(0);
  });
});

describe('retention', () => {
  it('prunes old history and never counts a file again after its record is pruned', async () => {
    const db = join(dir, 'retention.duckdb');
    const options = {
      inventory: { dir: demo.inventoryDir },
      flowLogs: [demo.flowLogsDir],
      dbPath: db,
    };
    const first = await runPipeline({ ...options, now: new Date('2026-11-30T12:00:00Z') });

    // Ten days later with 5 days of retention: the processed-file records are
    // pruned, so the files are read again, but their records are older than
    // the horizon and add nothing.
    const now = new Date('2026-12-10T12:00:00Z');
    const pruning = await runPipeline({ ...options, retainDays: 5, now });
    expect(pruning.newFiles).toBe(0);

    const later = await runPipeline({ ...options, retainDays: 5, now });
    expect(later.newFiles).toBe(first.newFiles);
    expect(later.records).toBe(0);
    expect(hitsOf(later)).toEqual(hitsOf(first));
    expect(later.report.daily).toEqual([]);
  });
});

describe('the run configuration', () => {
  it('reads JSON and YAML, resolving paths against the file', () => {
    const json = parseRunConfig(
      '/etc/stale-sg/stale-sg.config.json',
      JSON.stringify({
        inventory: 'inv',
        flowLogs: ['logs', 's3://bucket/AWSLogs/'],
        staleAfter: 45,
        formats: ['json', 'csv'],
      }),
    );
    expect(json).toEqual({
      inventory: '/etc/stale-sg/inv',
      flowLogs: ['/etc/stale-sg/logs', 's3://bucket/AWSLogs/'],
      staleAfter: 45,
      formats: ['json', 'csv'],
    });

    const yaml = parseRunConfig(
      '/srv/stale-sg.config.yaml',
      'inventory: /data/inventory\nflowLogs: /data/logs\nephemeralPorts: 1024-65535\nretainDays: 400\n',
    );
    expect(yaml).toEqual({
      inventory: '/data/inventory',
      flowLogs: ['/data/logs'],
      ephemeralPorts: { from: 1024, to: 65535 },
      retainDays: 400,
    });
  });

  it.each([
    ['an unknown key', '{"inventroy": "x"}', /\$\.inventroy: unknown setting/],
    [
      'a negative number',
      '{"staleAfter": -1}',
      /\$\.staleAfter: expected a number, 0 or more, found -1/,
    ],
    [
      'a bad format',
      '{"formats": ["pdf"]}',
      /\$\.formats\[0\]: expected one of table, json, csv, markdown, html/,
    ],
    ['a bad port range', '{"ephemeralPorts": "9-1"}', /\$\.ephemeralPorts: expected a port range/],
    ['not JSON', '{inventory:', /not valid JSON/],
    ['not an object', '[1]', /\$: expected an object of settings/],
  ])('rejects %s, naming the file and key', (_, text, message) => {
    expect(() => parseRunConfig('conf/stale-sg.config.json', text)).toThrow(message);
    expect(() => parseRunConfig('conf/stale-sg.config.json', text)).toThrow(
      /^conf\/stale-sg\.config\.json: /,
    );
  });
});
