/**
 * The dashboard's boundaries, over real sockets, with a store that holds
 * every payload of the hostile set: the same strict Content-Security-Policy
 * on every response the server sends, its own errors and the parser's
 * included; nothing served but its own assets, whatever the path's encoding;
 * JSON answers with no raw control character and the account's text exact;
 * and `stale-sg serve` listening on loopback only unless told otherwise.
 *
 * test/serve/dashboard-server.test.ts has the API's contract, the read-only
 * methods, DNS rebinding and the first traversal cases through Fastify's
 * inject; test/cli/serve-cli.test.ts the address the CLI prints; and
 * test/browser/report-pages.test.ts the page as Chromium runs it.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { StoredReport } from '../../src/pipeline/stored-report.js';
import { DASHBOARD_HTML, DASHBOARD_SCRIPT } from '../../src/serve/dashboard-page.js';
import { dashboardServer } from '../../src/serve/dashboard-server.js';
import { DuckDbStore } from '../../src/store/duckdb-store.js';
import { CLI } from '../cli/cli-process.js';
import { hostileDemoStore } from '../serve/hostile-demo-store.js';
import { HOSTILE_GROUPS } from './hostile-content/hostile-groups.js';
import { rawControls } from './hostile-content/inert-text.js';
import { rawGet, rawRequest, type RawResponse } from './hostile-content/raw-http.js';

let dir: string;
let dbPath: string;
let app: FastifyInstance;
let port: number;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stale-sg-dashboard-boundaries-'));
  ({ dbPath } = await hostileDemoStore(dir, { days: 1 }));
  app = dashboardServer({
    openStore: () => DuckDbStore.open(dbPath),
    version: 'test',
    allowedHosts: ['127.0.0.1', 'localhost', '[::1]'],
  });
  port = Number(new URL(await app.listen({ host: '127.0.0.1', port: 0 })).port);
}, 60_000);

afterAll(async () => {
  await app?.close();
  await rm(dir, { recursive: true, force: true });
});

/**
 * The policy, directive by directive: nothing by default; scripts, styles
 * and fetches only from the server itself (no inline script, no eval);
 * images only as data URLs (ECharts' exports); style attributes, which
 * ECharts sets on its canvases and tooltips, the one inline allowance; no
 * `<base>`, no form submission, no framing by another page.
 */
const POLICY = new Map([
  ['default-src', ["'none'"]],
  ['script-src', ["'self'"]],
  ['style-src', ["'self'"]],
  ['style-src-attr', ["'unsafe-inline'"]],
  ['connect-src', ["'self'"]],
  ['img-src', ['data:']],
  ['base-uri', ["'none'"]],
  ['form-action', ["'none'"]],
  ['frame-ancestors', ["'none'"]],
]);

