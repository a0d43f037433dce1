/**
 * Oracles for the hardening tests: small, strict readers of each output
 * format that say what a reader (a terminal, a spreadsheet, a Markdown
 * renderer) would make of it. They are written from the formats' rules, not
 * from the code under test, so that a sanitiser cannot agree with itself.
 */

/**
 * What no output may carry raw where a terminal could meet it: C0 controls
 * (ESC, BEL, BS, CR...), DEL, C1 controls (U+009B is a CSI on its own) and the
 * bidi controls. Line feed is the one control every text output needs.
 */
const RAW_CONTROL =
  // eslint-disable-next-line no-control-regex -- finding controls is the point
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/**
 * Each control character in `bytes` with its offset (`U+001B at 1204`),
 * after a strict UTF-8 decoding (invalid UTF-8 throws: a stray byte such as
 * 0x9B is a CSI to an 8-bit terminal). `allowed` lists controls that the
 * format carries as data, such as the CR and tab inside quoted CSV fields.
 */
export function rawControls(bytes: Buffer | string, allowed = ''): string[] {
  const text =
    typeof bytes === 'string' ? bytes : new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  return [...text.matchAll(RAW_CONTROL)]
    .filter((match) => !allowed.includes(match[0]))
    .map((match) => `U+${codePoint(match[0])} at ${match.index}`);
}

function codePoint(char: string): string {
  return (char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
}

/** The characters that start a formula in a spreadsheet cell (OWASP, "CSV Injection"). */
export const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * RFC 4180 records: fields split at commas, quoted fields with `""` for a
 * quote and line breaks inside, every record ending in CRLF. Anything else
 * (a bare quote, a record without its CRLF) throws.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let at = 0;

  while (at < text.length) {
    if (text[at] === '"') {
      const end = closingQuote(text, at);
      fields.push(text.slice(at + 1, end).replace(/""/g, '"'));
      at = end + 1;
    } else {
      const end = text.slice(at).search(/[,\r\n"]/);
      const field = end === -1 ? text.slice(at) : text.slice(at, at + end);
      fields.push(field);
      at += field.length;
    }

    if (text[at] === ',') {
      at += 1;
    } else if (text.startsWith('\r\n', at)) {
      records.push(fields);
      fields = [];
      at += 2;
    } else {
      throw new Error(`CSV: expected a comma or CRLF at ${at}, found ${JSON.stringify(text[at])}`);
    }
  }
  if (fields.length > 0) throw new Error('CSV: the last record does not end with CRLF');
  return records;
}

function closingQuote(text: string, open: number): number {
  let at = open + 1;
  while (at < text.length) {
    if (text[at] === '"' && text[at + 1] === '"') at += 2;
    else if (text[at] === '"') return at;
    else at += 1;
  }
  throw new Error(`CSV: the quoted field at ${open} is not closed`);
}

/** CSV records as objects keyed by the header row. */
export function csvRows(text: string): Record<string, string>[] {
  const [header = [], ...records] = parseCsv(text);
  return records.map((record) => {
    if (record.length !== header.length) {
      throw new Error(`CSV: a record of ${record.length} fields under ${header.length} columns`);
    }
    return Object.fromEntries(header.map((name, index) => [name, record[index] ?? '']));
  });
}

/**
 * The cells of a GFM table row, `| a | b \| c |`: split at the pipes that no
 * backslash escapes (GFM: `\|` never ends a cell, not even in code), and
 * trimmed as a renderer trims them.
 */
export function markdownCells(row: string): string[] {
  if (!row.startsWith('|') || !row.endsWith('|')) throw new Error(`not a table row: ${row}`);
  const cells: string[] = [];
  let cell = '';
  for (let at = 1; at < row.length; at += 1) {
    const char = row[at] ?? '';
    if (char === '\\') {
      cell += char + (row[at + 1] ?? '');
      at += 1;
    } else if (char === '|') {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += char;
    }
  }
  return cells;
}

/** What a backslash may escape in the Markdown cells (CommonMark: any ASCII punctuation). */
const ESCAPED = '\\`*_~[]|';

/** Characters that start Markdown or HTML syntax unless escaped. */
const MEANINGFUL = '`*_~[]|<>';

const ENTITIES: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/**
 * The text a GFM renderer shows for a table cell, with backslash escapes and
 * the three entities undone. Throws when the cell holds any character that
 * would start code, emphasis, a link, an image, raw HTML, an entity or a new
 * cell: a cell that passes renders as plain text.
 */
export function shownMarkdownText(cell: string): string {
  let shown = '';
  for (let at = 0; at < cell.length; at += 1) {
    const char = cell[at] ?? '';
    const entity = /^&(?:amp|lt|gt);/.exec(cell.slice(at))?.[0];
    if (char === '\\' && ESCAPED.includes(cell[at + 1] ?? '')) {
      shown += cell[at + 1];
      at += 1;
    } else if (char === '&' && entity !== undefined) {
      shown += ENTITIES[entity];
      at += entity.length - 1;
    } else if (char === '&' || char === '\\' || MEANINGFUL.includes(char)) {
      throw new Error(`unescaped ${JSON.stringify(char)} at ${at} of the cell ${cell}`);
    } else {
      shown += char;
    }
  }
  return shown;
}

/**
 * The group cell of a terminal table row, from the column where the
 * header's GROUP starts to the end of the group id in parentheses. Columns
 * count code points, as the table lays them out.
 */
export function terminalGroupCell(header: string, row: string, groupId: string): string {
  const start = header.indexOf('GROUP');
  const cells = Array.from(row).slice(start).join('');
  const end = cells.indexOf(`(${groupId})`);
  if (start === -1 || end === -1) throw new Error(`no group ${groupId} in: ${row}`);
  return cells.slice(0, end + groupId.length + 2);
}

/**
 * Whether a cell shows `name (id)` in full, or the name cut with an
 * ellipsis (`long na… (id)`) where the column is narrower.
 */
export function showsGroup(cell: string, name: string, groupId: string): boolean {
  const id = ` (${groupId})`;
  if (cell === `${name}${id}`) return true;
  const cut = cell.endsWith(`…${id}`) ? cell.slice(0, -id.length - 1) : undefined;
  return cut !== undefined && cut.length > 0 && name.startsWith(cut);
}
