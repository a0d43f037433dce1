import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isStaleSgError } from '../../src/errors.js';
import type { CadenceFinding } from '../../src/findings/cadence-findings.js';
import { formatCsv } from '../../src/report/format-csv.js';
import { formatHtml } from '../../src/report/html/format-html.js';
import { formatMarkdown } from '../../src/report/format-markdown.js';
import { parseCidr } from '../../src/net/ip-address.js';
import type { StoredReport } from '../../src/pipeline/stored-report.js';
import { escapeHtml } from '../../src/notify/escape-html.js';
import type { FindingsEmail } from '../../src/notify/findings-email.js';
import { composeFindingsEmail } from '../../src/notify/findings-email.js';
import type { NotifyMode } from '../../src/notify/should-notify.js';
import { shouldNotify } from '../../src/notify/should-notify.js';
import type { DemoReport } from './notify-fixtures.js';
import { RECIPIENTS, SENDER, demoReport, hostileReport, withOnly } from './notify-fixtures.js';

let demo: DemoReport;
let report: StoredReport;
let email: FindingsEmail;

beforeAll(async () => {
  demo = await demoReport();
  report = demo.report;
  email = composeFindingsEmail(report, { from: SENDER, to: RECIPIENTS });
});

afterAll(async () => {
  await demo?.remove();
});

/** Where each id first appears in the text; -1 when it does not. */
function positions(text: string, ids: readonly string[]): number[] {
  return ids.map((id) => text.indexOf(id));
}

/** Tags and attribute names the email's HTML may contain: fixed markup, no links, no images. */
const ALLOWED_TAGS = new Set(
  '!doctype html head meta title body h1 h2 p br table thead tbody tr th td span strong ul li'.split(
    ' ',
  ),
);
const ALLOWED_ATTRIBUTES = new Set([
  'lang',
  'charset',
  'name',
  'content',
  'style',
  'cellpadding',
  'cellspacing',
]);

