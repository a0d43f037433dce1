/**
 * Every payload of the hostile set, in group names, descriptions, tags and
 * rule descriptions, through the built CLI: `stale-sg run` prints the
 * terminal table and writes the JSON, CSV and Markdown reports, and
 * `stale-sg report --format html` prints the page. An inventory file and a
 * flow log file with hostile names add a warning and a skipped file. Each
 * output is read the way its reader would read it (see inert-text.ts): the
 * payload must come out as its visible text and do nothing else.
 *
 * The other outputs: the email in hostile-email.test.ts, error messages in
 * hostile-errors.test.ts, the dashboard in dashboard-boundaries.test.ts,
 * and the page as a browser runs it in test/browser/report-pages.test.ts.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { StoredReport } from '../../src/pipeline/stored-report.js';
import { formatReport } from '../../src/report/format-report.js';
import { launchChromium } from '../browser/chromium.js';
import { hostileDemoAccount } from '../serve/hostile-demo-store.js';
import { runCliBytes, type CliBytes } from './hostile-content/cli-bytes.js';
import { HOSTILE_GROUPS } from './hostile-content/hostile-groups.js';
import {
  rawControls,
  showsGroup,
  shownMarkdownText,
  terminalGroupCell,
} from './hostile-content/inert-text.js';
import {
  checkCsv,
  checkHtmlPage,
  checkMarkdown,
  markdownTables,
  type FormatCheck,
} from './hostile-content/report-checks.js';

const ESC = '\u001b';
const BEL = '\u0007';

/** An inventory file whose name retitles the window, clears the screen and reverses text. */
const INVENTORY_FILE = {
  raw: `${ESC}]0;pwned${BEL}${ESC}[2J<img src=x onerror=alert(1)> \u202eevil.json`,
  shown: '<img src=x onerror=alert(1)> evil.json',
};

/** A flow log file (unreadable, so skipped) whose name is a hyperlink and a screen clear. */
const FLOW_LOG_FILE = {
  raw: `${ESC}]8;;https:evil.example${BEL}click\u009b2J<b>.log`,
  shown: 'click<b>.log',
};

let dir: string;
let run: CliBytes;
let html: CliBytes;
let reportDir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stale-sg-hostile-reports-'));
  const account = await hostileDemoAccount(dir, { days: 1 });
  await writeConflictingGroup(account.inventoryDir);
  await writeFile(join(account.flowLogsDir, FLOW_LOG_FILE.raw), 'not a flow log\n');

  reportDir = join(dir, 'reports');
  const db = join(dir, 'stale-sg.duckdb');
  run = await runCliBytes(
    [
      'run',
      ...['--inventory', account.inventoryDir, '--flow-logs', account.flowLogsDir],
      ...['--db', db, '--report-dir', reportDir, '--formats', 'json', 'csv', 'markdown'],
    ],
    { cwd: dir },
  );
  html = await runCliBytes(['report', '--db', db, '--format', 'html'], { cwd: dir });
}, 60_000);

afterAll(() => rm(dir, { recursive: true, force: true }));

/** A second copy of the demo's prod-db group, with another description: a merge warning. */
async function writeConflictingGroup(inventoryDir: string): Promise<void> {
  const groups = JSON.parse(await readFile(join(inventoryDir, 'security-groups.json'), 'utf8'));
  const group = groups.SecurityGroups.find((g: { GroupName: string }) => g.GroupName === 'prod-db');
  const copy = { SecurityGroups: [{ ...group, Description: 'an older copy' }] };
  await writeFile(join(inventoryDir, INVENTORY_FILE.raw), JSON.stringify(copy));
}

async function reportFile(extension: string): Promise<Buffer> {
  return readFile(join(reportDir, `stale-sg-report.${extension}`));
}

