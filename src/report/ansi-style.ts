import type { RuleStatus } from './report.js';

/**
 * SGR codes of the terminal table (ECMA-48, section 8.3.117). Only used when
 * the caller asks for colour; without it the table holds no escapes at all.
 */

export const BOLD = '\u001b[1m';
export const RED = '\u001b[31m';
export const RESET = '\u001b[0m';

/** Stale needs action, unobserved needs logs, unattached is dormant. */
export const STATUS_COLOR: Readonly<Record<RuleStatus, string>> = {
  stale: RED,
  unobserved: '\u001b[33m',
  unattached: '\u001b[35m',
  used: '\u001b[32m',
};

/** The text in a colour, then back to normal; the text alone without colour. */
export function paint(text: string, code: string, color: boolean): string {
  return color ? `${code}${text}${RESET}` : text;
}
