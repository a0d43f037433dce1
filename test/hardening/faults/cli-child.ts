import { spawn } from 'node:child_process';
import { CLI } from '../../cli/cli-process.js';

/** The steps `run --verbose` prints to stderr, as `stale-sg: <step>[ batch i/n (k files)]`. */
export type Step = 'inventory' | 'ingest' | 'merge' | 'report' | 'notify';

export interface StepLine {
  readonly step: Step;
  /** For ingest and merge: which batch, of how many. */
  readonly batch: number | null;
  readonly batches: number | null;
  /** Files of that batch. */
  readonly files: number | null;
}

export interface CliExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A `stale-sg` child process, watched line by line. */
export interface CliChild {
  /** The steps it has printed so far, in order. */
  readonly steps: readonly StepLine[];
  /** Resolves with the first step (printed or to come) that matches, or null if it exits first. */
  waitForStep(matches: (step: StepLine) => boolean): Promise<StepLine | null>;
  /** SIGKILL: no handler runs, nothing is flushed or closed. */
  kill(): void;
  readonly exit: Promise<CliExit>;
}

export interface CliChildOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** A command the CLI runs under, such as `unshare --mount ...`; the CLI's command follows it. */
  readonly wrapper?: readonly string[];
}

const STEP_LINE =
  /^stale-sg: (inventory|ingest|merge|report|notify)(?: batch (\d+)\/(\d+) \((\d+) files\))?/;

/** Starts the built CLI (`dist/cli/main.js`) with `args`. */
export function startCli(args: readonly string[], options: CliChildOptions = {}): CliChild {
  const [program, ...rest] = [...(options.wrapper ?? []), process.execPath, CLI, ...args];
  const child = spawn(program ?? process.execPath, rest, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  const steps: StepLine[] = [];
  const waiting: { matches: (step: StepLine) => boolean; resolve: (s: StepLine | null) => void }[] =
    [];
  let stdout = '';
  let stderr = '';
  let partial = '';

  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const step = stepOf(line);
      if (step === null) continue;
      steps.push(step);
      for (const waiter of waiting.filter((w) => w.matches(step))) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.resolve(step);
      }
    }
  });

  const exit = new Promise<CliExit>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      for (const waiter of waiting.splice(0)) waiter.resolve(null);
      resolve({ code, signal, stdout, stderr });
    });
  });

  return {
    steps,
    exit,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
    waitForStep: (matches) => {
      const seen = steps.find(matches);
      if (seen !== undefined) return Promise.resolve(seen);
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(null);
      return new Promise((resolve) => waiting.push({ matches, resolve }));
    },
  };
}

/** Runs the CLI to its end. */
export function runCliTo(args: readonly string[], options: CliChildOptions = {}): Promise<CliExit> {
  return startCli(args, options).exit;
}

function stepOf(line: string): StepLine | null {
  const match = STEP_LINE.exec(line);
  if (match === null) return null;
  return {
    step: match[1] as Step,
    batch: match[2] === undefined ? null : Number(match[2]),
    batches: match[3] === undefined ? null : Number(match[3]),
    files: match[4] === undefined ? null : Number(match[4]),
  };
}
