import { PAGE_FUNCTIONS, pageBody } from '../report/html/format-html.js';
import { PAGE_STYLE } from '../report/html/page-style.js';

/** Where the page finds its parts; the server serves these paths and nothing else. */
export const ASSET_PATHS = {
  style: '/assets/dashboard.css',
  charts: '/assets/echarts.min.js',
  script: '/assets/dashboard.js',
} as const;

/**
 * Only the server's own files and its API: no inline script at all, so an
 * injected `<script>` or event handler could not run even if one reached the
 * page. Style attributes stay allowed because ECharts positions its canvases
 * and tooltips with them.
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "style-src-attr 'unsafe-inline'",
  "connect-src 'self'",
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const DASHBOARD_STYLE = `
#range { display: flex; flex-wrap: wrap; gap: 0.6rem 1rem; align-items: end; margin: 0.8rem 0 0.2rem; }
#range label { display: flex; flex-direction: column; font-size: 0.85rem; color: var(--muted); }
#range input { font: inherit; padding: 0.2rem 0.3rem; background: var(--bg); color: var(--fg); border: 1px solid var(--line); border-radius: 4px; }
#range input[type=number] { width: 6rem; }
#range button { font: inherit; padding: 0.25rem 0.8rem; }
#range-status.error { color: var(--stale); }
body[aria-busy=true] main { opacity: 0.55; }
@media print { #range { display: none; } }
`;

/** The dashboard's style sheet: the report's, plus the date-range form. */
export const DASHBOARD_STYLE_SHEET = PAGE_STYLE + DASHBOARD_STYLE;

/** The date-range form: fixed markup; the script fills in the values. */
const RANGE_FORM = `<form id="range" role="search" aria-label="Date range">
<label>From (UTC day)<input id="range-since" name="since" type="date"></label>
<label>To (UTC day, inclusive)<input id="range-until" name="until" type="date"></label>
<label>Stale after (days)<input id="range-stale-after" name="staleAfter" type="number" min="0" step="1" placeholder="30"></label>
<button type="submit">Apply</button>
<button type="button" id="range-all">All history</button>
<span id="range-status" class="muted" role="status"></span>
</form>
`;

/**
 * The dashboard's start: read the range from the address, load
 * `/api/dashboard` with it, and reload on Apply. The range goes back into
 * the address so that a view can be bookmarked or shared.
 */
const DASHBOARD_BOOT = String.raw`
var form = document.getElementById('range');
var since = document.getElementById('range-since');
var until = document.getElementById('range-until');
var staleAfter = document.getElementById('range-stale-after');
var status = document.getElementById('range-status');
var FIELDS = [['since', since], ['until', until], ['staleAfter', staleAfter]];

function rangeQuery() {
  var params = new URLSearchParams();
  FIELDS.forEach(function (f) { if (f[1].value !== '') params.set(f[0], f[1].value); });
  return params.toString();
}

function setStatus(text, isError) {
  status.textContent = clean(text);
  status.className = isError ? 'error' : 'muted';
}

function load() {
  var query = rangeQuery();
  document.body.setAttribute('aria-busy', 'true');
  setStatus('Loading\u2026', false);
  return fetch('/api/dashboard' + (query ? '?' + query : ''), { headers: { accept: 'application/json' } })
    .then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) throw new Error(body && body.error ? body.error : 'HTTP ' + response.status);
        return body;
      });
    })
    .then(function (body) {
      showReport(body);
      history.replaceState(null, '', query ? '?' + query : location.pathname);
      setStatus(count(body.report.rules.length) + ' rules, ' + (query ? 'filtered by date' : 'all history'), false);
    })
    .catch(function (error) { setStatus('Could not load the report: ' + error.message, true); })
    .finally(function () { document.body.removeAttribute('aria-busy'); });
}

function loadBounds() {
  return fetch('/api/status', { headers: { accept: 'application/json' } })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (body) {
      if (!body || !body.history) return;
      [since, until].forEach(function (input) {
        if (body.history.firstDay) input.min = body.history.firstDay;
        if (body.history.lastDay) input.max = body.history.lastDay;
      });
    })
    .catch(function () { /* the bounds only help; the form works without them */ });
}

var initial = new URLSearchParams(location.search);
FIELDS.forEach(function (f) { var v = initial.get(f[0]); if (v !== null) f[1].value = v; });
form.addEventListener('submit', function (e) { e.preventDefault(); load(); });
document.getElementById('range-all').addEventListener('click', function () {
  since.value = '';
  until.value = '';
  load();
});
setupCharts();
setupRulesTable();
loadBounds();
load();
`;

/** The dashboard's own script: the report page's render functions and the range form. */
export const DASHBOARD_SCRIPT = `(function () {
'use strict';
${PAGE_FUNCTIONS}
${DASHBOARD_BOOT}
})();
`;

/** The dashboard's HTML: the report page's layout with the range form, its parts as files. */
export const DASHBOARD_HTML = [
  '<!DOCTYPE html>',
  '<html lang="en">',
  '<head>',
  '<meta charset="utf-8">',
  '<meta name="viewport" content="width=device-width, initial-scale=1">',
  '<meta name="color-scheme" content="light dark">',
  '<meta name="referrer" content="no-referrer">',
  '<title>Security group rule usage \u2014 stale-sg dashboard</title>',
  `<link rel="stylesheet" href="${ASSET_PATHS.style}">`,
  '</head>',
  '<body>',
  pageBody(RANGE_FORM),
  `<script src="${ASSET_PATHS.charts}"></script>`,
  `<script src="${ASSET_PATHS.script}"></script>`,
  '</body>',
  '</html>',
  '',
].join('\n');
