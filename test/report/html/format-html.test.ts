import { createHash } from 'node:crypto';

import { describe, expect, test } from 'vitest';

import { formatHtml } from '../../../src/report/html/format-html.js';
import { storedFixtureReport } from '../findings-fixture.js';
import { ATTACK, hostileReport, htmlReport, htmlRule } from './html-fixture.js';

const ISLAND = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/;

/** The bodies of the scripts the browser runs: every `<script>` without a type. */
function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1] ?? '');
}

/** The markup with every script body removed, so that only real tags and attributes remain. */
function markupOnly(html: string): string {
  return html.replace(/(<script[^>]*>)[\s\S]*?<\/script>/g, '$1</script>');
}

function island(html: string): string {
  const text = ISLAND.exec(html)?.[1];
  if (text === undefined) throw new Error('the page has no report-data island');
  return text;
}

function cspDirectives(html: string): Map<string, string[]> {
  const content = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
  if (content === undefined) throw new Error('the page has no Content-Security-Policy meta');
  return new Map(
    content.split(';').map((directive) => {
      const [name = '', ...sources] = directive.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('formatHtml', () => {
  const html = formatHtml(storedFixtureReport());

  test('writes one self-contained document', () => {
    const markup = markupOnly(html);

    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(markup.match(/<html\b/g)).toHaveLength(1);
    expect(markup.match(/<\/html>/g)).toHaveLength(1);
    expect(markup).not.toMatch(/<link\b/i);
    expect(markup).not.toMatch(/<script\b[^>]*\bsrc\s*=/i);
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(inlineScripts(html)).toHaveLength(2);
  });

  test('pins the inline scripts by hash in a strict Content-Security-Policy', () => {
    const csp = cspDirectives(html);
    const hashes = inlineScripts(html).map(
      (script) => `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`,
    );

    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(hashes);
    expect(csp.get('img-src')).toEqual(['data:']);
    expect(csp.has('connect-src')).toBe(false);
    expect(csp.get('style-src')?.every((source) => source.startsWith("'sha256-"))).toBe(true);
  });

  test('carries the report in a data island that parses back to it', () => {
    const report = storedFixtureReport();
    const data = JSON.parse(island(html)) as { report: typeof report };

    expect(data.report.rules).toEqual(report.rules);
    expect(data.report.findings).toEqual(report.findings);
    expect(data.report.daily).toEqual(report.daily);
  });
});

describe('formatHtml with hostile account text', () => {
  const report = hostileReport();
  const html = formatHtml(report);
  const text = island(html);

  test('never writes the hostile strings as markup', () => {
    expect(html).not.toContain('</script><script>');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('\u2028');
    expect(html).not.toContain('\u2029');
  });

  test('keeps them only JSON-escaped inside the data island', () => {
    const start = html.indexOf(text);
    const end = start + text.length;
    const escapedName = '\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e';

    expect(text).toContain(escapedName);
    expect(text).toContain('\\u003cimg src=x onerror=alert(1)\\u003e');
    expect(text).toContain('line\\u2028paragraph\\u2029end \\u0026 more');
    const peers = [...html.matchAll(/javascript:alert\(1\)/g)];

    expect(peers.length).toBeGreaterThan(0);
    for (const match of peers) {
      expect(match.index).toBeGreaterThan(start);
      expect(match.index).toBeLessThan(end);
    }
  });

  test('round-trips them exactly through JSON.parse', () => {
    const data = JSON.parse(text) as { report: typeof report };

    expect(data.report.rules).toEqual(report.rules);
    expect(data.report.groups).toEqual(report.groups);
    expect(data.report.rules[0]?.groupName).toBe(ATTACK.groupName);
    expect(data.report.warnings).toEqual(report.warnings);
  });
});

describe('formatHtml size', () => {
  function sizeWith(count: number): number {
    const rules = Array.from({ length: count }, (_, index) =>
      htmlRule(index, {
        groupId: `sg-${String(index % 200).padStart(17, '0')}`,
        description: `rule number ${index} for the load balancer health checks`,
        fromPort: 1000 + (index % 50),
        toPort: 1000 + (index % 50),
        hits: index % 7 === 0 ? 0 : index * 3,
      }),
    );
    return Buffer.byteLength(formatHtml(htmlReport(rules)), 'utf8');
  }

  test('grows by less than 2 KB per rule beyond the fixed part', () => {
    const fixed = sizeWith(0);
    const small = sizeWith(1000);
    const large = sizeWith(5000);

    expect((small - fixed) / 1000).toBeLessThan(2048);
    expect((large - fixed) / 5000).toBeLessThan(2048);
    expect((large - small) / 4000).toBeLessThan(2048);
  });
});
