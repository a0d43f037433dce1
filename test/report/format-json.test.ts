import { describe, expect, it } from 'vitest';

import { formatJson } from '../../src/report/format-json.js';
import { emptyReport, fixtureReport } from './report-fixture.js';
import { validateReport } from './report-validator.js';

describe('formatJson', () => {
  const report = fixtureReport();
  const json = formatJson(report);

  it('writes the report that it was given, valid against the schema', () => {
    expect(JSON.parse(json)).toEqual(report);
    expect(validateReport(JSON.parse(json))).toEqual([]);
  });

  it('pretty prints with two spaces and ends with a newline', () => {
    expect(json.startsWith('{\n  "schemaVersion": 1,\n  "generatedAt": ')).toBe(true);
    expect(json.endsWith('}\n')).toBe(true);
    expect(json.endsWith('\n\n')).toBe(false);
  });

  it('keeps hostile text exactly, escaped so that no control character is raw', () => {
    expect(json).toContain('"groupName": "\\u001b[31mred | pipe\\u009b2J\\u007f"');
    expect(json).toContain('"value": "192.0.2.0/24\\u001b]0;owned\\u0007"');
    // eslint-disable-next-line no-control-regex -- any control character but the line feed
    expect(json).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  it.each([
    ['a bidi override', '\u202e'],
    ['a line separator', '\u2028'],
    ['a C1 control', '\u0085'],
  ])('escapes %s and reads it back', (_name, char) => {
    const rule = { ...report.rules[0]!, description: `a${char}b` };
    const text = formatJson(fixtureReport([rule]));

    expect(text).not.toContain(char);
    expect(JSON.parse(text).rules[0].description).toBe(`a${char}b`);
  });

  it('writes null window ends and an empty rule list', () => {
    const parsed = JSON.parse(formatJson(emptyReport()));

    expect(parsed.window).toEqual({ from: null, to: null });
    expect(parsed.rules).toEqual([]);
    expect(validateReport(parsed)).toEqual([]);
  });
});
