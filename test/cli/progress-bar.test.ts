import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { progressBar } from '../../src/cli/progress-bar.js';
import { generateDemo } from '../../src/demo/generate-demo.js';
import { CLI, runCli } from './cli-process.js';

/** A stream that records what is written to it, as a terminal or not. */
function recordingStream(isTTY: boolean): { stream: NodeJS.WriteStream; written: string[] } {
  const written: string[] = [];
  const stream = {
    isTTY,
    write: (text: string) => written.push(text),
  } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

/**
 * Runs `stale-sg` with its output on a pseudo-terminal (util-linux `script`),
 * as a user at a shell sees it; resolves with everything the terminal got.
 */
function runOnTerminal(args: readonly string[], cwd: string): Promise<string> {
  const command = [process.execPath, CLI, ...args].map((arg) => `'${arg}'`).join(' ');
  return new Promise((resolve, reject) => {
    execFile(
      'script',
      ['--quiet', '--return', '--command', command, '/dev/null'],
      { cwd, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout) => (error === null ? resolve(stdout) : reject(error)),
    );
  });
}

/** The states a progress bar drew, one per redraw. */
function barsIn(output: string): string[] {
  return output.split('\r').filter((part) => part.startsWith('['));
}

describe('progressBar', () => {
  it('draws files and bytes done, the rate and the time left on a terminal', () => {
    const { stream, written } = recordingStream(true);
    const bar = progressBar(stream);

    bar.update({ filesDone: 3, filesTotal: 12, bytesDone: 3 * 1_048_576, bytesTotal: 12_582_912 });
    bar.done();

    expect(written[0]).toMatch(
      /^\r\[#{6}\.{18}\] 3\/12 files, 3\.0 MB\/12\.0 MB, [\d.]+ MB\/s, \d+ s left/,
    );
    expect(written[0]?.endsWith('\u001b[K')).toBe(true);
    expect(written.at(-1)).toBe('\r\u001b[K');
  });

  it('writes nothing when the stream is not a terminal', () => {
    const { stream, written } = recordingStream(false);
    const bar = progressBar(stream);

    bar.update({ filesDone: 1, filesTotal: 2, bytesDone: 10, bytesTotal: 20 });
    bar.done();

    expect(written).toEqual([]);
  });

  it('leaves no line behind when nothing was drawn', () => {
    const { stream, written } = recordingStream(true);
    progressBar(stream).done();
    expect(written).toEqual([]);
  });
});

describe('progress of the CLI on a terminal', () => {
  let dir: string;
  let demo: { inventoryDir: string; flowLogsDir: string };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stale-sg-progress-'));
    demo = await generateDemo({ outDir: join(dir, 'demo'), days: 2 });
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['analyze', ['--out', 'analyze.json']],
    ['run', ['--db', 'terminal.duckdb', '--report-dir', 'reports']],
  ])('%s counts the files up to all of them, then clears its line', async (command, flags) => {
    const output = await runOnTerminal(
      [command, '--inventory', demo.inventoryDir, '--flow-logs', demo.flowLogsDir, ...flags],
      dir,
    );

    const bars = barsIn(output);
    expect(bars.length).toBeGreaterThan(0);
    const done = bars.map((bar) => /\] (\d+)\/(\d+) files/.exec(bar));
    const last = done.at(-1);
    expect(last?.[1]).toBe(last?.[2]);
    expect(bars.at(-1)).toMatch(/ MB\/s, \d+ s left/);
    // Each redraw ends by erasing the rest of the line, and the last one is wiped.
    expect(output).toContain('\r\u001b[K');
  });

  it('draws nothing when stderr is not a terminal', async () => {
    const run = await runCli(
      [
        'run',
        '--inventory',
        demo.inventoryDir,
        '--flow-logs',
        demo.flowLogsDir,
        '--db',
        join(dir, 'piped.duckdb'),
        '--report-dir',
        join(dir, 'piped-reports'),
      ],
      { cwd: dir },
    );

    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain('\r');
    expect(run.stderr).not.toMatch(/files, .* MB\/s/);
  });
});
