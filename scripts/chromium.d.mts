import type { Browser } from 'playwright-core';

/** `STALE_SG_CHROMIUM`, or Debian's /usr/bin/chromium. */
export declare const DEFAULT_CHROMIUM: string;
export declare const CHROMIUM_FLAGS: readonly string[];
export declare function launchChromium(executablePath?: string): Promise<Browser>;
