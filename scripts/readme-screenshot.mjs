#!/usr/bin/env node
// Takes the README's screenshot: the demo run into a store, served by
// `stale-sg serve`'s dashboard, in Debian's Chromium at 1280 px.
// Usage: npm run build && node scripts/readme-screenshot.mjs [out.png]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from './chromium.mjs';

/* global document, window -- used only inside page.evaluate, in the browser */

import { generateDemo } from '../dist/demo/generate-demo.js';
import { runPipeline } from '../dist/pipeline/run-pipeline.js';
import { dashboardServer } from '../dist/serve/dashboard-server.js';
import { DuckDbStore } from '../dist/store/duckdb-store.js';

const out = process.argv[2] ?? 'docs/images/dashboard.png';
const dir = await mkdtemp(join(tmpdir(), 'stale-sg-screenshot-'));
try {
  const demo = await generateDemo({ outDir: join(dir, 'demo') });
  const dbPath = join(dir, 'stale-sg.duckdb');
  await runPipeline({
    inventory: { dir: demo.inventoryDir },
    flowLogs: [demo.flowLogsDir],
    dbPath,
  });

  const server = dashboardServer({
    openStore: () => DuckDbStore.open(dbPath),
    version: 'demo',
    allowedHosts: ['127.0.0.1'],
  });
  const url = await server.listen({ host: '127.0.0.1', port: 0 });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(`${url}/`);
    await page.waitForFunction(() =>
      /all history/.test(document.getElementById('range-status')?.textContent ?? ''),
    );
    await page.locator('#heat-maps').scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: out });
    console.error(`Wrote ${out}`);
  } finally {
    await browser.close();
    await server.close();
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