function tagsOf(html: string): { tags: Set<string>; attributes: Set<string> } {
  const tags = new Set<string>();
  const attributes = new Set<string>();
  for (const match of html.matchAll(/<\/?([!a-z0-9]+)([^>]*)>/gi)) {
    tags.add((match[1] ?? '').toLowerCase());
    for (const attribute of (match[2] ?? '').matchAll(/\s([a-z-]+)=("[^"]*"|'[^']*'|[^\s>]*)/gi)) {
      attributes.add((attribute[1] ?? '').toLowerCase());
    }
  }
  return { tags, attributes };
}

describe('composeFindingsEmail', () => {
  it('puts the counts and the window in the subject', () => {
    const { stale, risky, redundant } = report.findings;
    const [from, to] = [report.window.from?.slice(0, 10), report.window.to?.slice(0, 10)];
    expect(email.subject).toBe(
      `stale-sg: ${stale.length} stale, ${risky.length} risky, ${redundant.length} redundant rules ` +
        `in ${from}..${to}`,
    );
    expect(stale.length).toBeGreaterThan(0);
  });

  it('keeps the subject on one line whatever the prefix', () => {
    const custom = composeFindingsEmail(report, {
      from: SENDER,
      to: RECIPIENTS,
      subjectPrefix: '[prod]\r\nBcc: x@evil.example\u0007',
    });
    expect(custom.subject).toMatch(/^\[prod\] Bcc: x@evil\.example: \d+ stale, /);
    // eslint-disable-next-line no-control-regex -- looking for controls is the point
    expect(custom.subject).not.toMatch(/[\u0000-\u001f\u007f]/);
  });

  it('ranks stale rules risky first, then by how wide their peer is, in both parts', () => {
    const rules = new Map(report.rules.map((rule) => [rule.ruleId, rule]));
    const riskyStale = new Set(
      report.findings.risky.filter((f) => f.status === 'stale').map((f) => f.ruleId),
    );
    const ids = report.findings.stale.map((finding) => finding.ruleId);
    const inText = [...ids].sort((a, b) => email.text.indexOf(a) - email.text.indexOf(b));
    const inHtml = [...ids].sort((a, b) => email.html.indexOf(a) - email.html.indexOf(b));

    expect(positions(email.text, ids).every((index) => index >= 0)).toBe(true);
    expect(inHtml).toEqual(inText);
    expect(riskyStale.size).toBeGreaterThan(0);
    expect(new Set(inText.slice(0, riskyStale.size))).toEqual(riskyStale);

    const ingress = inText
      .slice(riskyStale.size)
      .filter((id) => rules.get(id)?.direction === 'ingress');
    const hostBits = ingress.map((id) => {
      const peer = rules.get(id)?.peer;
      const block = peer === undefined ? undefined : parseCidr(peer.value);
      return block === undefined ? 0 : (block.family === 4 ? 32 : 128) - block.prefixLength;
    });
    expect(hostBits).toEqual([...hostBits].sort((a, b) => b - a));
  });

  it('marks the risky stale rules with why they are risky', () => {
    expect(email.text).toMatch(/RISKY: RDP \(3389\) open to 0\.0\.0\.0\/0/);
    expect(email.html).toMatch(/>RISKY<\/span> RDP \(3389\) open to 0\.0\.0\.0\/0/);
  });

  it('lists the top 10 narrowing suggestions and says how many more there are', () => {
    const total = report.findings.narrowing.length;
    const section = email.text.split('Narrowing suggestions')[1]?.split('Other findings')[0] ?? '';
    expect(total).toBeGreaterThan(10);
    expect(section.split('\n').filter((line) => /^ {1,2}\d+\. /.test(line))).toHaveLength(10);
    expect(email.text).toContain(`${total - 10} more in the attached reports.`);
    expect(email.html).toContain(`${total - 10} more in the attached reports.`);
  });

  it('gives every other kind of finding a line with its count', () => {
    const { findings } = report;
    for (const [kind, count] of [
      ['Risky', `${findings.risky.length} rule`],
      ['Redundant', `${findings.redundant.length} rule`],
      ['Shadowed', `${findings.shadowed.length} rule`],
      ['Unattached groups', `${findings.unattached.length} group`],
      ['Unobserved', `${findings.unobserved.length} rule`],
      ['Cadence', `${findings.cadence.length} rule`],
      ['Rejected', `${report.summary.rejectedRecords} record`],
    ]) {
      expect(email.text).toContain(`- ${kind}: ${count}`);
      expect(email.html).toContain(`<strong>${kind}</strong>: ${count}`);
    }
  });

  it('attaches the CSV, Markdown and HTML reports', () => {
    const day = report.window.to?.slice(0, 10);
    expect(email.attachments).toEqual([
      {
        filename: `stale-sg-${day}.csv`,
        contentType: 'text/csv; charset=utf-8',
        content: formatCsv(report),
      },
      {
        filename: `stale-sg-${day}.md`,
        contentType: 'text/markdown; charset=utf-8',
        content: formatMarkdown(report),
      },
      {
        filename: `stale-sg-${day}.html`,
        contentType: 'text/html; charset=utf-8',
        content: formatHtml(report),
      },
    ]);
    expect(email.text).toContain(
      `Attached: stale-sg-${day}.csv, stale-sg-${day}.md, stale-sg-${day}.html.`,
    );
  });

  it('says so when there is no record and no finding', () => {
    const empty = { ...withOnly(report, null), window: { from: null, to: null } };
    const quiet = composeFindingsEmail(empty, { from: SENDER, to: RECIPIENTS });
    expect(quiet.subject).toBe(
      'stale-sg: 0 stale, 0 risky, 0 redundant rules (no flow log records)',
    );
    expect(quiet.text).toContain('Stale rules, riskiest first\nNone.');
    expect(quiet.text).toContain('Narrowing suggestions\nNone.');
    expect(quiet.html).toContain('Window: none (no records)');
    expect(quiet.attachments.map((a) => a.filename)).toEqual([
      `stale-sg-${report.generatedAt.slice(0, 10)}.csv`,
      `stale-sg-${report.generatedAt.slice(0, 10)}.md`,
      `stale-sg-${report.generatedAt.slice(0, 10)}.html`,
    ]);
  });

  it('loads nothing from outside and sets no page colours', () => {
    const { tags, attributes } = tagsOf(email.html);
    expect([...tags].filter((tag) => !ALLOWED_TAGS.has(tag))).toEqual([]);
    expect([...attributes].filter((name) => !ALLOWED_ATTRIBUTES.has(name))).toEqual([]);
    expect(email.html).not.toMatch(/url\(|@import|https?:/i);
    expect(email.html).toContain('<meta name="color-scheme" content="light dark">');
    expect(email.html).not.toMatch(/<body[^>]*(background|[^-]color:)/);
  });
});

describe('composeFindingsEmail with hostile account text', () => {
  let hostile: FindingsEmail;
  let ruleId: string;

  beforeAll(() => {
    const variant = hostileReport(report);
    ruleId = variant.ruleId;
    hostile = composeFindingsEmail(variant.report, { from: SENDER, to: RECIPIENTS });
  });

  it('escapes markup, handlers, links and quotes in the HTML', () => {
    const { tags, attributes } = tagsOf(hostile.html);
    expect([...tags].filter((tag) => !ALLOWED_TAGS.has(tag))).toEqual([]);
    expect([...attributes].filter((name) => !ALLOWED_ATTRIBUTES.has(name))).toEqual([]);

    expect(hostile.html).not.toMatch(/<script|<img|<a /i);
    expect(hostile.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(hostile.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(hostile.html).toContain('&lt;a href=&quot;javascript:alert(2)&quot;&gt;click&lt;/a&gt;');
    expect(hostile.html).toContain('&quot;double&quot; &#39;single&#39;');
    expect(hostile.html).not.toContain('\u202e');
  });

  it('keeps each hostile name on its line in the text part, without controls', () => {
    const line = hostile.text.split('\n').find((candidate) => candidate.includes(ruleId));
    expect(line).toMatch(/^ {2}1\. evil +Bcc: x@evil\.example +<script>alert\(1\)<\/script> \(sg-/);
    // eslint-disable-next-line no-control-regex -- looking for controls is the point
    expect(hostile.text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(hostile.text).not.toMatch(/^Bcc:/m);
  });
});

describe('composeFindingsEmail addresses', () => {
  it.each([
    ['a sender with a line break', 'a@example.com\r\nBcc: x@evil.example', ['ops@example.com']],
    ['two senders', 'a@example.com, b@example.com', ['ops@example.com']],
    ['a sender without a domain', 'stale-sg', ['ops@example.com']],
    ['no recipient', 'a@example.com', []],
    ['an empty recipient', 'a@example.com', ['']],
    ['a recipient with a control', 'a@example.com', ['ops@example.com\u0000']],
  ])('rejects %s', (_case, from, to) => {
    let thrown: unknown;
    try {
      composeFindingsEmail(report, { from, to });
    } catch (error) {
      thrown = error;
    }
    expect(isStaleSgError(thrown) && thrown.code).toBe('INVALID_ARGUMENT');
  });
});

describe('escapeHtml', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['<img src=x onerror="alert(1)">', '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'],
    ["javascript:alert('x')", 'javascript:alert(&#39;x&#39;)'],
    ['a & b', 'a &amp; b'],
    ['&amp;', '&amp;amp;'],
    ['plain text', 'plain text'],
  ])('escapes %j', (text, escaped) => {
    expect(escapeHtml(text)).toBe(escaped);
  });
});

describe('shouldNotify', () => {
  it.each<[string, NotifyMode, boolean, keyof StoredReport['findings'] | null]>([
    ['stale rules', 'on-findings', true, 'stale'],
    ['risky rules', 'on-findings', true, 'risky'],
    ['redundant rules', 'on-findings', true, 'redundant'],
    ['shadowed rules', 'on-findings', true, 'shadowed'],
    ['narrowing suggestions', 'on-findings', true, 'narrowing'],
    ['unattached groups', 'on-findings', true, 'unattached'],
    ['only unobserved rules', 'on-findings', false, 'unobserved'],
    ['only rejected traffic', 'on-findings', false, 'rejected'],
    ['no finding', 'on-findings', false, null],
    ['no finding', 'always', true, null],
    ['stale rules', 'always', true, 'stale'],
  ])('%s, %s: %s', (_case, mode, expected, kind) => {
    const variant = withOnly(report, kind);
    if (kind !== null) expect(variant.findings[kind].length).toBeGreaterThan(0);
    expect(shouldNotify(variant, mode)).toBe(expected);
  });

  it('is quiet on a report whose only findings are periodic rules', () => {
    const rule = report.rules[0];
    if (rule === undefined) throw new Error('the demo has no rules');
    const weekly: CadenceFinding = {
      ruleId: rule.ruleId,
      groupId: rule.groupId,
      groupName: rule.groupName,
      direction: rule.direction,
      usedDays: 4,
      intervalDays: 7,
      toleranceDays: 2,
      lastUse: '2026-11-27',
      nextExpected: '2026-12-04',
      overdueAfter: '2026-12-06T00:00:00.000Z',
      overdue: false,
    };
    const findings = { ...withOnly(report, null).findings, cadence: [weekly] };
    expect(shouldNotify({ ...report, findings }, 'on-findings')).toBe(false);
  });
});
