// The scaling chart: time and peak memory against the number of records, as
// two small line charts drawn as SVG, and turned into a PNG by a headless
// Chromium (no plotting library is installed).
import { writeFile } from 'node:fs/promises';

import { DEFAULT_CHROMIUM, launchChromium } from '../../scripts/chromium.mjs';

import { statsOf } from './bench-stats.mjs';

const SERIES = [
  { id: 'analyze-gzip', name: 'stale-sg analyze, gzip text', color: '#d62728' },
  { id: 'analyze-parquet', name: 'stale-sg analyze, Parquet', color: '#1f77b4' },
  { id: 'awk', name: 'zcat | awk, all cores', color: '#7f7f7f', dash: '6 4' },
  { id: 'gunzip-limit', name: 'gzip -dc, all cores (limit)', color: '#ff9896', dash: '2 3' },
  { id: 'duckdb-limit', name: 'DuckDB reads Parquet (limit)', color: '#aec7e8', dash: '2 3' },
];

const PANEL = { width: 470, height: 330, left: 62, right: 16, top: 34, bottom: 48 };
const WIDTH = 2 * PANEL.width + 20;
const LEGEND_HEIGHT = 64;
const HEIGHT = PANEL.height + LEGEND_HEIGHT;
const FONT = 'font-family="DejaVu Sans, Liberation Sans, sans-serif"';

/** The SVG of both charts over the sizes measured. */
export function scalingChartSvg(sizes) {
  const points = (value) =>
    SERIES.map((series) => ({
      ...series,
      points: sizes.map((size) => [size.inputs.records / 1e6, value(statsOf(size, series.id))]),
    }));
  const time = panel(
    'Time (median)',
    'seconds',
    points((s) => s.seconds),
    0,
  );
  const memory = panel(
    'Peak memory of the process tree',
    'MiB',
    points((s) => s.peakRssBytes / 2 ** 20),
    PANEL.width + 20,
  );

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" ${FONT}>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    time,
    memory,
    legend(),
    '</svg>',
  ].join('\n');
}

function panel(title, unit, series, offsetX) {
  const xs = series.flatMap((s) => s.points.map(([x]) => x));
  const ys = series.flatMap((s) => s.points.map(([, y]) => y));
  const xTicks = niceTicks(Math.max(...xs));
  const yTicks = niceTicks(Math.max(...ys));
  const plot = {
    x0: offsetX + PANEL.left,
    x1: offsetX + PANEL.width - PANEL.right,
    y0: PANEL.height - PANEL.bottom,
    y1: PANEL.top,
  };
  const sx = (x) => plot.x0 + (x / xTicks.at(-1)) * (plot.x1 - plot.x0);
  const sy = (y) => plot.y0 - (y / yTicks.at(-1)) * (plot.y0 - plot.y1);

  const parts = [
    `<text x="${plot.x0}" y="20" font-size="15" font-weight="bold">${title}</text>`,
    ...yTicks.map(
      (tick) =>
        `<line x1="${plot.x0}" x2="${plot.x1}" y1="${sy(tick)}" y2="${sy(tick)}" stroke="#e5e5e5"/>` +
        `<text x="${plot.x0 - 6}" y="${sy(tick) + 4}" font-size="12" text-anchor="end">${tick}</text>`,
    ),
    ...xTicks.map(
      (tick) =>
        `<text x="${sx(tick)}" y="${plot.y0 + 18}" font-size="12" text-anchor="middle">${tick}</text>`,
    ),
    `<line x1="${plot.x0}" x2="${plot.x1}" y1="${plot.y0}" y2="${plot.y0}" stroke="#333"/>`,
    `<line x1="${plot.x0}" x2="${plot.x0}" y1="${plot.y0}" y2="${plot.y1}" stroke="#333"/>`,
    `<text x="${(plot.x0 + plot.x1) / 2}" y="${plot.y0 + 38}" font-size="13" text-anchor="middle">million records</text>`,
    `<text transform="translate(${offsetX + 16} ${(plot.y0 + plot.y1) / 2}) rotate(-90)" font-size="13" text-anchor="middle">${unit}</text>`,
  ];
  for (const s of series) {
    const path = s.points.map(([x, y]) => `${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join(' ');
    const dash = s.dash === undefined ? '' : ` stroke-dasharray="${s.dash}"`;
    parts.push(
      `<polyline points="${path}" fill="none" stroke="${s.color}" stroke-width="2.5"${dash}/>`,
    );
    for (const [x, y] of s.points) {
      parts.push(
        `<circle cx="${sx(x).toFixed(1)}" cy="${sy(y).toFixed(1)}" r="4" fill="${s.color}"/>`,
      );
    }
  }
  return parts.join('\n');
}

function legend() {
  const columns = 3;
  return SERIES.map((s, i) => {
    const x = 70 + (i % columns) * 300;
    const y = PANEL.height + 14 + Math.floor(i / columns) * 24;
    const dash = s.dash === undefined ? '' : ` stroke-dasharray="${s.dash}"`;
    return (
      `<line x1="${x}" x2="${x + 30}" y1="${y}" y2="${y}" stroke="${s.color}" stroke-width="2.5"${dash}/>` +
      `<circle cx="${x + 15}" cy="${y}" r="4" fill="${s.color}"/>` +
      `<text x="${x + 38}" y="${y + 4}" font-size="13">${s.name}</text>`
    );
  }).join('\n');
}

/** Ticks from 0 in steps of 1, 2 or 5 times a power of ten, the last at or above `max`. */
function niceTicks(max) {
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough);
  const count = Math.ceil(max / step);
  return Array.from({ length: count + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}

/** Renders the SVG to a PNG at twice its size, for sharp text. */
export async function writeChartPng(svg, path, executablePath = DEFAULT_CHROMIUM) {
  const browser = await launchChromium(executablePath);
  try {
    const page = await browser.newPage({
      viewport: { width: WIDTH, height: HEIGHT },
      deviceScaleFactor: 2,
    });
    await page.setContent(`<html><body style="margin:0">${svg}</body></html>`);
    await writeFile(path, await page.locator('svg').screenshot({ type: 'png' }));
  } finally {
    await browser.close();
  }
}
