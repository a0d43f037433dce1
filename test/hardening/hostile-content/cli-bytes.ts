import { execFile } from 'node:child_process';

import { CLI } from '../../cli/cli-process.js';

export interface CliBytes {
  readonly code: number;
  /** Exactly the bytes the process wrote, undecoded. */
  readonly stdout: Buffer;
  readonly stderr: Buffer;
}

/**
 * Runs the built `stale-sg` like `runCli` (test/cli/cli-process.ts), but
 * keeps its output as bytes: decoding it first would turn a stray byte into
 * U+FFFD and hide what a terminal would have received.
 */
export function runCliBytes(
  args: readonly string[],
  options: { readonly cwd?: string; readonly env?: NodeJS.ProcessEnv } = {},
): Promise<CliBytes> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      {
        cwd: options.cwd,
        env: { ...process.env, ...options.env },
        encoding: 'buffer',
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
