/**
 * Text safety for reports. Group names, rule descriptions and even peer values
 * come from whoever can edit the account's security groups, and a report puts
 * them in front of someone else: on a terminal, in a spreadsheet, on a rendered
 * Markdown page. Every formatter passes user-controlled text through here.
 */

/**
 * ANSI escape sequences, matched whole so that their parameters (`[31m`) go
 * with them: CSI (7-bit `ESC [` and 8-bit U+009B), OSC (`ESC ]` up to BEL or
 * ST, or to the end), DCS/SOS/PM/APC strings alike, and the short sequences
 * of `ESC`, intermediates and one final character (such as `ESC c`, which
 * resets a terminal, or `ESC ( 0`, which switches to line drawing).
 * See ECMA-48, sections 5.3 to 5.6.
 */
const ANSI_SEQUENCE =
  // eslint-disable-next-line no-control-regex -- matching controls is the point
  /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|(?:\u001b[\]PX^_]|[\u0090\u0098\u009d-\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[ -/]*[0-~]?/g;

/** Tab, line feed, vertical tab, form feed, carriage return, next line (U+0085). */
const WHITESPACE_CONTROL = /[\t\n\v\f\r\u0085]/g;

/** Line breaks and tabs that CSV keeps: the quoting protects them. */
const KEPT_IN_CSV = /[\t\n\r]/;

/**
 * C0 controls, DEL, C1 controls, and the Unicode bidirectional controls, which
 * can make a terminal or a browser show text in another order than it is
 * stored ("Trojan Source", CVE-2021-42574).
 */
// eslint-disable-next-line no-control-regex -- matching controls is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The patterns above as source text, for the report page's script: its
 * `clean()` strips with the same patterns before it shows account text, so a
 * payload reads the same in the page as in every other output.
 */
export const CONTROL_PATTERN_SOURCES = {
  sequence: ANSI_SEQUENCE.source,
  whitespace: WHITESPACE_CONTROL.source,
  control: CONTROL.source,
} as const;

export interface StripControlOptions {
  /** Keep tab, LF and CR (for CSV, whose quoting carries them safely). */
  readonly keepLineBreaks?: boolean;
}

/**
 * Removes what could move the cursor, change colours or reorder text:
 * ANSI escape sequences, C0 and C1 controls, DEL and bidi controls. Tabs and
 * line breaks become spaces, so that words stay apart and the text stays on
 * one line, unless `keepLineBreaks` is set.
 */
export function stripControl(text: string, options: StripControlOptions = {}): string {
  const withoutSequences = text.replace(ANSI_SEQUENCE, '');

  if (options.keepLineBreaks === true) {
    return withoutSequences.replace(CONTROL, (char) => (KEPT_IN_CSV.test(char) ? char : ''));
  }

  return withoutSequences.replace(WHITESPACE_CONTROL, ' ').replace(CONTROL, '');
}

/**
 * Characters that make a spreadsheet read a cell as a formula (CSV injection,
 * see OWASP's "CSV Injection" page). Tab and CR are on the list because some
 * spreadsheets skip them before looking for `=`.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Prefixes a text cell that a spreadsheet would evaluate with `'`, which makes
 * it literal text. Only for text columns: numbers are never formulas, and a
 * quote would turn them into text.
 */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** A CSV text cell from user-controlled text: controls stripped, formulas neutralised. */
export function csvText(text: string): string {
  return neutraliseFormula(stripControl(text, { keepLineBreaks: true }));
}

const HTML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Characters with a meaning inside a GFM table cell: `|` ends the cell, the
 * rest start code, emphasis, strikethrough or links. A backslash escapes each
 * of them (CommonMark, "Backslash escapes"); GFM honours `\|` even in code spans.
 */
const MARKDOWN_SPECIAL = /[\\`*_~[\]|]/g;

/**
 * Makes user text safe for one GFM table cell: controls stripped, line breaks
 * as spaces (a newline would end the table row), `&`, `<` and `>` as HTML
 * entities (so no raw HTML renders, `<script>` included), and Markdown's
 * special characters escaped with a backslash.
 */
export function escapeMarkdown(text: string): string {
  return stripControl(text)
    .replace(/[&<>]/g, (char) => HTML_ENTITIES[char] ?? char)
    .replace(MARKDOWN_SPECIAL, '\\$&');
}
