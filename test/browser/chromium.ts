/// <reference lib="dom" />
/**
 * Debian's Chromium, driven by playwright-core, for the tests that look at
 * the HTML report and the dashboard in a real browser. `.ci/run` installs
 * it with apt-get; playwright never downloads a browser of its own here.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import {
  DEFAULT_CHROMIUM,
  launchChromium as launchDebianChromium,
} from '../../scripts/chromium.mjs';

export const CHROMIUM = DEFAULT_CHROMIUM;

/** Where screenshots are kept after a test run (ignored by git). */
export const SCREENSHOT_DIR = fileURLToPath(
  new URL('../../test-results/browser/', import.meta.url),
);

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser tests need Chromium at ${CHROMIUM}: apt-get install -y chromium ` +
        '(.ci/run does), or point STALE_SG_CHROMIUM at another build.',
    );
  }
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  return launchDebianChromium(CHROMIUM);
}

/** Every console error, uncaught exception and failed request of a page, as text. */
export function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      problems.push(`console ${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
  return problems;
}

/** One heat map cell as the page drew it: its data and the colour of its centre pixel. */
export interface DrawnCell {
  readonly x: number;
  readonly y: number;
  /** The value the colour scale maps: log10(hits + 1). */
  readonly value: number;
  readonly hits: number;
  readonly rgb: readonly [number, number, number];
  /** The centre of the cell, in CSS pixels from the chart's top left corner. */
  readonly at: readonly [number, number];
}

export interface DrawnHeatMap {
  readonly xLabels: readonly string[];
  readonly yLabels: readonly string[];
  readonly min: number;
  readonly max: number;
  readonly colors: readonly string[];
  readonly cells: readonly DrawnCell[];
}

/**
 * Reads a heat map back from the page: the ECharts instance's axes, colour
 * scale and cells, and for each cell the pixel at its centre on the canvas.
 */
export function readHeatMap(page: Page, chartId: string): Promise<DrawnHeatMap> {
  return page.evaluate((id) => {
    interface ChartOption {
      visualMap: { min: number; max: number; inRange: { color: string[] } }[];
      xAxis: { data: string[] }[];
      yAxis: { data: string[] }[];
      series: { data: [number, number, number, number][] }[];
    }
    interface Chart {
      getOption(): ChartOption;
      convertToPixel(finder: { seriesIndex: number }, value: number[]): [number, number];
    }
    const node = document.getElementById(id);
    const api = (window as unknown as { echarts: { getInstanceByDom(n: Element): Chart } }).echarts;
    if (node === null) throw new Error(`no element #${id}`);
    const chart = api.getInstanceByDom(node);
    const option = chart.getOption();
    // ECharts may draw on several stacked canvases (a large series gets a
    // layer of its own): flatten them, bottom first, onto one to read from.
    const layers = Array.from(node.querySelectorAll('canvas')).sort(
      (a, b) => Number(a.style.zIndex || 0) - Number(b.style.zIndex || 0),
    );
    const [base] = layers;
    if (base === undefined) throw new Error(`no canvas in #${id}`);
    const flat = document.createElement('canvas');
    flat.width = base.width;
    flat.height = base.height;
    const context = flat.getContext('2d', { willReadFrequently: true });
    if (context === null) throw new Error('no 2d context');
    for (const layer of layers) context.drawImage(layer, 0, 0);
    const ratio = base.width / base.clientWidth;
    const image = context.getImageData(0, 0, flat.width, flat.height);
    const visualMap = option.visualMap[0];
    const [series] = option.series;
    const [xAxis] = option.xAxis;
    const [yAxis] = option.yAxis;
    if (!visualMap || !series || !xAxis || !yAxis) throw new Error(`#${id} is not a heat map`);
    return {
      xLabels: xAxis.data,
      yLabels: yAxis.data,
      min: visualMap.min,
      max: visualMap.max,
      colors: visualMap.inRange.color,
      cells: series.data.map(([x, y, value, hits]) => {
        const [px, py] = chart.convertToPixel({ seriesIndex: 0 }, [x, y]);
        const offset = (Math.round(py * ratio) * image.width + Math.round(px * ratio)) * 4;
        const [r = 0, g = 0, b = 0] = image.data.slice(offset, offset + 3);
        return {
          x,
          y,
          value,
          hits,
          rgb: [r, g, b] as [number, number, number],
          at: [px, py] as [number, number],
        };
      }),
    };
  }, chartId);
}

/**
 * The colour a continuous colour scale gives `value`: linear in the value
 * between `min` and `max`, and linear in RGB between neighbouring stops.
 */
export function scaleColour(
  value: number,
  min: number,
  max: number,
  stops: readonly string[],
): [number, number, number] {
  const t = Math.min(1, Math.max(0, (value - min) / (max - min)));
  const at = t * (stops.length - 1);
  const left = Math.floor(at);
  const right = Math.min(stops.length - 1, left + 1);
  const [a, b] = [rgbOf(stops[left] ?? ''), rgbOf(stops[right] ?? '')];
  const mix = at - left;
  return [0, 1, 2].map((i) => Math.round(a[i]! + (b[i]! - a[i]!) * mix)) as [
    number,
    number,
    number,
  ];
}

function rgbOf(hex: string): [number, number, number] {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (match === null) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [parseInt(match[1]!, 16), parseInt(match[2]!, 16), parseInt(match[3]!, 16)];
}
