// Runs a command and measures it from outside: wall time from spawn to exit,
// and the peak resident set of the whole process tree (the command and every
// process it starts), sampled from /proc.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { clearInterval, setInterval } from 'node:timers';

const SAMPLE_MILLISECONDS = 20;
/** Keeps only the end of a command's output, for error messages. */
const OUTPUT_LIMIT = 64 * 1024;

/**
 * Runs `command` with `args`, sampling the summed VmRSS of its process tree
 * every 20 ms. Returns `{ seconds, peakRssBytes, stdout, stderr }`; rejects
 * when the command cannot start or exits with a failure.
 *
 * The sum counts pages shared between processes (libraries) once per
 * process, so a tree of many small processes reads a little high. Processes
 * that live less than 20 ms may be missed.
 */
export function measureProcessTree(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = { stdout: '', stderr: '' };
    child.stdout.on('data', (data) => (output.stdout = keepEnd(output.stdout + data)));
    child.stderr.on('data', (data) => (output.stderr = keepEnd(output.stderr + data)));

    let peakRssBytes = 0;
    const sample = () => {
      if (child.pid !== undefined) peakRssBytes = Math.max(peakRssBytes, treeRssBytes(child.pid));
    };
    sample();
    const sampler = setInterval(sample, SAMPLE_MILLISECONDS);

    let seconds;
    child.on('exit', () => {
      seconds = (performance.now() - started) / 1000;
      clearInterval(sampler);
    });
    child.on('error', (error) => {
      clearInterval(sampler);
      reject(new Error(`cannot run ${command}: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      if (code === 0) return resolve({ seconds, peakRssBytes, ...output });
      const how = signal === null ? `exit code ${code}` : `signal ${signal}`;
      const detail = output.stderr.trim().split('\n').slice(-20).join('\n');
      reject(new Error(`${command} ${args.join(' ')} failed (${how}):\n${detail}`));
    });
  });
}

function keepEnd(text) {
  return text.length > OUTPUT_LIMIT ? text.slice(-OUTPUT_LIMIT) : text;
}

/** Summed VmRSS of a process and its descendants; 0 for processes already gone. */
export function treeRssBytes(rootPid) {
  let bytes = 0;
  const pending = [rootPid];
  while (pending.length > 0) {
    const pid = pending.pop();
    bytes += rssBytes(pid);
    pending.push(...childrenOf(pid));
  }
  return bytes;
}

function rssBytes(pid) {
  const status = readOrEmpty(`/proc/${pid}/status`);
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  return match === null ? 0 : Number(match[1]) * 1024;
}

/**
 * The children of every thread of a process: a child belongs to the thread
 * that forked it, and Node may fork from any of its threads.
 */
function childrenOf(pid) {
  let threads;
  try {
    threads = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  return threads.flatMap((tid) =>
    readOrEmpty(`/proc/${pid}/task/${tid}/children`).split(' ').filter(Boolean).map(Number),
  );
}

function readOrEmpty(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** Whether this kernel lists children in /proc (CONFIG_PROC_CHILDREN), which sampling needs. */
export function canSampleProcessTrees() {
  const threads = readdirSync(`/proc/${process.pid}/task`);
  try {
    readFileSync(`/proc/${process.pid}/task/${threads[0]}/children`);
    return true;
  } catch {
    return false;
  }
}
