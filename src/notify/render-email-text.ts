import { stripControl } from '../report/sanitize.js';
import { countLabel } from '../report/rule-labels.js';
import type {
  FindingsDigest,
  NarrowingLine,
  OtherFindingLine,
  Shown,
  StaleRuleLine,
  SummaryLine,
} from './findings-digest.js';

/** Indent of the lines under a numbered entry. */
const INDENT = '    ';

/**
 * The plain-text part: the same content as the HTML, for clients that show
 * text only and for people who prefer it. Every piece of account text goes
 * through `stripControl`, so a name cannot break a line, move the cursor of
 * a terminal mail reader, or reorder what is shown.
 */
export function renderEmailText(digest: FindingsDigest, attachments: readonly string[]): string {
  const blocks = [
    [
      'Security group rule findings',
      `Window: ${clean(digest.window)}`,
      `Generated: ${clean(digest.generated)}`,
    ],
    ['Summary', ...summaryLines(digest.summary)],
    staleBlock(digest.stale),
    narrowingBlock(digest.narrowing),
    ['Other findings', ...digest.others.map(otherLine)],
    [`Attached: ${attachments.map(clean).join(', ')}.`],
  ];
  return `${blocks.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}

function summaryLines(lines: readonly SummaryLine[]): string[] {
  const width = Math.max(...lines.map((line) => line.label.length));
  const counts = lines.map((line) => countLabel(line.count));
  const countWidth = Math.max(...counts.map((count) => count.length));
  return lines.map(
    (line, index) => `  ${line.label.padEnd(width)}  ${(counts[index] ?? '').padStart(countWidth)}`,
  );
}

function staleBlock(stale: Shown<StaleRuleLine>): string[] {
  const heading = 'Stale rules, riskiest first';
  if (stale.total === 0) return [heading, 'None.'];
  return [
    heading,
    'No hit in the stale-after period, though the logs cover their groups.',
    'Open to the internet on sensitive ports first, then the widest peers and port ranges.',
    '',
    ...stale.lines.flatMap(staleEntry),
    ...moreLine(stale),
  ];
}

function staleEntry(line: StaleRuleLine, index: number): string[] {
  const details = [
    ...(line.risk === null ? [] : [`RISKY: ${clean(line.risk)}`]),
    `last seen ${clean(line.lastSeen)}`,
    ...(line.description === null ? [] : [`description: ${clean(line.description)}`]),
  ];
  return [
    `${number(index)}${clean(line.group)} ${clean(line.ruleId)}: ${clean(line.allows)}`,
    `${INDENT}${details.join('; ')}`,
  ];
}

function narrowingBlock(narrowing: Shown<NarrowingLine>): string[] {
  const heading = 'Narrowing suggestions';
  if (narrowing.total === 0) return [heading, 'None.'];
  return [
    heading,
    'Used rules much wider than their traffic, with the ports or networks that allowed every hit.',
    '',
    ...narrowing.lines.flatMap((line, index) => [
      `${number(index)}${clean(line.group)} ${clean(line.ruleId)}: ${clean(line.allows)}`,
      `${INDENT}${countLabel(line.hits)} hits; narrow to ${clean(line.narrowTo)}`,
    ]),
    ...moreLine(narrowing),
  ];
}

function moreLine(shown: Shown<unknown>): string[] {
  const more = shown.total - shown.lines.length;
  return more > 0 ? [`${countLabel(more)} more in the attached reports.`] : [];
}

function otherLine(line: OtherFindingLine): string {
  return `  - ${line.kind}: ${line.count}, ${clean(line.note)}`;
}

/** `  1. ` to ` 20. `: numbers right-aligned, so that entries line up. */
function number(index: number): string {
  return `${String(index + 1).padStart(3)}. `;
}

function clean(text: string): string {
  return stripControl(text);
}
