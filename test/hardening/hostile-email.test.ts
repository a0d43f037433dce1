/**
 * The findings email of a store that holds every payload of the hostile
 * set, sent by `stale-sg notify` to a real SMTP server (smtp-server) and
 * read back with mailparser: the headers, the text part, the HTML part (as
 * Chromium parses it) and each attachment. Every hostile rule is stale and
 * open to ::/0, so all of them are among the rules the email lists.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { STALE_RULES_SHOWN } from '../../src/notify/findings-digest.js';
import { launchChromium } from '../browser/chromium.js';
import { startSmtpSink, type SmtpSink } from '../notify/smtp-sink.js';
import { hostileDemoStore } from '../serve/hostile-demo-store.js';
import { runCliBytes, type CliBytes } from './hostile-content/cli-bytes.js';
import { HOSTILE_GROUPS } from './hostile-content/hostile-groups.js';
import { rawControls } from './hostile-content/inert-text.js';
import { parseHtml, type ParsedHtml } from './hostile-content/parse-html.js';
import { checkCsv, checkHtmlPage, checkMarkdown } from './hostile-content/report-checks.js';

let dir: string;
let sink: SmtpSink;
let browser: Browser;
let notify: CliBytes;
let mail: ParsedMail;
let raw: Buffer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stale-sg-hostile-email-'));
  const [store, started] = await Promise.all([
    hostileDemoStore(dir, { days: 1 }),
    startSmtpSink(),
    launchChromium().then((launched) => (browser = launched)),
  ]);
  sink = started;

  notify = await runCliBytes([
    'notify',
    ...['--db', store.dbPath, '--when', 'always'],
    ...['--email-from', 'stale-sg@example.com', '--email-to', 'ops@example.com'],
    ...['--smtp-host', '127.0.0.1', '--smtp-port', String(sink.port)],
  ]);
  raw = sink.messages[0]?.raw ?? Buffer.alloc(0);
  mail = await simpleParser(raw);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await sink?.close();
  await rm(dir, { recursive: true, force: true });
});

function attachment(extension: string): Buffer {
  const found = mail.attachments.find((a) => a.filename?.endsWith(`.${extension}`));
  if (found === undefined) throw new Error(`the email has no .${extension} attachment`);
  return found.content;
}

describe('the findings email', () => {
  it('is sent once, to the one recipient, with headers no name could add to', () => {
    expect(notify.code, notify.stderr.toString()).toBe(0);
    expect(rawControls(notify.stderr)).toEqual([]);
    expect(sink.messages.map((message) => message.to)).toEqual([['ops@example.com']]);

    const headers = raw.toString('utf8').slice(0, raw.indexOf('\r\n\r\n'));
    expect(headers).not.toMatch(/^(bcc|cc|reply-to):/im);
    expect(rawControls(mail.subject ?? '')).toEqual([]);
    expect(mail.attachments.map((a) => a.contentType)).toEqual([
      'text/csv',
      'text/markdown',
      'text/html',
    ]);
  });

  it('lists every hostile rule among its stale rules', () => {
    expect(HOSTILE_GROUPS.length).toBeLessThanOrEqual(STALE_RULES_SHOWN);
    for (const { ruleId } of HOSTILE_GROUPS) expect(mail.text).toContain(` ${ruleId}: `);
  });
});

describe('its text part', () => {
  it('holds no control character', () => {
    expect(rawControls(mail.text ?? '')).toEqual([]);
  });

  it.each(HOSTILE_GROUPS.map((group) => [group.payload.name, group] as const))(
    'shows %s on its own lines as its visible text',
    (_name, { groupId, ruleId, payload }) => {
      const lines = (mail.text ?? '').split('\n');
      const at = lines.findIndex((line) => line.includes(` ${ruleId}: `));

      expect(lines[at]).toMatch(/^ {0,2}\d+\. /);
      expect(lines[at]).toContain(`. ${payload.line.trim()} (${groupId}) ${ruleId}: all traffic`);
      expect(lines[at + 1]).toContain(`; description: ${payload.line}`);
    },
  );
});

describe('its HTML part', () => {
  /** What the part's fixed markup uses: no link, no image, no script, no form. */
  const TAGS = 'html head meta title body h1 h2 p br table thead tbody tr th td span ul li strong';
  const ATTRIBUTES = ['lang', 'charset', 'name', 'content', 'style', 'cellpadding', 'cellspacing'];
  let part: ParsedHtml;

  beforeAll(async () => {
    part = await parseHtml(browser, mail.html || '');
  });

  it('holds no control character, and no element or attribute beyond its own', () => {
    expect(rawControls(mail.html || '')).toEqual([]);
    const tags = new Set(part.elements.map((element) => element.tag));
    const names = new Set(part.elements.flatMap((e) => e.attributes.map((a) => a.split('=')[0])));

    expect([...tags].filter((tag) => !TAGS.split(' ').includes(tag))).toEqual([]);
    expect([...names].filter((name) => !ATTRIBUTES.includes(name ?? ''))).toEqual([]);
  });

  it.each(HOSTILE_GROUPS.map((group) => [group.payload.name, group] as const))(
    'shows %s as the text of its group and description cells',
    (_name, { groupId, ruleId, payload }) => {
      const row = part.rows.find((cells) => cells[2] === ruleId);

      expect(row?.[1]).toBe(`${payload.line.trim()} (${groupId})`);
      expect(row?.[6]).toBe(payload.line);
    },
  );
});

describe('its attachments', () => {
  it('the CSV report: no formula a spreadsheet would run, every payload back as text', () => {
    const csv = checkCsv(attachment('csv'));
    expect([...csv.whole, ...HOSTILE_GROUPS.flatMap(csv.group)]).toEqual([]);
  });

  it('the Markdown report: only its own structure, every payload a plain cell', () => {
    const markdown = checkMarkdown(attachment('md'));
    expect([...markdown.whole, ...HOSTILE_GROUPS.flatMap(markdown.group)]).toEqual([]);
  });

  it('the HTML report: the markup of a harmless page, every payload as data', async () => {
    const page = await checkHtmlPage(browser, attachment('html'));
    expect([...page.whole, ...HOSTILE_GROUPS.flatMap(page.group)]).toEqual([]);
  });
});
