/**
 * The rules table and the per-group sections, as browser JavaScript. With
 * 5,000 rules, building every row on each keystroke would stall the page, so
 * filtering and sorting work on the parsed data and only the first rows of
 * the result become DOM nodes ("Show more" adds the next ones). A group's
 * details are built when it is first opened.
 */
export const SCRIPT_RULES = String.raw`
var PAGE = 250;
var STATUS_RANK = { stale: 0, unobserved: 1, unattached: 2, used: 3 };
var RULE_COLUMNS = [
  { key: 'status', title: 'Status', cell: function (r) { return r.status; }, className: function (r) { return 'status ' + (STATUS_CLASS[r.status] || ''); }, sort: function (r) { return STATUS_RANK[r.status]; } },
  { key: 'group', title: 'Group', cell: function (r) { return groupLabel(r.groupName, r.groupId); } },
  { key: 'rule', title: 'Rule', cell: function (r) { return r.ruleId; }, className: function () { return 'mono'; } },
  { key: 'dir', title: 'Dir', cell: function (r) { return dir(r.direction); } },
  { key: 'protocol', title: 'Protocol', cell: function (r) { return r.protocol; } },
  { key: 'ports', title: 'Ports', cell: ports, sort: function (r) { return r.fromPort === null ? -1 : r.fromPort; } },
  { key: 'peer', title: 'Peer', cell: function (r) { return r.peer.value; } },
  { key: 'description', title: 'Description', cell: function (r) { return r.description || ''; } },
  { key: 'hits', title: 'Hits', num: true, cell: function (r) { return count(r.hits); }, sort: function (r) { return r.hits; } },
  { key: 'exclusive', title: 'Exclusive', num: true, cell: function (r) { return count(r.exclusiveHits); }, sort: function (r) { return r.exclusiveHits; } },
  { key: 'lastSeen', title: 'Last seen', cell: function (r) { return day(r.lastSeen); }, sort: function (r) { return r.lastSeen || ''; } },
  { key: 'vpc', title: 'VPC', cell: function (r) { return r.vpcId || ''; } },
  { key: 'account', title: 'Account', cell: function (r) { return r.accountId || ''; } }
];

var rows = [];
var state = { sortKey: 'status', descending: false, limit: PAGE, shown: rows };
var FILTERS = ['f-status', 'f-group', 'f-vpc', 'f-account', 'f-direction'];

/** Replaces a filter's choices after "any", keeping the chosen one if it is still offered. */
function fillSelect(id, values, label) {
  var select = document.getElementById(id);
  var chosen = select.value;
  while (select.options.length > 1) select.remove(1);
  values.forEach(function (v) {
    var option = el('option', '', label ? label(v) : v);
    option.value = v;
    select.appendChild(option);
  });
  select.value = values.indexOf(chosen) === -1 ? '' : chosen;
}

function distinct(pick) {
  var set = new Set();
  report.rules.forEach(function (r) { var v = pick(r); if (v !== null && v !== '') set.add(v); });
  return Array.from(set).sort();
}

function value(id) { return document.getElementById(id).value; }

function applyFilters() {
  var status = value('f-status'), group = value('f-group'), vpc = value('f-vpc');
  var account = value('f-account'), direction = value('f-direction');
  var words = value('f-text').toLowerCase().split(/\s+/).filter(Boolean);
  state.shown = rows.filter(function (row) {
    var r = row.rule;
    return (!status || r.status === status) && (!group || r.groupId === group) &&
      (!vpc || r.vpcId === vpc) && (!account || r.accountId === account) &&
      (!direction || r.direction === direction) &&
      words.every(function (w) { return row.text.indexOf(w) !== -1; });
  });
  state.limit = PAGE;
  sortRows();
}

function sortRows() {
  var column = RULE_COLUMNS.find(function (c) { return c.key === state.sortKey; });
  var key = column.sort || column.cell;
  var sign = state.descending ? -1 : 1;
  state.shown = state.shown.map(function (row) { return { row: row, key: key(row.rule) }; })
    .sort(function (a, b) {
      var order = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
      return sign * order || (a.row.rule.ruleId < b.row.rule.ruleId ? -1 : 1);
    })
    .map(function (entry) { return entry.row; });
  renderRows();
}

function renderRows() {
  var tbody = document.getElementById('rules-body');
  var fragment = document.createDocumentFragment();
  state.shown.slice(0, state.limit).forEach(function (row) { fragment.appendChild(tableRow(RULE_COLUMNS, row.rule)); });
  tbody.replaceChildren(fragment);
  var visible = Math.min(state.limit, state.shown.length);
  document.getElementById('rules-count').textContent =
    'Showing ' + count(visible) + ' of ' + count(state.shown.length) + ' matching rules (' + count(rows.length) + ' in all).';
  var more = document.getElementById('rules-more');
  more.hidden = visible >= state.shown.length;
  more.textContent = 'Show ' + count(Math.min(PAGE, state.shown.length - visible)) + ' more';
}

/** Once per page: the filters' and headers' event handlers. */
function setupRulesTable() {
  FILTERS.forEach(function (id) { document.getElementById(id).addEventListener('change', applyFilters); });
  var timer = null;
  document.getElementById('f-text').addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(applyFilters, 120);
  });
  document.getElementById('rules-more').addEventListener('click', function () { state.limit += PAGE; renderRows(); });

  var head = document.getElementById('rules-head');
  var tr = el('tr');
  RULE_COLUMNS.forEach(function (c) {
    var th = el('th', 'sortable' + (c.num ? ' num' : ''), c.title);
    th.tabIndex = 0;
    th.setAttribute('aria-sort', c.key === state.sortKey ? 'ascending' : 'none');
    var toggle = function () {
      state.descending = state.sortKey === c.key ? !state.descending : !!c.num;
      state.sortKey = c.key;
      Array.prototype.forEach.call(tr.children, function (cell) { cell.setAttribute('aria-sort', 'none'); });
      th.setAttribute('aria-sort', state.descending ? 'descending' : 'ascending');
      sortRows();
    };
    th.addEventListener('click', toggle);
    th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); toggle(); } });
    tr.appendChild(th);
  });
  head.appendChild(tr);
}

/** The current report's rules into the table, through the filters as they are set. */
function renderRulesTable() {
  rows = report.rules.map(function (r) {
    var text = [r.ruleId, r.groupId, r.groupName, r.protocol, ports(r), r.peer.value, r.description || '', r.vpcId || '', r.accountId || ''].join('\n').toLowerCase();
    return { rule: r, text: text };
  });
  fillSelect('f-status', ['stale', 'unobserved', 'unattached', 'used']);
  fillSelect('f-group', report.groups.map(function (g) { return g.groupId; }).sort(), groupOf);
  fillSelect('f-vpc', distinct(function (r) { return r.vpcId; }));
  fillSelect('f-account', distinct(function (r) { return r.accountId; }));
  fillSelect('f-direction', ['ingress', 'egress']);
  applyFilters();
}

var GROUP_RULE_COLUMNS = RULE_COLUMNS.filter(function (c) { return ['group', 'vpc', 'account'].indexOf(c.key) === -1; });

function groupDetails(group, rules) {
  var box = el('div');
  var facts = el('ul', 'facts');
  facts.appendChild(el('li', '', 'VPC: ' + (group.vpcId || 'unknown') + ' \u00b7 account: ' + (group.accountId || 'unknown') + ' \u00b7 region: ' + (group.region || 'unknown')));
  facts.appendChild(el('li', '', 'Description: ' + (group.description || 'none')));
  var tags = group.tags || {};
  facts.appendChild(el('li', '', 'Tags: ' + list(Object.keys(tags).sort().map(function (k) { return k + '=' + tags[k]; }))));
  facts.appendChild(el('li', '', 'Interfaces: ' + list(group.interfaces)));
  facts.appendChild(el('li', '', 'Referenced by: ' + list(group.referencedBy.map(groupOf))));
  box.appendChild(facts);
  box.appendChild(rules.length === 0 ? el('p', 'muted', 'No rules.') : table(GROUP_RULE_COLUMNS, rules));
  return box;
}

function renderGroups() {
  var byGroup = new Map();
  report.rules.forEach(function (r) {
    if (!byGroup.has(r.groupId)) byGroup.set(r.groupId, []);
    byGroup.get(r.groupId).push(r);
  });
  var box = document.getElementById('groups');
  box.replaceChildren();
  if (report.groups.length === 0) box.appendChild(el('p', 'muted', 'None.'));
  report.groups.slice().sort(function (a, b) { return a.groupId < b.groupId ? -1 : 1; }).forEach(function (group) {
    var rules = byGroup.get(group.groupId) || [];
    var stale = rules.filter(function (r) { return r.status === 'stale'; }).length;
    var details = el('details', 'group');
    details.appendChild(el('summary', '', groupLabel(group.groupName, group.groupId) + ' \u2014 ' + group.status +
      ', ' + rules.length + ' rules (' + stale + ' stale), ' + group.interfaces.length + ' interfaces, referenced by ' + group.referencedBy.length));
    details.addEventListener('toggle', function () {
      if (details.open && details.children.length === 1) details.appendChild(groupDetails(group, rules));
    });
    box.appendChild(details);
  });
}
`;
