// Times `stale-sg run` when nothing is new, over a store that has processed
// 10,000 files: the cost of a scheduled run between flow log deliveries.
// Usage: npm run build && node bench/rerun-nothing-new.mjs [files]
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemo } from '../dist/demo/generate-demo.js';

const FILES = Number(process.argv[2] ?? 10_000);
const PER_DIRECTORY = 100;
const CLI = new URL('../dist/cli/main.js', import.meta.url).pathname;

const dir = await mkdtemp(join(tmpdir(), 'stale-sg-rerun-'));
try {
  const demo = await generateDemo({ outDir: join(dir, 'demo'), days: 1 });
  const sample = await firstLogFile(demo.flowLogsDir);

  const logs = join(dir, 'logs');
  for (let i = 0; i < FILES; i++) {
    const day = join(logs, String(Math.floor(i / PER_DIRECTORY)).padStart(4, '0'));
    if (i % PER_DIRECTORY === 0) await mkdir(day, { recursive: true });
    await copyFile(sample, join(day, `${String(i).padStart(5, '0')}.log.gz`));
  }

  const args = [
    'run',
    '--inventory',
    demo.inventoryDir,
    '--flow-logs',
    logs,
    '--db',
    join(dir, 's.duckdb'),
    '--report-dir',
    join(dir, 'reports'),
  ];
  const first = time(() => execFileSync(process.execPath, [CLI, ...args], { stdio: 'ignore' }));
  console.log(`first run, ${FILES} files: ${first.toFixed(2)} s`);

  const reruns = [0, 1, 2].map(() =>
    time(() => execFileSync(process.execPath, [CLI, ...args], { stdio: 'ignore' })),
  );
  reruns.sort((a, b) => a - b);
  console.log(`rerun with nothing new (median of 3): ${reruns[1].toFixed(2)} s`);
} finally {
  await rm(dir, { recursive: true, force: true });
}

function time(work) {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

async function firstLogFile(root) {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const file = entries.find((e) => e.isFile() && e.name.endsWith('.log.gz'));
  return join(file.parentPath, file.name);
}
