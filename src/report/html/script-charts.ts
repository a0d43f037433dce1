/**
 * The heat maps, drawn by ECharts from the views `heatMaps` computed. Colour
 * follows log10(hits + 1), since a few busy rules would otherwise wash every
 * other cell out. Tooltips are built as DOM nodes with `textContent`: ECharts
 * puts a tooltip string into the page as HTML. Canvas, not SVG, so that no
 * account text becomes markup; charts are redrawn in the light theme to print.
 */
export const SCRIPT_CHARTS = String.raw`
var charts = [];
var darkQuery = window.matchMedia('(prefers-color-scheme: dark)');

function heatOption(map, dark) {
  var max = 0;
  var cells = map.cells.map(function (c) { max = Math.max(max, c[2]); return [c[0], c[1], Math.log10(c[2] + 1), c[2]]; });
  return {
    backgroundColor: 'transparent',
    animation: false,
    tooltip: {
      formatter: function (p) {
        var box = document.createElement('div');
        box.appendChild(document.createTextNode(clean(map.y[p.value[1]])));
        box.appendChild(document.createElement('br'));
        box.appendChild(document.createTextNode(clean(map.x[p.value[0]]) + ': ' + count(p.value[3]) + ' hits'));
        return box;
      }
    },
    grid: { left: 10, right: 90, top: 10, bottom: 10, containLabel: true },
    xAxis: { type: 'category', data: map.x.map(clean), splitArea: { show: false }, splitLine: { show: true, lineStyle: { opacity: 0.25 } }, axisLabel: { rotate: map.x.length > 8 ? 45 : 0 } },
    yAxis: { type: 'category', data: map.y.map(clean), inverse: true, axisLabel: { width: 260, overflow: 'truncate' } },
    visualMap: {
      type: 'continuous', dimension: 2, min: 0, max: Math.max(Math.log10(max + 1), 1),
      orient: 'vertical', right: 0, top: 'middle', calculable: false, text: ['more hits', 'none'],
      formatter: function (v) { return count(Math.round(Math.pow(10, v) - 1)); },
      inRange: { color: dark ? ['#1c2b3a', '#1f6feb', '#f0883e', '#f85149'] : ['#eef4fb', '#6baed6', '#fd8d3c', '#bd0026'] }
    },
    series: [{ type: 'heatmap', data: cells, emphasis: { itemStyle: { borderColor: '#000', borderWidth: 1 } } }]
  };
}

function chartBox(id, title, map, note) {
  var box = el('div', 'chart-box' + (map.x.length > 10 ? ' wide' : ''));
  box.appendChild(el('h3', '', title));
  if (note) box.appendChild(el('p', 'muted', note));
  if (map.y.length === 0 || map.x.length === 0) { box.appendChild(el('p', 'muted', 'No hits to show.')); return box; }
  if (map.totalRows > map.y.length) box.appendChild(el('p', 'muted', 'The ' + map.y.length + ' busiest of ' + count(map.totalRows) + '; the rules table has them all.'));
  var chart = el('div', 'chart');
  chart.id = id;
  chart.style.height = Math.max(240, map.y.length * 18 + 120) + 'px';
  box.appendChild(chart);
  charts.push({ node: chart, map: map, instance: null });
  return box;
}

function drawCharts(dark) {
  if (typeof echarts === 'undefined') return;
  charts.forEach(function (c) {
    if (c.instance) c.instance.dispose();
    c.instance = echarts.init(c.node, dark ? 'dark' : null, { renderer: 'canvas' });
    c.instance.setOption(heatOption(c.map, dark));
  });
}

function renderCharts() {
  charts.forEach(function (c) { if (c.instance) c.instance.dispose(); });
  charts = [];
  var box = document.getElementById('charts');
  box.replaceChildren();
  var maps = data.heatMaps;
  if (maps.byDay) box.appendChild(chartBox('chart-day', 'Rules by day', maps.byDay, 'Hits per rule and UTC day.'));
  else box.appendChild(el('p', 'muted', 'Rules by day: this report has no daily history.'));
  box.appendChild(chartBox('chart-direction', 'Rules by direction', maps.byDirection, 'Rule ids against flow direction, colour by hits; an empty row has no hits.'));
  box.appendChild(chartBox('chart-port', 'Security groups by port', maps.byPort, 'Hits of rules with traffic, by group and the ports their rules allow.'));
  drawCharts(darkQuery.matches);
}

/** Once per page: redraw on a change of colour scheme, for printing, and on resize. */
function setupCharts() {
  darkQuery.addEventListener('change', function (e) { drawCharts(e.matches); });
  window.addEventListener('beforeprint', function () { drawCharts(false); });
  window.addEventListener('afterprint', function () { drawCharts(darkQuery.matches); });
  window.addEventListener('resize', function () { charts.forEach(function (c) { if (c.instance) c.instance.resize(); }); });
}
`;
