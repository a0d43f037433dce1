import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CLI } from '../../cli/cli-process.js';

export interface MeasuredRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The child's peak resident set size, in bytes. */
  readonly peakRss: number;
  /** True when the child passed `killAbove` and was stopped. */
  readonly killed: boolean;
}

/**
 * The child reports its own peak RSS (getrusage, which counts DuckDB's
 * native memory too) when it exits, so that no late peak goes unseen.
 */
const REPORT_PEAK = [
  'import { writeFileSync } from "node:fs";',
  'process.on("exit", () => writeFileSync(process.env.STALE_SG_PEAK_RSS_FILE,',
  ' String(process.resourceUsage().maxRSS * 1024)));',
].join('');

const POLL_MS = 100;

/**
 * Runs the built CLI and measures its peak resident memory. While it runs,
 * `VmHWM` in `/proc/<pid>/status` is sampled, and a child that passes
 * `killAbove` bytes is killed there, before it can exhaust the machine.
 */
export async function runCliMeasuringMemory(
  args: readonly string[],
  options: { readonly killAbove: number },
): Promise<MeasuredRun> {
  const peakFile = join(tmpdir(), `stale-sg-peak-${process.pid}-${Date.now()}.txt`);
  const child = spawn(
    process.execPath,
    [`--import=data:text/javascript,${REPORT_PEAK}`, CLI, ...args],
    { env: { ...process.env, STALE_SG_PEAK_RSS_FILE: peakFile } },
  );

  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  let sampled = 0;
  let killed = false;
  const timer = setInterval(() => {
    void highWaterMark(child.pid).then((bytes) => {
      sampled = Math.max(sampled, bytes);
      if (sampled > options.killAbove && !killed) killed = child.kill('SIGKILL');
    });
  }, POLL_MS);

  try {
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const reported = Number(await readFile(peakFile, 'utf8').catch(() => '0'));
    return { code, stdout, stderr, peakRss: Math.max(sampled, reported), killed };
  } finally {
    clearInterval(timer);
    await rm(peakFile, { force: true });
  }
}

/** `VmHWM` of a running process in bytes; 0 once it has gone. */
async function highWaterMark(pid: number | undefined): Promise<number> {
  if (pid === undefined) return 0;
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kib = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
  return kib === undefined ? 0 : Number(kib) * 1024;
}
