import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import type { ReportWithFindings } from '../report-with-findings.js';
import { heatMaps } from './heat-maps.js';
import { scriptJson } from './json-island.js';
import { PAGE_STYLE } from './page-style.js';
import { SCRIPT_CHARTS } from './script-charts.js';
import { SCRIPT_CORE } from './script-core.js';
import { SCRIPT_RULES } from './script-rules.js';

/**
 * The functions that render a report into `pageBody()`, shared by this file
 * and the dashboard of `stale-sg serve`; `showReport(data)` draws or redraws
 * every section.
 */
export const PAGE_FUNCTIONS = `${SCRIPT_CORE}
${SCRIPT_CHARTS}
${SCRIPT_RULES}`;

/**
 * The page's own script: the render functions in one function scope, run
 * once the document is parsed (the scripts sit at the end of the body).
 */
const PAGE_SCRIPT = `(function () {
'use strict';
${PAGE_FUNCTIONS}
setupCharts();
setupRulesTable();
showReport(JSON.parse(document.getElementById('report-data').textContent));
})();
`;

/**
 * The page's markup: fixed text only; every value from the report is added
 * by the script. `controls` (fixed markup too) ends the header: the
 * dashboard's date range.
 */
export function pageBody(controls = ''): string {
  return `<header>
<h1>Security group rule usage</h1>
<p id="window" class="muted"></p>
<nav><a href="#summary">Summary</a><a href="#heat-maps">Heat maps</a><a href="#findings-section">Findings</a><a href="#rules">Rules</a><a href="#groups-section">Groups</a></nav>
${controls}</header>
<main>
<section id="summary"><h2>Summary</h2><div id="cards" class="cards"></div><ul id="notes"></ul></section>
<section id="heat-maps"><h2>Heat maps</h2><div id="charts" class="charts"></div></section>
<section id="findings-section"><h2>Findings</h2><div id="findings"></div></section>
<section id="rules"><h2>Rules</h2>
<div class="filters">
<label>Status<select id="f-status"><option value="">any</option></select></label>
<label>Group<select id="f-group"><option value="">any</option></select></label>
<label>VPC<select id="f-vpc"><option value="">any</option></select></label>
<label>Account<select id="f-account"><option value="">any</option></select></label>
<label>Direction<select id="f-direction"><option value="">any</option></select></label>
<label>Text<input id="f-text" type="search" placeholder="rule, group, peer, description"></label>
</div>
<p id="rules-count" class="muted"></p>
<div class="table-scroll"><table><thead id="rules-head"></thead><tbody id="rules-body"></tbody></table></div>
<button id="rules-more" type="button" hidden>Show more</button>
</section>
<section id="groups-section"><h2>Groups</h2><div id="groups"></div></section>
</main>
<noscript><p>This report needs JavaScript to show its data.</p></noscript>`;
}

let echartsSource: string | undefined;

/**
 * ECharts' minified build, read once from the installed package. It is
 * inlined, not linked, so that the report opens from disk or from an email
 * attachment without a network.
 */
export function echartsScript(): string {
  if (echartsSource === undefined) {
    const path = createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js');
    echartsSource = readFileSync(path, 'utf8');
  }
  return echartsSource;
}

/** The CSP source for an inline block: the base64 SHA-256 of its exact text. */
export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * Nothing may load or connect: no default source, images only as data URLs,
 * and only the two inline scripts whose hashes are listed. Style elements
 * are pinned by hash as well; style attributes need 'unsafe-inline' because
 * ECharts positions its tooltips and canvases with them.
 */
function contentSecurityPolicy(scripts: readonly string[], style: string): string {
  return [
    "default-src 'none'",
    `script-src ${scripts.map(cspHash).join(' ')}`,
    `style-src ${cspHash(style)}`,
    `style-src-elem ${cspHash(style)}`,
    "style-src-attr 'unsafe-inline'",
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * The report as one self-contained HTML page: summary cards, heat maps
 * (rules by day, rules by direction, groups by port), the findings with their
 * evidence, a sortable and filterable rules table, and one section per group.
 * The report travels as JSON in a `<script type="application/json">` island
 * that the page reads with `JSON.parse` and shows with `textContent` only, so
 * no account text is ever parsed as HTML.
 */
export function formatHtml(report: ReportWithFindings): string {
  const island = scriptJson({ report, heatMaps: heatMaps(report) });
  const scripts = [echartsScript(), PAGE_SCRIPT];
  const csp = contentSecurityPolicy(scripts, PAGE_STYLE);

  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    '<title>Security group rule usage</title>',
    `<style>${PAGE_STYLE}</style>`,
    '</head>',
    '<body>',
    pageBody(),
    `<script type="application/json" id="report-data">${island}</script>`,
    ...scripts.map((script) => `<script>${script}</script>`),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
