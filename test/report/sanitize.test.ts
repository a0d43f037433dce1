import { describe, expect, it } from 'vitest';

import {
  csvText,
  escapeMarkdown,
  neutraliseFormula,
  stripControl,
} from '../../src/report/sanitize.js';

describe('stripControl', () => {
  it.each([
    ['plain text', 'web-servers', 'web-servers'],
    ['an SGR colour, parameters and all', '\u001b[31mred\u001b[0m', 'red'],
    ['a cursor movement', 'a\u001b[2Ab', 'ab'],
    ['a screen clear by 8-bit CSI', 'a\u009b2Jb', 'ab'],
    ['an OSC window title ended by BEL', 'a\u001b]0;owned\u0007b', 'ab'],
    ['an OSC hyperlink ended by ST', 'a\u001b]8;;http://x\u001b\\b', 'ab'],
    ['a terminal reset', 'a\u001bcb', 'ab'],
    ['a character set switch', 'a\u001b(0b', 'ab'],
    ['a lone ESC at the end', 'a\u001b', 'a'],
    ['NUL, BEL and backspace', 'a\u0000\u0007\u0008b', 'ab'],
    ['DEL', 'a\u007fb', 'ab'],
    ['a C1 control', 'a\u0085b', 'a b'],
    ['bidi overrides', 'a\u202eb\u2066c\u2069', 'abc'],
    ['a newline', 'first\nsecond', 'first second'],
    ['CRLF and a tab', 'a\r\nb\tc', 'a  b c'],
    ['non-ASCII text', 'Zürich – 東京', 'Zürich – 東京'],
  ])('removes %s', (_name, input, expected) => {
    expect(stripControl(input)).toBe(expected);
  });

  it('keeps tabs and line breaks when asked, and still strips the rest', () => {
    expect(stripControl('a\tb\r\nc\u001b[1md\u000b', { keepLineBreaks: true })).toBe('a\tb\r\ncd');
  });
});

describe('neutraliseFormula', () => {
  it.each([
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['+1+1', "'+1+1"],
    ['-foo', "'-foo"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['HTTPS from anywhere', 'HTTPS from anywhere'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j becomes %j', (input, expected) => {
    expect(neutraliseFormula(input)).toBe(expected);
  });

  it('neutralises a formula that only shows after control characters are stripped', () => {
    expect(csvText('\u001b[31m=1+1')).toBe("'=1+1");
  });
});

describe('escapeMarkdown', () => {
  it.each([
    ['a pipe', 'a | b', 'a \\| b'],
    ['a backslash', 'C:\\temp', 'C:\\\\temp'],
    ['a backtick', '`code`', '\\`code\\`'],
    ['emphasis', '*bold* _it_', '\\*bold\\* \\_it\\_'],
    ['strikethrough', '~~gone~~', '\\~\\~gone\\~\\~'],
    ['a link', '[x](http://e)', '\\[x\\](http://e)'],
    ['HTML', '<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['an ampersand and an entity', 'a & &lt;', 'a &amp; &amp;lt;'],
    ['a newline', 'one\ntwo', 'one two'],
    ['an ANSI colour', '\u001b[31mred', 'red'],
    ['plain text', 'web 10.0.0.0/8', 'web 10.0.0.0/8'],
  ])('escapes %s', (_name, input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });
});
