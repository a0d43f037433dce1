/// <reference lib="dom" />
/**
 * The HTML report file and the dashboard in Debian's Chromium: they load
 * without a console error (a blocked script or style under the CSP is one),
 * their heat maps have a coloured cell for each value of the data, in the
 * colour the scale gives it, the rules filters change the table, and a
 * group whose name, description, tags and rule descriptions carry markup,
 * script and `javascript:` links shows them as text and runs none of them,
 * as does each payload of the hardening tests' set (test/hardening/), shown
 * as the same visible text as in every other output.
 * Screenshots of both pages go to test-results/browser/.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { StoredReport } from '../../src/pipeline/stored-report.js';
import { formatHtml } from '../../src/report/html/format-html.js';
import { dashboardServer } from '../../src/serve/dashboard-server.js';
import { DuckDbStore } from '../../src/store/duckdb-store.js';
import { HOSTILE_GROUPS } from '../hardening/hostile-content/hostile-groups.js';
import { HOSTILE, hostileDemoStore } from '../serve/hostile-demo-store.js';
import {
  SCREENSHOT_DIR,
  collectProblems,
  launchChromium,
  readHeatMap,
  scaleColour,
} from './chromium.js';

let dir: string;
let report: StoredReport;
let hostileGroupId: string;
let reportUrl: string;
let dashboardUrl: string;
let server: FastifyInstance;
let browser: Browser;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stale-sg-browser-'));
  const store = await hostileDemoStore(dir);
  report = store.report;
  hostileGroupId = store.groupId;

  const file = join(dir, 'report.html');
  await writeFile(file, formatHtml(report));
  reportUrl = pathToFileURL(file).href;

  server = dashboardServer({
    openStore: () => DuckDbStore.open(store.dbPath),
    version: 'test',
    allowedHosts: ['127.0.0.1'],
  });
  dashboardUrl = `${await server.listen({ host: '127.0.0.1', port: 0 })}/`;
  browser = await launchChromium();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

interface Opened {
  readonly page: Page;
  readonly problems: string[];
}

async function open(url: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Opened> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme });
  const problems = collectProblems(page);
  await page.goto(url);
  await page.waitForFunction(() =>
    /matching rules/.test(document.getElementById('rules-count')?.textContent ?? ''),
  );
  return { page, problems };
}

/** The rules table as shown: the count line and each row's status and group cells. */
async function shownRules(page: Page) {
  return page.evaluate(() => ({
    count: document.getElementById('rules-count')?.textContent ?? '',
    rows: Array.from(document.querySelectorAll('#rules-body tr')).map((tr) => ({
      status: tr.children[0]?.textContent ?? '',
      group: tr.children[1]?.textContent ?? '',
      rule: tr.children[2]?.textContent ?? '',
      description: tr.children[7]?.textContent ?? '',
      hits: Number((tr.children[8]?.textContent ?? '').replace(/,/g, '')),
    })),
  }));
}

async function countChanged(page: Page, before: string): Promise<void> {
  await page.waitForFunction(
    (old) => document.getElementById('rules-count')?.textContent !== old,
    before,
  );
}

/** Name, address, screenshot name, and the scripts the page has: the report adds its data island. */
const pages = [
  ['the HTML report file', () => reportUrl, 'report', 3],
  ['the dashboard', () => dashboardUrl, 'dashboard', 2],
] as const;

