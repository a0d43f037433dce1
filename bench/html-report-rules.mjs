#!/usr/bin/env node
// How the HTML report copes with many rules: builds a report of N rules (5,000
// by default) in 250 groups with 30 days of daily history, writes it with
// formatHtml, opens it in Debian's Chromium, and times the page's load, a
// filter, a text search and a sort. Medians of 5 runs.
// Usage: npm run build && node bench/html-report-rules.mjs [rules]
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium } from '../scripts/chromium.mjs';

import { formatHtml } from '../dist/report/html/format-html.js';

/* global document, performance, MutationObserver, Event -- used only inside page.evaluate */

const RULES = Number(process.argv[2] ?? 5000);
const GROUPS = 250;
const DAYS = 30;
const RUNS = 5;
const STATUSES = ['used', 'used', 'used', 'stale', 'unobserved', 'unattached'];

function syntheticReport() {
  const groups = Array.from({ length: GROUPS }, (_, g) => ({
    groupId: `sg-${String(g).padStart(17, '0')}`,
    groupName: `service-${g}`,
    description: `group ${g}`,
    tags: { team: `team-${g % 12}` },
    vpcId: `vpc-${String(g % 8).padStart(17, '0')}`,
    accountId: String(100000000000 + (g % 4)),
    region: 'eu-west-1',
    interfaces: [`eni-${String(g).padStart(17, '0')}`],
    status: 'attached',
    referencedBy: [],
  }));
  const rules = Array.from({ length: RULES }, (_, r) => {
    const group = groups[r % GROUPS];
    const status = STATUSES[r % STATUSES.length];
    const hits = status === 'used' ? (r * 7919) % 100000 : 0;
    const port = [22, 80, 443, 3306, 5432, 6379, 8080, 9200][r % 8];
    return {
      ruleId: `sgr-${String(r).padStart(17, '0')}`,
      groupId: group.groupId,
      groupName: group.groupName,
      vpcId: group.vpcId,
      accountId: group.accountId,
      region: group.region,
      direction: r % 3 === 0 ? 'egress' : 'ingress',
      protocol: 'tcp',
      fromPort: port,
      toPort: port,
      icmpType: null,
      icmpCode: null,
      peer: { kind: 'cidr4', value: `10.${r % 256}.0.0/16` },
      description: `rule ${r}`,
      derived: false,
      status,
      hits,
      exclusiveHits: Math.floor(hits / 2),
      packets: hits * 10,
      bytes: hits * 1000,
      firstSeen: hits > 0 ? '2026-11-01T00:00:00.000Z' : null,
      lastSeen: hits > 0 ? '2026-11-30T00:00:00.000Z' : null,
    };
  });
  const daily = rules
    .filter((rule) => rule.hits > 0)
    .flatMap((rule) =>
      Array.from({ length: DAYS }, (_, d) => ({
        ruleId: rule.ruleId,
        day: `2026-11-${String(d + 1).padStart(2, '0')}`,
        hits: Math.round(rule.hits / DAYS),
      })),
    );
  const used = rules.filter((rule) => rule.status === 'used').length;
  const count = (status) => rules.filter((rule) => rule.status === status).length;
  return {
    schemaVersion: 1,
    generatedAt: '2026-12-01T00:00:00.000Z',
    window: { from: '2026-11-01T00:00:00.000Z', to: '2026-11-30T23:59:59.000Z' },
    summary: {
      rules: RULES,
      used,
      stale: count('stale'),
      unobserved: count('unobserved'),
      unattached: count('unattached'),
      records: 1e8,
      acceptedRecords: 9e7,
      rejectedRecords: 1e7,
      malformedRecords: 0,
    },
    rules,
    groups,
    sources: { files: 0, bytes: 0, skipped: [] },
    warnings: [],
    daily,
  };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Milliseconds from an action in the page to the next change of the rules count line. */
function timeChange(page, action) {
  return page.evaluate((what) => {
    const count = document.getElementById('rules-count');
    return new Promise((resolve) => {
      let start = 0;
      new MutationObserver((_, observer) => {
        observer.disconnect();
        resolve(performance.now() - start);
      }).observe(count, { childList: true, characterData: true, subtree: true });
      start = performance.now();
      if (what === 'status') {
        const select = document.getElementById('f-status');
        select.value = select.value === 'stale' ? '' : 'stale';
        select.dispatchEvent(new Event('change'));
      } else if (what === 'text') {
        const input = document.getElementById('f-text');
        input.value = input.value === '' ? 'service-17 ' : '';
        // The page waits 120 ms after the last keystroke; that wait is left out.
        input.dispatchEvent(new Event('input'));
        start += 120;
      } else {
        document.querySelectorAll('#rules-head th')[8].click();
      }
    });
  }, action);
}

const dir = await mkdtemp(join(tmpdir(), 'stale-sg-html-bench-'));
const browser = await launchChromium();
try {
  const file = join(dir, 'report.html');
  const started = performance.now();
  await writeFile(file, formatHtml(syntheticReport()));
  const writeMs = performance.now() - started;
  const { size } = await stat(file);

  const timings = { load: [], status: [], text: [], sort: [] };
  for (let run = 0; run < RUNS; run += 1) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(file).href);
    await page.waitForFunction(() =>
      /matching rules/.test(document.getElementById('rules-count')?.textContent ?? ''),
    );
    const nav = await page.evaluate(() => performance.now());
    timings.load.push(nav);
    for (const action of ['status', 'text', 'sort']) {
      timings[action].push(await timeChange(page, action));
    }
    await page.close();
  }

  const ms = (value) => `${Math.round(value)} ms`;
  console.log(
    `| rules | ${RULES.toLocaleString('en')} (${GROUPS} groups, ${DAYS} days of history) |`,
  );
  console.log(`| report file | ${(size / 1e6).toFixed(1)} MB, written in ${ms(writeMs)} |`);
  console.log(`| page load to table shown | ${ms(median(timings.load))} |`);
  console.log(`| status filter | ${ms(median(timings.status))} |`);
  console.log(`| text search (after the 120 ms typing pause) | ${ms(median(timings.text))} |`);
  console.log(`| sort by hits | ${ms(median(timings.sort))} |`);
} finally {
  await browser.close();
  await rm(dir, { recursive: true, force: true });
}
