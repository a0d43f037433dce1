import { stripControl } from '../report/sanitize.js';

/**
 * Text for the generated shell scripts. Rule descriptions and group names
 * come from whoever can edit the account's security groups, and the scripts
 * are run by someone with the right to change them: nothing in that text may
 * become a command.
 */

/**
 * One shell word, single-quoted: inside single quotes bash expands nothing
 * (no `$(...)`, no backticks, no `$VAR`), and a quote in the text becomes
 * `'\''` (close, escaped quote, reopen).
 */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

/**
 * Text for a `#` comment: a comment ends at the first newline, so line breaks
 * (and every other control character) become spaces or go, as do the Unicode
 * line and paragraph separators that editors show as line breaks.
 */
export function commentText(text: string): string {
  return stripControl(text).replace(/[\u2028\u2029]/g, ' ');
}

/** Comment lines, each prefixed with `# `; the text of each is made safe. */
export function commentLines(lines: readonly string[]): string[] {
  return lines.map((line) => (line === '' ? '#' : `# ${commentText(line)}`));
}