describe('the terminal table of stale-sg run', () => {
  it('succeeds and writes no control character to stdout or stderr', () => {
    expect(run.code, run.stderr.toString()).toBe(0);
    expect(rawControls(run.stdout)).toEqual([]);
    expect(rawControls(run.stderr)).toEqual([]);
  });

  it.each(HOSTILE_GROUPS.map((group) => [group.payload.name, group] as const))(
    'shows the group named with %s by its visible text',
    (_name, { groupId, payload }) => {
      const lines = run.stdout.toString('utf8').split('\n');
      const header = lines.find((line) => line.startsWith('STATUS '));
      const row = lines.find((line) => line.includes(`(${groupId})`));
      const cell = terminalGroupCell(header ?? '', row ?? '', groupId);

      expect(showsGroup(cell, payload.line.trim(), groupId), cell).toBe(true);
      expect(row).toMatch(/^stale {2,}/);
    },
  );

  it('in colour, as on a terminal, holds no escape sequence but its own SGR colours', async () => {
    const report = JSON.parse((await reportFile('json')).toString('utf8')) as StoredReport;
    const text = formatReport(report, 'table', { color: true, width: 120 });
    // eslint-disable-next-line no-control-regex -- the table's own colour codes
    const ours = text.replace(/\u001b\[(?:0|1|3[1-5])m/g, '');

    expect(text).toContain('\u001b[31m');
    expect(rawControls(ours)).toEqual([]);
  });

  it('names the hostile files in its warnings by their visible names only', () => {
    const stderr = run.stderr.toString('utf8');

    expect(stderr).toContain(`warning: skipped ${join(dir, 'demo', 'flow-logs')}`);
    expect(stderr).toContain(`${FLOW_LOG_FILE.shown}: the header lacks`);
    expect(stderr).toMatch(/warning: security group \S+ appears in .*<img src=x onerror/);
    expect(stderr).toContain(INVENTORY_FILE.shown);
  });
});

describe('the JSON report', () => {
  let bytes: Buffer;
  let report: StoredReport;

  beforeAll(async () => {
    bytes = await reportFile('json');
    report = JSON.parse(bytes.toString('utf8')) as StoredReport;
  });

  it('holds no raw control character: every one is a \\u escape', () => {
    expect(rawControls(bytes)).toEqual([]);
    expect(bytes.toString('utf8')).not.toMatch(/[\u2028\u2029]/);
  });

  it.each(HOSTILE_GROUPS.map((group) => [group.payload.name, group] as const))(
    'gives back %s exactly, wherever the account had it',
    (_name, { groupId, ruleId, payload }) => {
      const group = report.groups.find((g) => g.groupId === groupId);
      const rule = report.rules.find((r) => r.ruleId === ruleId);
      const stale = report.findings.stale.find((f) => f.ruleId === ruleId);

      expect(group).toMatchObject({ groupName: payload.raw, description: payload.raw });
      expect(group?.tags).toEqual({ Name: payload.raw, [payload.raw]: payload.raw });
      expect(rule).toMatchObject({ groupName: payload.raw, description: payload.raw });
      expect(stale?.groupName).toBe(payload.raw);
    },
  );

  it('keeps the hostile file names exactly in its warnings and skipped files', () => {
    expect(report.warnings.some((w) => w.includes(INVENTORY_FILE.raw))).toBe(true);
    expect(report.sources.skipped.map((s) => s.path)).toContain(
      join(dir, 'demo', 'flow-logs', FLOW_LOG_FILE.raw),
    );
  });
});

describe('the CSV report', () => {
  let csv: FormatCheck;

  beforeAll(async () => {
    csv = checkCsv(await reportFile('csv'));
  });

  it('has no control character but in quoted fields, and no cell a spreadsheet would run', () => {
    expect(csv.whole).toEqual([]);
  });

  it.each(HOSTILE_GROUPS.map((group) => [group.payload.name, group] as const))(
    'round-trips %s as text, a formula made literal with a leading apostrophe',
    (_name, group) => {
      expect(csv.group(group)).toEqual([]);
    },
  );
});

describe('the Markdown report', () => {
  let bytes: Buffer;
  let markdown: FormatCheck;

  beforeAll(async () => {
    bytes = await reportFile('md');
    markdown = checkMarkdown(bytes);
  });

  it('has only its own headings, sentences and tables, every cell plain text', () => {
    expect(markdown.whole).toEqual([]);
  });

  it.each(HOSTILE_GROUPS.map((group) => [group.payload.name, group] as const))(
    'shows %s as text in the group and description cells',
    (_name, group) => {
      expect(markdown.group(group)).toEqual([]);
    },
  );

  it('names the hostile files by their visible names', () => {
    const cells = markdownTables(bytes.toString('utf8')).flat(2).map(shownMarkdownText);
    expect(cells.some((cell) => cell.endsWith(`/${FLOW_LOG_FILE.shown}`))).toBe(true);
    expect(cells.some((cell) => cell.includes(INVENTORY_FILE.shown))).toBe(true);
  });
});

describe('the HTML report', () => {
  let browser: Browser;
  let page: FormatCheck;

  beforeAll(async () => {
    expect(html.code, html.stderr.toString()).toBe(0);
    browser = await launchChromium();
    page = await checkHtmlPage(browser, html.stdout);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('has no control character, and the elements and attributes of a harmless page', () => {
    expect(page.whole).toEqual([]);
  });

  it.each(HOSTILE_GROUPS.map((group) => [group.payload.name, group] as const))(
    'carries %s exactly, as data, in its island',
    (_name, group) => {
      expect(page.group(group)).toEqual([]);
    },
  );
});
