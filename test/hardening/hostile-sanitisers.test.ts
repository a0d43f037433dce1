/**
 * The sanitisers behind the outputs, over the hostile payload set: the
 * report page's `clean()` (run here in Node, without a browser) and
 * `stripControl` show every payload as the same visible text; JSON keeps it
 * exactly with no control raw; terminal messages keep their own line breaks
 * and lose every other control. The outputs themselves are checked end to
 * end in the other hostile-*.test.ts files.
 */
import { describe, expect, it } from 'vitest';

import { terminalText } from '../../src/cli/terminal.js';
import { scriptJson } from '../../src/report/html/json-island.js';
import { SCRIPT_CORE } from '../../src/report/html/script-core.js';
import { jsonText } from '../../src/report/json-text.js';
import { stripControl } from '../../src/report/sanitize.js';
import { rawControls } from './hostile-content/inert-text.js';
import { PAYLOADS } from './hostile-content/payloads.js';

/** The page's own `clean()`: its script defines functions only, so it runs outside a page. */
const pageClean = new Function(`${SCRIPT_CORE}\nreturn clean;`)() as (text: string) => string;

const cases = PAYLOADS.map((payload) => [payload.name, payload] as const);

describe('the visible text of each payload', () => {
  it.each(cases)('%s reads the same in the page as in the other outputs', (_name, payload) => {
    expect(stripControl(payload.raw)).toBe(payload.line);
    expect(pageClean(payload.raw)).toBe(payload.line);
    expect(stripControl(payload.raw, { keepLineBreaks: true })).toBe(payload.cell);
  });
});

describe('JSON of each payload', () => {
  it.each(cases)('%s: no control raw, and parsed back exactly', (_name, payload) => {
    const value = { [payload.raw]: [payload.raw] };
    for (const text of [jsonText(value), jsonText(value, 2), scriptJson(value)]) {
      expect(rawControls(text)).toEqual([]);
      expect(text).not.toMatch(/[\u2028\u2029]/);
      expect(JSON.parse(text)).toEqual(value);
    }
    expect(scriptJson(value)).not.toMatch(/[<>&]/);
  });
});

describe('terminalText', () => {
  it.each(cases)('strips %s on a line of a message', (_name, payload) => {
    const text = terminalText(`first line\nfound "${payload.raw.replace(/\n/g, ' ')}"\nlast`);

    expect(rawControls(text)).toEqual([]);
    expect(text.split('\n')).toHaveLength(3);
  });

  it('keeps the line breaks of a message of several lines', () => {
    expect(terminalText('Review, then run:  bash x.sh\nUndo with:  bash y.sh')).toBe(
      'Review, then run:  bash x.sh\nUndo with:  bash y.sh',
    );
    expect(terminalText('a\r\nb\u001b[2Kc')).toBe('a \nbc');
  });
});