describe.each(pages)('%s', (_name, url, shot, scripts) => {
  it('loads and draws with no console error, uncaught exception or blocked request', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const { page, problems } = await open(url(), scheme);
      await page.screenshot({
        path: join(SCREENSHOT_DIR, `${shot}-${scheme}.png`),
        fullPage: scheme === 'light',
      });
      expect(problems).toEqual([]);
      await page.close();
    }
  });

  it('colours each heat-map cell as the scale gives its hits, and the cells are the data', async () => {
    const { page, problems } = await open(url());
    const byDay = await readHeatMap(page, 'chart-day');
    const byDirection = await readHeatMap(page, 'chart-direction');
    const byPort = await readHeatMap(page, 'chart-port');

    // The cells hold the store's numbers: hits per rule and day, and per rule.
    expect(byDay.xLabels).toEqual([...new Set(report.daily.map((u) => u.day))].sort());
    for (const cell of byDay.cells) {
      const usage = report.daily.find(
        (u) => u.day === byDay.xLabels[cell.x] && u.ruleId === byDay.yLabels[cell.y],
      );
      expect(cell.hits).toBe(usage?.hits);
    }
    const rulesById = new Map(report.rules.map((rule) => [rule.ruleId, rule]));
    byDirection.yLabels.forEach((ruleId, y) => {
      const rule = rulesById.get(ruleId);
      const cells = byDirection.cells.filter((cell) => cell.y === y);
      // A rule with hits has one cell, in its direction's column; one without has an empty row.
      expect(cells.map((cell) => [byDirection.xLabels[cell.x], cell.hits])).toEqual(
        rule!.hits === 0 ? [] : [[rule!.direction, rule!.hits]],
      );
    });
    expect(byDirection.yLabels.some((ruleId) => rulesById.get(ruleId)?.hits === 0)).toBe(true);
    const usedHits = report.rules.reduce((sum, rule) => sum + rule.hits, 0);
    expect(byPort.cells.reduce((sum, cell) => sum + cell.hits, 0)).toBeLessThanOrEqual(usedHits);
    expect(byPort.cells.length).toBeGreaterThan(0);

    // Each cell is drawn in its colour: busy cells dark red, quiet ones pale.
    for (const map of [byDay, byDirection, byPort]) {
      expect(map.cells.length).toBeGreaterThan(0);
      for (const cell of map.cells) {
        expect(cell.value).toBeCloseTo(Math.log10(cell.hits + 1), 9);
        const want = scaleColour(cell.value, map.min, map.max, map.colors);
        for (const channel of [0, 1, 2]) {
          expect(Math.abs(cell.rgb[channel]! - want[channel]!)).toBeLessThanOrEqual(3);
        }
      }
      const hottest = map.cells.reduce((a, b) => (b.hits > a.hits ? b : a));
      const coolest = map.cells.reduce((a, b) => (b.hits < a.hits ? b : a));
      expect(hottest.rgb).not.toEqual(coolest.rgb);
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it('filters and sorts the rules table', async () => {
    const { page, problems } = await open(url());
    const all = await shownRules(page);
    expect(all.count).toContain(`of ${report.rules.length} matching rules`);

    const stale = report.rules.filter((rule) => rule.status === 'stale');
    expect(stale.length).toBeGreaterThan(0);
    await page.selectOption('#f-status', 'stale');
    const staleShown = await shownRules(page);
    expect(staleShown.count).toBe(
      `Showing ${stale.length} of ${stale.length} matching rules (${report.rules.length} in all).`,
    );
    expect(new Set(staleShown.rows.map((row) => row.rule))).toEqual(
      new Set(stale.map((r) => r.ruleId)),
    );

    await page.selectOption('#f-status', '');
    await page.selectOption('#f-group', hostileGroupId);
    const ofGroup = report.rules.filter((rule) => rule.groupId === hostileGroupId);
    const groupShown = await shownRules(page);
    expect(groupShown.rows.map((row) => row.rule).sort()).toEqual(
      ofGroup.map((r) => r.ruleId).sort(),
    );

    await page.selectOption('#f-group', '');
    const before = (await shownRules(page)).count;
    const [target] = report.rules.filter((rule) => rule.peer.kind === 'cidr4');
    await page.fill('#f-text', target!.ruleId);
    await countChanged(page, before);
    expect((await shownRules(page)).rows.map((row) => row.rule)).toEqual([target!.ruleId]);
    await page.fill('#f-text', '');
    await countChanged(page, (await shownRules(page)).count);

    await page.click('#rules-head th:has-text("Hits")');
    const sorted = (await shownRules(page)).rows.map((row) => row.hits);
    expect(sorted[0]).toBe(Math.max(...report.rules.map((rule) => rule.hits)));
    expect(sorted).toEqual([...sorted].sort((a, b) => b - a));
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows hostile names, descriptions and tags as text and runs none of them', async () => {
    const { page, problems } = await open(url());
    await page.selectOption('#f-group', hostileGroupId);
    const rows = (await shownRules(page)).rows;
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.group).toBe(`${HOSTILE.groupName} (${hostileGroupId})`);
      expect(row.description).toBe(HOSTILE.ruleDescription);
    }

    const summary = page.locator('#groups details.group summary', { hasText: hostileGroupId });
    await summary.click();
    // The details are built on the toggle event, which comes after the click.
    await summary.locator('..').locator('.facts').waitFor();
    const details = await summary.locator('..').textContent();
    expect(details).toContain(HOSTILE.groupName);
    expect(details).toContain(`Description: ${HOSTILE.groupDescription}`);
    expect(details).toContain(`runbook=${HOSTILE.tagValue}`);

    // Hover every cell of the port heat map, whose rows are group names, for the tooltips.
    const byPort = await readHeatMap(page, 'chart-port');
    const box = await page.locator('#chart-port').boundingBox();
    for (const cell of byPort.cells.slice(0, 40)) {
      await page.mouse.move(box!.x + cell.at[0], box!.y + cell.at[1]);
    }
    expect(byPort.yLabels).toContain(`${HOSTILE.groupName} (${hostileGroupId})`);

    const state = await page.evaluate(() => ({
      ran: (window as unknown as { __hostile?: unknown }).__hostile,
      markup: document.querySelectorAll('img, iframe, object, embed, a[href^="javascript:" i], b')
        .length,
      handlers: Array.from(document.querySelectorAll('*')).filter((node) =>
        Array.from(node.attributes).some((attribute) => /^on/i.test(attribute.name)),
      ).length,
      scripts: document.scripts.length,
    }));
    expect(state).toEqual({ ran: undefined, markup: 0, handlers: 0, scripts });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows every payload of the hardening set as the text the other outputs show', async () => {
    const { page, problems } = await open(url());
    const ids = HOSTILE_GROUPS.map((group) => group.groupId);
    // Open each hostile group's details; they are built on the toggle event.
    await page.evaluate((wanted) => {
      const all = Array.from(document.querySelectorAll<HTMLDetailsElement>('#groups details'));
      for (const details of all) {
        if (wanted.some((id) => details.firstChild?.textContent?.includes(`(${id})`))) {
          details.open = true;
        }
      }
    }, ids);
    await page.waitForFunction(
      (count) => document.querySelectorAll('#groups details[open] .facts').length >= count,
      ids.length,
    );

    const rows = (await shownRules(page)).rows;
    const details = await page.evaluate(() =>
      Array.from(document.querySelectorAll('#groups details[open]')).map(
        (node) => node.textContent ?? '',
      ),
    );
    for (const { groupId, ruleId, payload } of HOSTILE_GROUPS) {
      const row = rows.find((r) => r.rule === ruleId);
      const label = `${payload.line.trim()} (${groupId})`;
      expect(row, payload.name).toMatchObject({ group: label, description: payload.line });

      const group = details.find((text) => text.startsWith(`${label} \u2014`));
      expect(group, payload.name).toContain(`Description: ${payload.line}`);
      expect(group, payload.name).toContain(`Name=${payload.line}`);
      expect(group, payload.name).toContain(`${payload.line}=${payload.line}`);
    }

    const state = await page.evaluate(() => ({
      ran: (window as unknown as { __hostile?: unknown }).__hostile,
      markup: document.querySelectorAll('svg, img, iframe, a:not([href^="#"]), b, i').length,
    }));
    expect(state).toEqual({ ran: undefined, markup: 0 });
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('the dashboard’s date range', () => {
  it('reloads the views for the days chosen, keeps them in the address, and goes back to all', async () => {
    const { page, problems } = await open(dashboardUrl);
    const days = [...new Set(report.daily.map((u) => u.day))].sort();
    const day = days[days.length - 2]!;

    await page.fill('#range-since', day);
    await page.fill('#range-until', day);
    await page.click('#range button[type=submit]');
    await page.waitForFunction(() =>
      /filtered by date/.test(document.getElementById('range-status')?.textContent ?? ''),
    );

    expect((await readHeatMap(page, 'chart-day')).xLabels).toEqual([day]);
    expect(new URL(page.url()).search).toBe(`?since=${day}&until=${day}`);
    const dayRecords = report.daily.filter((u) => u.day === day);
    expect(dayRecords.length).toBeGreaterThan(0);
    const window = await page.textContent('#window');
    expect(window).toContain(`Window: ${day} 00:00`);

    // The address alone brings the same view back.
    await page.goto(page.url());
    await page.waitForFunction(() =>
      /filtered by date/.test(document.getElementById('range-status')?.textContent ?? ''),
    );
    expect(await page.inputValue('#range-since')).toBe(day);
    expect((await readHeatMap(page, 'chart-day')).xLabels).toEqual([day]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'dashboard-one-day.png') });

    await page.click('#range-all');
    await page.waitForFunction(() =>
      /all history/.test(document.getElementById('range-status')?.textContent ?? ''),
    );
    expect((await readHeatMap(page, 'chart-day')).xLabels).toEqual(days);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('says what is wrong with a range the API refuses', async () => {
    const { page } = await open(dashboardUrl);
    const days = [...new Set(report.daily.map((u) => u.day))].sort();
    await page.fill('#range-since', days[days.length - 1]!);
    await page.fill('#range-until', days[0]!);
    await page.click('#range button[type=submit]');
    await page.waitForSelector('#range-status.error');
    expect(await page.textContent('#range-status')).toBe(
      'Could not load the report: since must be on or before until',
    );
    await page.close();
  });
});
