import { CONTROL_PATTERN_SOURCES } from '../sanitize.js';

/**
 * The page's helpers, summary and findings, as browser JavaScript. Account
 * text reaches the page only through `textContent` (the `el` and `table`
 * helpers): never `innerHTML`, and never an attribute such as `href` built
 * from the data, so a hostile group name stays text. Class names come from
 * fixed maps, not from the data.
 */
export const SCRIPT_CORE = String.raw`
var data = null;
var report = null;
var groupsById = new Map();
var rulesById = new Map();
var STATUS_CLASS = { used: 'status-used', stale: 'status-stale', unobserved: 'status-unobserved', unattached: 'status-unattached' };

/** Makes next ({ report, heatMaps }) the data every render function reads. */
function useData(next) {
  data = next;
  report = next.report;
  groupsById = new Map(report.groups.map(function (g) { return [g.groupId, g]; }));
  rulesById = new Map(report.rules.map(function (r) { return [r.ruleId, r]; }));
}

/*
 * Escape sequences, controls and bidi overrides, stripped with the patterns
 * of sanitize.ts, as for the other formats: inert in a page, but bidi
 * controls can still show text in another order than it is stored
 * (CVE-2021-42574), and an OSC string would leave its URL or title behind.
 */
var ANSI = new RegExp(${JSON.stringify(CONTROL_PATTERN_SOURCES.sequence)}, 'g');
var SPACES = new RegExp(${JSON.stringify(CONTROL_PATTERN_SOURCES.whitespace)}, 'g');
var CONTROLS = new RegExp(${JSON.stringify(CONTROL_PATTERN_SOURCES.control)}, 'g');
function clean(text) {
  return String(text).replace(ANSI, '').replace(SPACES, ' ').replace(CONTROLS, '');
}

function el(tag, className, text) {
  var node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = clean(text);
  return node;
}

function count(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ','); }
function day(iso) { return iso === null || iso === undefined ? 'never' : String(iso).slice(0, 10); }
function minute(iso) { return iso === null ? 'unknown' : String(iso).slice(0, 16).replace('T', ' '); }
function dir(d) { return d === 'ingress' ? 'in' : 'out'; }
function pct(share) { return Math.round(share * 1000) / 10 + ' %'; }
function list(items) { return items.length === 0 ? 'none' : items.join(', '); }

function groupLabel(name, id) {
  var text = name === null || name === undefined ? '' : String(name).trim();
  return text === '' || text === id ? id : text + ' (' + id + ')';
}

function groupOf(id) {
  var group = groupsById.get(id);
  return group ? groupLabel(group.groupName, id) : id;
}

function ports(rule) {
  if (rule.protocol === 'icmp' || rule.protocol === 'icmpv6') {
    if (rule.icmpType === null || rule.icmpType === -1) return 'all';
    if (rule.icmpCode === null || rule.icmpCode === -1) return 'type ' + rule.icmpType;
    return 'type ' + rule.icmpType + ' code ' + rule.icmpCode;
  }
  if (rule.fromPort === null || rule.toPort === null) return 'all';
  return rule.fromPort === rule.toPort ? String(rule.fromPort) : rule.fromPort + '-' + rule.toPort;
}

/** columns: [{ title, num, cell(row) -> text, className(row) -> fixed class }] */
function tableHead(columns) {
  var thead = el('thead');
  var tr = el('tr');
  columns.forEach(function (c) { tr.appendChild(el('th', c.num ? 'num' : '', c.title)); });
  thead.appendChild(tr);
  return thead;
}

function tableRow(columns, row) {
  var tr = el('tr');
  columns.forEach(function (c) {
    var extra = c.className ? c.className(row) : '';
    tr.appendChild(el('td', (c.num ? 'num ' : '') + (extra || ''), c.cell(row)));
  });
  return tr;
}

function table(columns, rows) {
  var node = el('table');
  node.appendChild(tableHead(columns));
  var tbody = el('tbody');
  rows.forEach(function (row) { tbody.appendChild(tableRow(columns, row)); });
  node.appendChild(tbody);
  return node;
}

function renderSummary() {
  var s = report.summary;
  document.getElementById('window').textContent =
    'Window: ' + (report.window.from === null && report.window.to === null
      ? 'none (no records)'
      : minute(report.window.from) + ' to ' + minute(report.window.to) + ' UTC') +
    ' \u00b7 generated ' + minute(report.generatedAt) + ' UTC';
  var cards = [
    ['Rules', s.rules, ''], ['Stale', s.stale, 'stale'], ['Unobserved', s.unobserved, 'unobserved'],
    ['Unattached', s.unattached, 'unattached'], ['Used', s.used, 'used'], ['Groups', report.groups.length, ''],
    ['Records', s.records, ''], ['Accepted', s.acceptedRecords, ''], ['Rejected', s.rejectedRecords, ''],
    ['Malformed', s.malformedRecords, '']
  ];
  // A report read back from the store (the dashboard) has no files of its own.
  if (report.sources.files > 0 || report.sources.skipped.length > 0) {
    cards.push(['Files read', report.sources.files, ''], ['Files skipped', report.sources.skipped.length, '']);
  }
  var box = document.getElementById('cards');
  box.replaceChildren();
  cards.forEach(function (c) {
    var card = el('div', 'card ' + c[2]);
    card.appendChild(el('div', 'muted', c[0]));
    card.appendChild(el('div', 'value', count(c[1])));
    box.appendChild(card);
  });
  var notes = document.getElementById('notes');
  notes.replaceChildren();
  report.warnings.forEach(function (w) { notes.appendChild(el('li', '', 'Warning: ' + w)); });
  report.sources.skipped.forEach(function (s) { notes.appendChild(el('li', '', 'Skipped ' + s.path + ': ' + s.reason)); });
}

var G = { title: 'Group', cell: function (f) { return groupLabel(f.groupName, f.groupId); } };
var R = { title: 'Rule', cell: function (f) { return f.ruleId; } };
var D = { title: 'Dir', cell: function (f) { return dir(f.direction); } };
function num(title, pick) { return { title: title, num: true, cell: function (f) { var v = pick(f); return v === null ? '' : count(v); } }; }
function txt(title, pick) { return { title: title, cell: pick }; }
function yes(v) { return v ? 'yes' : ''; }

var FINDINGS = [
  ['risky', 'Risky rules (open to the internet), highest score first', [
    num('Score', function (f) { return f.score; }), G, R, D, txt('CIDR', function (f) { return f.cidr; }),
    txt('Exposure', function (f) { return f.exposure; }), txt('Ports', function (f) { return list(f.exposedPorts); }),
    { title: 'Status', cell: function (f) { return f.status; }, className: function (f) { return 'status ' + (STATUS_CLASS[f.status] || ''); } },
    num('Hits', function (f) { return f.hits; }),
    txt('Last seen', function (f) { var r = rulesById.get(f.ruleId); return day(r ? r.lastSeen : null); }),
    txt('Reason', function (f) { return f.reason; })]],
  ['stale', 'Stale rules: no hits for longer than the threshold', [G, R, D,
    txt('Last seen', function (f) { return day(f.evidence.lastSeen); }),
    num('Days since', function (f) { return f.evidence.daysSinceLastSeen; }),
    num('Stale after', function (f) { return f.evidence.staleAfterDays; }),
    num('Logged days', function (f) { return f.evidence.coveredDays; }),
    num('Hits in window', function (f) { return f.evidence.hitsInWindow; }),
    txt('Referenced by', function (f) { return list(f.referencedBy.map(groupOf)); }),
    txt('Default group', function (f) { return yes(f.defaultGroup); })]],
  ['unobserved', 'Unobserved rules: none of the group\u2019s interfaces is in the logs', [G, R, D,
    txt('Interfaces to log', function (f) { return list(f.evidence.interfaces); }),
    txt('Last seen', function (f) { return day(f.evidence.lastSeen); }),
    num('Hits in window', function (f) { return f.evidence.hitsInWindow; })]],
  ['unattached', 'Unattached groups', [G, txt('VPC', function (f) { return f.vpcId || ''; }),
    num('Rules', function (f) { return f.ruleIds.length; }),
    txt('Referenced by', function (f) { return list(f.referencedBy.map(groupOf)); }),
    txt('Last seen', function (f) { return day(f.evidence.lastSeen); }),
    num('Hits in window', function (f) { return f.evidence.hitsInWindow; }),
    txt('Default group', function (f) { return yes(f.defaultGroup); })]],
  ['redundant', 'Redundant rules: every request was also allowed by another rule', [G, R, D,
    num('Hits', function (f) { return f.hits; }),
    txt('Also allowed by (shared hits)', function (f) { return list(f.alsoAllowedBy.map(function (a) { return a.ruleId + ' (' + count(a.sharedHits) + ')'; })); })]],
  ['shadowed', 'Shadowed rules: covered by another rule of the group', [G, R, D,
    txt('Covered by', function (f) { return f.coveredBy; }), txt('Identical', function (f) { return yes(f.identical); }),
    txt('Reason', function (f) { return f.reason; })]],
  ['narrowing', 'Rules wider than their traffic', [G, R, D,
    txt('Allows now', function (f) { return f.target === 'ports' ? f.protocol + ' ' + f.fromPort + '-' + f.toPort : f.cidr; }),
    num('Hits', function (f) { return f.hits; }),
    txt('Would suffice (share of hits)', function (f) { return list(f.suggestions.map(function (s) {
      var what = f.target === 'ports' ? (s.fromPort === s.toPort ? String(s.fromPort) : s.fromPort + '-' + s.toPort) : s.cidr;
      return what + ' (' + pct(s.share) + ')'; })); })]],
  ['cadence', 'Periodic rules and whether their next use is overdue', [G, R, D,
    num('Used days', function (f) { return f.usedDays; }), num('Every (days)', function (f) { return f.intervalDays; }),
    txt('Last use', function (f) { return f.lastUse; }), txt('Next expected', function (f) { return f.nextExpected; }),
    txt('Overdue', function (f) { return yes(f.overdue); })]],
  ['rejected', 'Rejected traffic', [txt('Scope', function (f) { return f.scope === 'group' ? groupLabel(f.groupName, f.groupId) : 'all interfaces'; }),
    num('Records', function (f) { return f.records; }), txt('Interfaces', function (f) { return list(f.interfaces); }),
    txt('Top peers', function (f) { return list(f.topPeers.map(function (p) { return p.peer + ' ' + dir(p.direction) + ' (' + count(p.records) + ')'; })); }),
    txt('Top ports', function (f) { return list(f.topPorts.map(function (p) { return p.protocol + (p.port === null ? '' : ' ' + p.port) + ' (' + count(p.records) + ')'; })); })]]
];

function renderFindings() {
  var box = document.getElementById('findings');
  box.replaceChildren();
  if (!report.findings) {
    box.appendChild(el('p', 'muted', 'This report has no findings: they come from the store (stale-sg run or report).'));
    return;
  }
  FINDINGS.forEach(function (kind) {
    var items = (report.findings[kind[0]] || []).slice();
    if (kind[0] === 'risky') items.sort(function (a, b) { return b.score - a.score; });
    box.appendChild(el('h3', '', kind[1] + ' (' + count(items.length) + ')'));
    if (items.length === 0) { box.appendChild(el('p', 'muted', 'None.')); return; }
    var scroll = el('div', 'table-scroll');
    scroll.appendChild(table(kind[2], items));
    box.appendChild(scroll);
  });
}

/** Renders every section from next ({ report, heatMaps }), replacing what was shown. */
function showReport(next) {
  useData(next);
  renderSummary();
  renderCharts();
  renderFindings();
  renderRulesTable();
  renderGroups();
}
`;
