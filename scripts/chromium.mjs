// Debian's Chromium, launched by playwright-core for the browser tests, the
// README screenshot and the benchmarks' charts. Headless, and with every
// background connection off: the machines that run these have no network.
import { chromium } from 'playwright-core';

export const DEFAULT_CHROMIUM = process.env.STALE_SG_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export function launchChromium(executablePath = DEFAULT_CHROMIUM) {
  return chromium.launch({ executablePath, args: CHROMIUM_FLAGS, headless: true });
}
