/**
 * `stale-sg serve` as a process: it listens on 127.0.0.1 by default, says
 * where, answers 503 while another process holds the store and 200 once it
 * is free, stops cleanly on SIGTERM, and refuses a missing store or a bad
 * port before listening.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DuckDbStore } from '../../src/store/duckdb-store.js';
import { hostileDemoStore } from '../serve/hostile-demo-store.js';
import { CLI, runCli } from './cli-process.js';

let dir: string;
let dbPath: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stale-sg-serve-cli-'));
  ({ dbPath } = await hostileDemoStore(dir));
}, 60_000);

afterAll(() => rm(dir, { recursive: true, force: true }));

interface Served {
  readonly child: ChildProcess;
  readonly url: string;
  readonly stderr: () => string;
  readonly exit: Promise<number | null>;
}

/** Starts `stale-sg serve` and resolves once it prints the address it listens on. */
function serve(args: readonly string[]): Promise<Served> {
  const child = spawn(process.execPath, [CLI, 'serve', ...args], { stdio: 'pipe' });
  let stderr = '';
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /Dashboard at (http:\/\/\S+?)\/? /.exec(stderr);
      if (match?.[1] !== undefined) resolve({ child, url: match[1], stderr: () => stderr, exit });
    });
    void exit.then((code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
}

describe('stale-sg serve', () => {
  it('listens on loopback, yields to a run that holds the store, and stops on SIGTERM', async () => {
    const served = await serve(['--db', dbPath, '--port', '0']);
    try {
      expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const first = await fetch(`${served.url}/api/status`);
      expect(first.status).toBe(200);

      const held = await DuckDbStore.open(dbPath);
      try {
        const busy = await fetch(`${served.url}/api/report`);
        expect(busy.status).toBe(503);
        expect(busy.headers.get('retry-after')).toBe('5');
        expect(((await busy.json()) as { code: string }).code).toBe('STORE_IN_USE');
      } finally {
        held.close();
      }
      expect((await fetch(`${served.url}/api/report`)).status).toBe(200);
    } finally {
      served.child.kill('SIGTERM');
    }
    expect(await served.exit).toBe(0);
  });

  it('refuses a store that does not exist, before listening', async () => {
    const run = await runCli(['serve', '--db', join(dir, 'missing.duckdb'), '--port', '0']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/there is no store at .*missing\.duckdb/);
  });

  it('refuses a port that is not one', async () => {
    const run = await runCli(['serve', '--db', dbPath, '--port', '70000']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/expected a port from 0 to 65535, found "70000"/);
  });

  it('says so when the port is taken', async () => {
    const first = await serve(['--db', dbPath, '--port', '0']);
    try {
      const port = new URL(first.url).port;
      const run = await runCli(['serve', '--db', dbPath, '--port', port]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        `port ${port} is in use on 127.0.0.1; choose another with --port`,
      );
    } finally {
      first.child.kill('SIGTERM');
      await first.exit;
    }
  });
});
