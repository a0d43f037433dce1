/**
 * The report page's style sheet. Colours are custom properties so that dark
 * mode (`prefers-color-scheme`) only swaps values; print drops the controls
 * and the backgrounds, and keeps tables whole where it can.
 */
export const PAGE_STYLE = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --card: #f6f8fa;
  --accent: #0969da; --stale: #cf222e; --unobserved: #9a6700; --unattached: #8250df;
  --used: #1a7f37;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #8d96a0; --line: #30363d; --card: #161b22;
    --accent: #4493f8; --stale: #f85149; --unobserved: #d29922; --unattached: #a371f7;
    --used: #3fb950;
  }
}
* { box-sizing: border-box; }
body {
  margin: 0 auto; padding: 1rem 1.5rem 3rem; max-width: 1400px;
  background: var(--bg); color: var(--fg);
  font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
}
h1 { font-size: 1.6rem; margin: 0.5rem 0; }
h2 { font-size: 1.25rem; margin: 2rem 0 0.5rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.2rem 0 0.4rem; }
.muted { color: var(--muted); }
nav a { color: var(--accent); margin-right: 1rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 0.6rem; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 0.6rem 0.8rem; }
.card .value { font-size: 1.5rem; font-weight: 600; font-variant-numeric: tabular-nums; }
.card.stale .value { color: var(--stale); }
.card.unobserved .value { color: var(--unobserved); }
.card.unattached .value { color: var(--unattached); }
.card.used .value { color: var(--used); }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.chart-box { min-width: 0; }
.chart-box.wide { grid-column: 1 / -1; }
.chart { width: 100%; height: 520px; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid var(--line); padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; }
td { overflow-wrap: break-word; }
th { background: var(--card); position: sticky; top: 0; }
th.sortable { cursor: pointer; user-select: none; }
th[aria-sort='ascending']::after { content: ' \\25B2'; }
th[aria-sort='descending']::after { content: ' \\25BC'; }
.status { font-weight: 600; }
.status-stale { color: var(--stale); }
.status-unobserved { color: var(--unobserved); }
.status-unattached { color: var(--unattached); }
.status-used { color: var(--used); }
.filters { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.5rem 0; align-items: end; }
.filters label { display: flex; flex-direction: column; font-size: 0.8rem; color: var(--muted); }
.filters select, .filters input, button {
  font: inherit; color: var(--fg); background: var(--bg);
  border: 1px solid var(--line); border-radius: 4px; padding: 0.2rem 0.4rem; max-width: 16rem;
}
button { cursor: pointer; margin: 0.5rem 0; }
.table-scroll { max-height: 70vh; overflow: auto; border: 1px solid var(--line); }
details.group { border: 1px solid var(--line); border-radius: 6px; margin: 0.4rem 0; padding: 0.3rem 0.6rem; }
details.group summary { cursor: pointer; }
.facts { margin: 0.3rem 0; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.92em; }
@media (max-width: 1000px) { .charts { grid-template-columns: 1fr; } }
@media print {
  :root { --bg: #ffffff; --fg: #000000; --muted: #333333; --line: #999999; --card: #ffffff; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav, .filters, button { display: none !important; }
  .table-scroll { max-height: none; overflow: visible; border: none; }
  th { position: static; }
  .charts { grid-template-columns: 1fr; }
  .chart-box, .card, tr { break-inside: avoid; }
  h2 { break-after: avoid; }
  details.group { break-inside: avoid; }
}
`;