function directives(policy: string | undefined): Map<string, string[]> {
  return new Map(
    (policy ?? '').split(';').map((directive) => {
      const [name = '', ...sources] = directive.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

function expectSecurityHeaders(response: RawResponse): void {
  expect(directives(response.headers.get('content-security-policy'))).toEqual(POLICY);
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  expect(response.headers.get('cache-control')).toBe('no-store');
}

describe('every response', () => {
  const get = (target: string, headers = 'Host: 127.0.0.1\r\n') =>
    `GET ${target} HTTP/1.1\r\n${headers}Connection: close\r\n\r\n`;

  it.each([
    ['the page', get('/'), 200],
    ['the style sheet', get('/assets/dashboard.css'), 200],
    ['the charting library', get('/assets/echarts.min.js'), 200],
    ['the page script', get('/assets/dashboard.js'), 200],
    ['the status', get('/api/status'), 200],
    ['the report', get('/api/report?since=2020-01-01'), 200],
    ['the findings', get('/api/findings'), 200],
    ['the heat maps', get('/api/heat-maps'), 200],
    ['the dashboard data', get('/api/dashboard?staleAfter=7'), 200],
    ['a HEAD request', get('/').replace('GET', 'HEAD'), 200],
    ['a bad query', get('/api/report?since=yesterday'), 400],
    ['an unknown path', get('/nothing/here'), 404],
    [
      'a POST',
      get('/').replace('GET', 'POST').replace('\r\n\r\n', '\r\nContent-Length: 0\r\n\r\n'),
      405,
    ],
    ['another host name', get('/', 'Host: evil.example\r\n'), 421],
    ['a request without a Host header', get('/', ''), 421],
    ['a malformed URL, which Fastify answers itself', get('/%'), 400],
    ['a request HTTP cannot parse', 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nno colon\r\n\r\n', 400],
    ['headers too large', get('/', `Host: 127.0.0.1\r\nX-Pad: ${'a'.repeat(20_000)}\r\n`), 431],
  ])(
    'carries the strict policy and the other security headers: %s',
    async (_name, request, status) => {
      const response = await rawRequest(port, request);

      expect(response.status).toBe(status);
      expectSecurityHeaders(response);
    },
  );

  it('carries them while a run holds the store (503)', async () => {
    const held = await DuckDbStore.open(dbPath);
    try {
      const response = await rawGet(port, '/api/report');
      expect(response.status).toBe(503);
      expectSecurityHeaders(response);
    } finally {
      held.close();
    }
  });
});

describe('what the server serves', () => {
  it('serves the page and its script as built, the same whatever the store holds', async () => {
    expect((await rawGet(port, '/')).body.toString('utf8')).toBe(DASHBOARD_HTML);
    expect((await rawGet(port, '/assets/dashboard.js')).body.toString('utf8')).toBe(
      DASHBOARD_SCRIPT,
    );
  });

  it.each([
    '/index.html',
    '/favicon.ico',
    '/api',
    '/api/',
    '/api/rules',
    '/assets',
    '/assets/dashboard.js.map',
    '/.env',
    '/.git/config',
    '/assets/./dashboard.js',
    '/assets//dashboard.js',
    '/ASSETS/DASHBOARD.JS',
  ])('answers 404 for a path that is not its own: %s', async (target) => {
    const response = await rawGet(port, target);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it.each([
    ['fully encoded dot segments', '/%2e%2e%2f%2e%2e%2fpackage.json'],
    ['half encoded dot segments', '/assets/.%2e/.%2e/package.json'],
    ['encoded backslashes', '/assets/..%5c..%5cpackage.json'],
    ['encoded backslashes from the root', '/%5c..%5c..%5cetc%5cpasswd'],
    ['double encoding', '/%252e%252e%252fpackage.json'],
    ['double encoding under the assets', '/assets/%252e%252e/%252e%252e/package.json'],
    ['overlong UTF-8 dots', '/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd'],
    ['an absolute path', '/etc/passwd'],
    ['a doubled slash', '//etc/passwd'],
    ['the project on disk', `/${process.cwd().replace(/^\//, '')}/package.json`],
    ['an absolute URL', 'http://127.0.0.1/../../etc/passwd'],
    ['a file URL', 'file:///etc/passwd'],
    ['a null byte after an asset', '/assets/dashboard.js%00.css'],
    ['a null byte before dot segments', '/assets/%00/../../package.json'],
    ['raw dot segments', '/assets/../../../../etc/passwd'],
  ])('serves no file through %s', async (_name, target) => {
    const response = await rawGet(port, target);
    const body = response.body.toString('utf8');

    expect([400, 404]).toContain(response.status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(body.length).toBeLessThan(400);
    expect(body).not.toContain((await readFile('package.json', 'utf8')).slice(0, 30));
    expect(body).not.toMatch(/root:.*:0:0:|export function|#!\/usr\/bin\/env/);
  });
});

describe('the JSON API over hostile account text', () => {
  async function json(target: string): Promise<{ raw: Buffer; value: unknown }> {
    const response = await rawGet(port, target);
    expect(response.status, target).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    return { raw: response.body, value: JSON.parse(response.body.toString('utf8')) };
  }

  it.each(['/api/report', '/api/findings', '/api/heat-maps', '/api/dashboard', '/api/status'])(
    '%s holds no raw control character',
    async (target) => {
      const { raw } = await json(target);
      expect(rawControls(raw)).toEqual([]);
      expect(raw.toString('utf8')).not.toMatch(/[\u2028\u2029]/);
    },
  );

  it('gives every payload back exactly, since JSON is data', async () => {
    const { value } = await json('/api/dashboard');
    const { report } = value as { report: StoredReport };
    const { value: findings } = await json('/api/findings');

    for (const { groupId, ruleId, payload } of HOSTILE_GROUPS) {
      const group = report.groups.find((g) => g.groupId === groupId);
      expect(group).toMatchObject({ groupName: payload.raw, description: payload.raw });
      expect(group?.tags).toEqual({ Name: payload.raw, [payload.raw]: payload.raw });
      expect(report.rules.find((r) => r.ruleId === ruleId)?.description).toBe(payload.raw);
      const stale = (findings as StoredReport['findings']).stale.find((f) => f.ruleId === ruleId);
      expect(stale?.groupName).toBe(payload.raw);
    }
  });

  it.each(HOSTILE_GROUPS.map((group) => [group.payload.name, group.payload.raw] as const))(
    'quotes %s in a query error as JSON data, no control raw',
    async (_name, raw) => {
      const response = await rawGet(port, `/api/report?since=${encodeURIComponent(raw)}`);
      const body = JSON.parse(response.body.toString('utf8')) as { error: string };

      expect(response.status).toBe(400);
      expect(rawControls(response.body)).toEqual([]);
      expect(body.error).toContain(`found "${raw}"`);
    },
  );

  it('names an unknown path in printable ASCII only', async () => {
    const response = await rawGet(port, `/${encodeURIComponent('\u001b[2J<script>\u202e')}`);
    expect(response.status).toBe(404);
    expect(JSON.parse(response.body.toString('utf8')).error).toMatch(/^nothing at [\x21-\x7e]+$/);
  });
});

describe('stale-sg serve', () => {
  /** The local addresses listening on `port`, from the kernel's socket tables. */
  async function listeners(listenPort: number): Promise<string[]> {
    const rows = await Promise.all(
      ['/proc/net/tcp', '/proc/net/tcp6'].map(async (path) =>
        existsSync(path) ? (await readFile(path, 'utf8')).split('\n').slice(1) : [],
      ),
    );
    return rows
      .flat()
      .map((row) => row.trim().split(/\s+/))
      .filter(([, local = '', , state]) => state === '0A' && local.endsWith(`:${hex(listenPort)}`))
      .map(([, local = '']) => address(local.split(':')[0] ?? ''));
  }

  const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');

  /** An address as /proc/net/tcp writes it: IPv4 as one little-endian word. */
  function address(text: string): string {
    if (text.length === 8) {
      return (text.match(/../g) ?? [])
        .reverse()
        .map((byte) => parseInt(byte, 16))
        .join('.');
    }
    return text === '0'.repeat(32) ? '::' : text;
  }

  function refused(host: string, target: number): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = connect(target, host, () => {
        socket.destroy();
        resolve(false);
      });
      socket.on('error', () => resolve(true));
    });
  }

  it.runIf(existsSync('/proc/net/tcp'))(
    'listens on 127.0.0.1 only by default, and nothing else on the machine reaches it',
    async () => {
      const child = spawn(process.execPath, [CLI, 'serve', '--db', dbPath, '--port', '0']);
      const exit = new Promise((resolve) => child.on('exit', resolve));
      try {
        const url = await new Promise<URL>((resolve, reject) => {
          let stderr = '';
          child.stderr.on('data', (chunk: Buffer) => {
            stderr += chunk.toString();
            const match = /Dashboard at (http:\/\/\S+?)\/? /.exec(stderr);
            if (match?.[1] !== undefined) resolve(new URL(match[1]));
          });
          void exit.then(() => reject(new Error(`serve stopped: ${stderr}`)));
        });
        const listenPort = Number(url.port);

        expect(await listeners(listenPort)).toEqual(['127.0.0.1']);
        const others = Object.values(networkInterfaces())
          .flat()
          .filter((info) => info !== undefined && !info.internal && info.family === 'IPv4');
        for (const info of others) expect(await refused(info!.address, listenPort)).toBe(true);
        expect((await rawGet(listenPort, '/api/status')).status).toBe(200);
      } finally {
        child.kill('SIGTERM');
        await exit;
      }
    },
  );
});
