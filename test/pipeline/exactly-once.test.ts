import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../src/demo/generate-demo.js';
import { DuckDbStore } from '../../src/store/duckdb-store.js';

const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

interface Totals {
  readonly summary: unknown;
  readonly rules: Record<string, unknown>;
}

let dir: string;
let demo: { inventoryDir: string; flowLogsDir: string };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stale-sg-once-'));
  demo = await generateDemo({ outDir: join(dir, 'demo'), days: 10 });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Starts `stale-sg run`; resolves with its JSON report, or null when killed after `killAfterMs`. */
function run(db: string, killAfterMs?: number): Promise<Totals | null> {
  const args = ['run', '--inventory', demo.inventoryDir, '--flow-logs', demo.flowLogsDir];
  const child = spawn(
    process.execPath,
    [CLI, ...args, '--db', db, '--report-dir', join(dir, 'reports'), '--format', 'json'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer =
    killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);

  return new Promise((resolve, reject) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') return resolve(null);
      if (code !== 0) return reject(new Error(`run exited ${code}: ${stderr}`));
      resolve(totalsOf(JSON.parse(stdout)));
    });
  });
}

function totalsOf(report: {
  summary: unknown;
  rules: {
    ruleId: string;
    hits: number;
    exclusiveHits: number;
    packets: number;
    bytes: number;
    lastSeen: string | null;
  }[];
}): Totals {
  const rules = Object.fromEntries(
    report.rules.map((r) => [r.ruleId, [r.hits, r.exclusiveHits, r.packets, r.bytes, r.lastSeen]]),
  );
  return { summary: report.summary, rules };
}

async function processedCount(db: string): Promise<number> {
  const store = await DuckDbStore.open(db);
  try {
    return (await store.processedSources()).size;
  } finally {
    store.close();
  }
}

describe('stale-sg run, exactly once', () => {
  it('gives the same totals run twice as run once', async () => {
    const db = join(dir, 'twice.duckdb');
    const once = await run(db);
    const twice = await run(db);
    expect(twice).toEqual(once);
  }, 120_000);

  it('loses and duplicates nothing when killed with SIGKILL at any point and run again', async () => {
    const baseline = await run(join(dir, 'baseline.duckdb'));
    const files = await processedCount(join(dir, 'baseline.duckdb'));
    const partial: number[] = [];

    for (const [index, delay] of [500, 1200, 2000, 3000].entries()) {
      const db = join(dir, `killed-${index}.duckdb`);
      const killed = await run(db, delay);
      if (killed === null) partial.push(await processedCount(db));

      expect(await run(db)).toEqual(baseline);
    }

    // The kills must have landed mid-run: some before any batch committed
    // or between batches, so the test exercised recovery, not just reruns.
    expect(partial.some((count) => count > 0 && count < files)).toBe(true);
  }, 300_000);
});
