/**
 * The checks of the CSV, Markdown and HTML reports, shared by the files the
 * CLI writes (hostile-reports.test.ts) and the email's attachments
 * (hostile-email.test.ts). Each check lists its problems as lines, so that a
 * failure says which payload came out wrong and how; an empty list passes.
 */
import type { Browser } from 'playwright-core';

import type { StoredReport } from '../../../src/pipeline/stored-report.js';
import { formatHtml } from '../../../src/report/html/format-html.js';
import { htmlReport, htmlRule } from '../../report/html/html-fixture.js';
import type { HostileGroup } from './hostile-groups.js';
import {
  FORMULA_START,
  csvRows,
  markdownCells,
  rawControls,
  shownMarkdownText,
} from './inert-text.js';
import { parseHtml } from './parse-html.js';

export interface FormatCheck {
  /** Problems of the output as a whole. */
  readonly whole: readonly string[];
  /** Problems with how the output shows one hostile group and its rule. */
  readonly group: (group: HostileGroup) => string[];
}

/** Text columns of the CSV: the only ones that can hold account text. */
const CSV_TEXT_COLUMNS = [
  'rule_id',
  'group_id',
  'group_name',
  'vpc_id',
  'peer_value',
  'description',
];

/**
 * The CSV report: no control but the tab, CR and LF that quoted fields
 * carry; no text cell that a spreadsheet would run (OWASP's formula
 * characters first); each payload back as its `cell` text, a formula with
 * the leading apostrophe that makes it literal.
 */
export function checkCsv(bytes: Buffer): FormatCheck {
  const rows = csvRows(bytes.toString('utf8'));
  const formulas = rows.flatMap((row) =>
    CSV_TEXT_COLUMNS.filter((column) => FORMULA_START.test(row[column] ?? '')).map(
      (column) => `a formula in ${row['rule_id']}.${column}: ${JSON.stringify(row[column])}`,
    ),
  );

  return {
    whole: [...rawControls(bytes, '\t\r').map((at) => `CSV control ${at}`), ...formulas],
    group: ({ ruleId, payload }) => {
      const row = rows.find((r) => r['rule_id'] === ruleId);
      const want = FORMULA_START.test(payload.cell) ? `'${payload.cell}` : payload.cell;
      return ['group_name', 'description']
        .filter((column) => row?.[column] !== want)
        .map((column) => `${payload.name}: ${column} is ${JSON.stringify(row?.[column])}`);
    },
  };
}

/** The headings the Markdown report writes: a payload may add none. */
const HEADINGS = [
  '# Security group rule usage',
  ...['Summary', 'Rules', 'Findings', 'Skipped files', 'Warnings'].map((h) => `## ${h}`),
  ...['Stale', 'Unobserved', "Unattached groups'", 'Used'].map((h) => `## ${h} rules`),
  ...['Risky', 'Stale', 'Unobserved', 'Unattached', 'Redundant', 'Shadowed', 'Narrowing']
    .concat(['Cadence', 'Rejected traffic'])
    .map((h) => `### ${h}`),
];

/** The report's other lines of its own: the window, and the sentence under each finding. */
const OWN_LINES = [
  /^- (Window|Generated): [\d :-]+(?: to [\d :-]+)? UTC$/,
  /^\d[\d,]* [a-z]+[a-z ,0-9]*: [a-z0-9].*\.$/,
  /^None\.$/,
];

/**
 * The Markdown report: no control character; no line but its headings,
 * sentences and table rows (a payload cannot start a heading, a list or a
 * quote); every table row with its header's number of cells, every cell
 * plain text once rendered (see `shownMarkdownText`); each payload shown as
 * its `line` text in the Group and Description cells of its rule's row.
 */
export function checkMarkdown(bytes: Buffer): FormatCheck {
  const text = bytes.toString('utf8');
  const tables = markdownTables(text);
  const foreign = text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('| '))
    .filter((line) => !HEADINGS.includes(line) && !OWN_LINES.some((p) => p.test(line)))
    .map((line) => `a line of its own: ${line.slice(0, 80)}`);

  const [header = [], , ...body] = tables.find((t) => t[0]?.includes('Description')) ?? [];
  const cellOf = (row: readonly string[] | undefined, title: string) =>
    row?.[header.indexOf(title)] ?? '';

  return {
    whole: [
      ...rawControls(bytes).map((at) => `Markdown control ${at}`),
      ...foreign,
      ...tables.flatMap(tableProblems),
    ],
    group: ({ groupId, ruleId, payload }) => {
      const row = body.find((cells) => cellOf(cells, 'Rule') === ruleId);
      const problems: string[] = [];
      const expect = (title: string, want: string) => {
        const shown = safely(() => shownMarkdownText(cellOf(row, title)));
        if (shown !== want) problems.push(`${payload.name}: ${title} shows ${shown}`);
      };
      expect('Group', `${payload.line.trim()} (${groupId})`);
      expect('Description', payload.line.trim());
      return problems;
    },
  };
}

/** Each GFM table of a document as rows of cells: runs of lines that start with `|`. */
export function markdownTables(text: string): string[][][] {
  const tables: string[][][] = [];
  let current: string[][] = [];
  for (const line of [...text.split('\n'), '']) {
    if (line.startsWith('|')) {
      current.push(markdownCells(line));
    } else if (current.length > 0) {
      tables.push(current);
      current = [];
    }
  }
  return tables;
}

function tableProblems([header = [], delimiter = [], ...body]: string[][]): string[] {
  const problems = delimiter.every((cell) => /^-{3,}:?$/.test(cell))
    ? []
    : [`a table without its delimiter row under ${header.join(' | ')}`];
  for (const row of body) {
    if (row.length !== header.length) {
      problems.push(`a row of ${row.length} cells under ${header.length}: ${row.join(' | ')}`);
    }
    for (const cell of row) {
      const shown = safely(() => shownMarkdownText(cell));
      if (shown.startsWith('error:')) problems.push(shown);
    }
  }
  return problems;
}

function safely(read: () => string): string {
  try {
    return read();
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

/**
 * The HTML report page, parsed by Chromium without running it: no control
 * character anywhere, not even in the data island; the same elements and
 * attributes as the page of a harmless report (the payloads add none); each
 * payload exactly, as data, in the island. How the page shows them when it
 * runs is test/browser/report-pages.test.ts's part.
 */
export async function checkHtmlPage(browser: Browser, bytes: Buffer): Promise<FormatCheck> {
  const page = await parseHtml(browser, bytes.toString('utf8'), ['report-data']);
  const harmless = await parseHtml(browser, formatHtml(htmlReport([htmlRule(1)])));
  const { report } = JSON.parse(page.textOf['report-data'] ?? '{}') as { report: StoredReport };

  const same = JSON.stringify(page.elements) === JSON.stringify(harmless.elements);
  const added = page.elements.filter(
    (element) => !harmless.elements.some((e) => JSON.stringify(e) === JSON.stringify(element)),
  );
  return {
    whole: [
      ...rawControls(bytes).map((at) => `HTML control ${at}`),
      ...(same ? [] : [`markup differs from a harmless page: ${JSON.stringify(added)}`]),
    ],
    group: ({ groupId, ruleId, payload }) => {
      const group = report.groups.find((g) => g.groupId === groupId);
      const rule = report.rules.find((r) => r.ruleId === ruleId);
      const kept =
        group?.groupName === payload.raw &&
        group.description === payload.raw &&
        group.tags[payload.raw] === payload.raw &&
        rule?.description === payload.raw;
      return kept ? [] : [`${payload.name}: not kept exactly in the data island`];
    },
  };
}
