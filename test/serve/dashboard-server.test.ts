/**
 * The dashboard's HTTP surface over a real store (the demo, run through the
 * pipeline): the JSON API agrees with the store's report for the same
 * window, bad queries are refused with the parameter named, and the server
 * is read-only, serves only its own assets, and answers only for loopback
 * host names. Requests go through Fastify's inject, without a socket; the
 * CLI test starts the real listener.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { storedReport, type StoredReport } from '../../src/pipeline/stored-report.js';
import { dashboardServer } from '../../src/serve/dashboard-server.js';
import { DuckDbStore } from '../../src/store/duckdb-store.js';
import { validateReport } from '../report/report-validator.js';
import { hostileDemoStore } from './hostile-demo-store.js';

let dir: string;
let dbPath: string;
let app: FastifyInstance;

const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stale-sg-serve-'));
  ({ dbPath } = await hostileDemoStore(dir));
  app = dashboardServer({
    openStore: () => DuckDbStore.open(dbPath),
    version: '9.9.9',
    allowedHosts: LOOPBACK,
  });
}, 60_000);

afterAll(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

async function get(url: string, headers: Record<string, string> = {}) {
  return app.inject({ method: 'GET', url, headers: { host: '127.0.0.1:8080', ...headers } });
}

async function expected(options: { since?: Date; until?: Date; staleAfterDays?: number }) {
  const store = await DuckDbStore.open(dbPath);
  try {
    return await storedReport(store, options);
  } finally {
    store.close();
  }
}

/** A report without the moment it was made, for comparing two reports of one store. */
function timeless(report: StoredReport): StoredReport {
  return { ...report, generatedAt: 'ignored' };
}

describe('the JSON API', () => {
  it('reports the store as `stale-sg report` would, valid against the schema', async () => {
    const response = await get('/api/report');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const body = JSON.parse(response.body) as StoredReport;
    expect(validateReport(body)).toEqual([]);
    expect(timeless(body)).toEqual(JSON.parse(JSON.stringify(timeless(await expected({})))));
  });

  it('narrows the report to whole UTC days with since and until', async () => {
    const status = JSON.parse((await get('/api/status')).body);
    const day = status.history.lastDay as string;
    const response = await get(`/api/report?since=${day}&until=${day}&staleAfter=3`);
    const body = JSON.parse(response.body) as StoredReport;

    const since = new Date(`${day}T00:00:00Z`);
    const until = new Date(since.getTime() + 86_400_000);
    const want = await expected({ since, until, staleAfterDays: 3 });
    expect(timeless(body)).toEqual(JSON.parse(JSON.stringify(timeless(want))));
    expect(body.window.from).toBe(since.toISOString());
    expect(new Set(body.daily.map((usage) => usage.day))).toEqual(new Set([day]));

    const whole = JSON.parse((await get('/api/report')).body) as StoredReport;
    expect(body.summary.records).toBeGreaterThan(0);
    expect(body.summary.records).toBeLessThan(whole.summary.records);
  });

  it('gives the history the store spans, and its latest run', async () => {
    const report = await expected({});
    const response = await get('/api/status');
    expect(response.statusCode).toBe(200);
    const status = JSON.parse(response.body);
    expect(status).toMatchObject({
      version: '9.9.9',
      store: dbPath,
      history: {
        firstDay: report.window.from?.slice(0, 10),
        lastDay: report.window.to?.slice(0, 10),
        records: report.summary.records,
      },
      lastRun: { status: 'succeeded' },
    });
  });

  it('serves the findings, the heat maps and both together for the page', async () => {
    const report = await expected({});
    const findings = JSON.parse((await get('/api/findings')).body);
    expect(findings).toEqual(JSON.parse(JSON.stringify(report.findings)));

    const maps = JSON.parse((await get('/api/heat-maps')).body);
    const dashboard = JSON.parse((await get('/api/dashboard')).body);
    expect(dashboard.heatMaps).toEqual(maps);
    expect(dashboard.report.rules).toEqual(JSON.parse(JSON.stringify(report.rules)));
    // Rules by day: one column per day of history, one cell per rule and day with hits.
    const days = [...new Set(report.daily.map((usage) => usage.day))].sort();
    expect(maps.byDay.x).toEqual(days);
    for (const [x, y, hits] of maps.byDay.cells as [number, number, number][]) {
      const usage = report.daily.find((u) => u.day === days[x] && u.ruleId === maps.byDay.y[y]);
      expect(usage?.hits).toBe(hits);
    }
  });

  it.each([
    ['/api/report?since=2026-02-30', /since expects a UTC day/],
    ['/api/report?since=yesterday', /since expects a UTC day .* found "yesterday"/],
    ['/api/report?until=2026-11-01T00:00:00Z', /until expects a UTC day/],
    ['/api/report?since=2026-11-05&until=2026-11-04', /since must be on or before until/],
    ['/api/findings?staleAfter=-1', /staleAfter expects a whole number/],
    ['/api/dashboard?stale_after=3', /unknown query parameter "stale_after"/],
    ['/api/report?since=2026-11-01&since=2026-11-02', /since may be given once/],
  ])('refuses %s with 400 and names the parameter', async (url, message) => {
    const response = await get(url);
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(JSON.parse(response.body).error).toMatch(message);
  });
});

describe('the page', () => {
  it('is served with a strict Content-Security-Policy and no inline script', async () => {
    const response = await get('/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    const scripts = response.body.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBe(2);
    for (const tag of scripts) expect(tag).toMatch(/ src="\/assets\/[a-z.]+\.js"/);
  });

  it('serves its script and style sheet, with the right types', async () => {
    const page = (await get('/')).body;
    for (const [path] of page.matchAll(/\/assets\/[a-z.]+/g)) {
      const response = await get(path);
      expect(response.statusCode, path).toBe(200);
      expect(response.headers['content-type']).toMatch(
        path.endsWith('.css') ? /^text\/css/ : /^text\/javascript/,
      );
    }
  });
});

describe('what the server refuses', () => {
  it.each(['POST', 'PUT', 'DELETE', 'PATCH'] as const)(
    'answers %s with 405: it is read-only',
    async (method) => {
      for (const url of ['/', '/api/report', '/api/status']) {
        const response = await app.inject({ method, url, headers: { host: '127.0.0.1' } });
        expect(response.statusCode).toBe(405);
        expect(response.headers.allow).toBe('GET, HEAD');
      }
    },
  );

  it.each([
    '/assets/../package.json',
    '/assets/..%2f..%2fpackage.json',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/..\\..\\package.json',
    '/node_modules/echarts/package.json',
    '/dist/cli/main.js',
    '/assets/',
  ])('serves nothing outside its own assets: %s', async (url) => {
    const response = await get(url);
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toMatch(/"name"|root:|#!\/usr\/bin\/env/);
  });

  it('does not answer for a host name that is not its own (DNS rebinding)', async () => {
    for (const host of ['evil.example', 'evil.example:8080', '127.0.0.1.evil.example']) {
      const response = await get('/api/report', { host });
      expect(response.statusCode).toBe(421);
    }
    for (const host of ['localhost:8080', '127.0.0.1', '[::1]:8080']) {
      expect((await get('/api/status', { host })).statusCode).toBe(200);
    }
  });
});
