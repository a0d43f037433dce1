import { describe, expect, test } from 'vitest';

import { scriptJson } from '../../../src/report/html/json-island.js';

describe('scriptJson', () => {
  test.each([
    ['</script>', '"\\u003c/script\\u003e"'],
    ['<!--', '"\\u003c!--"'],
    ['a & b', '"a \\u0026 b"'],
    ['\u2028\u2029', '"\\u2028\\u2029"'],
    ['plain', '"plain"'],
  ])('escapes %j', (text, expected) => {
    expect(scriptJson(text)).toBe(expected);
    expect(JSON.parse(scriptJson(text))).toBe(text);
  });

  test('round-trips nested values', () => {
    const value = { name: '</script><script>alert(1)</script>', list: ['<img src=x>', null, 3] };

    expect(JSON.parse(scriptJson(value))).toEqual(value);
    expect(scriptJson(value)).not.toMatch(/[<>&\u2028\u2029]/);
  });
});
