import { afterEach, describe, expect, it, vi } from 'vitest';
import { useColor } from '../../src/cli/terminal.js';

const terminal = { isTTY: true } as NodeJS.WriteStream;
const pipe = { isTTY: false } as NodeJS.WriteStream;

describe('colour in the terminal table', () => {
  afterEach(() => vi.unstubAllEnvs());

  it.each([
    ['a terminal without NO_COLOR', terminal, undefined, true],
    ['a terminal with NO_COLOR=1', terminal, '1', false],
    ['a terminal with an empty NO_COLOR', terminal, '', true],
    ['a pipe', pipe, undefined, false],
  ])('%s: %s', (_, stream, noColor, expected) => {
    if (noColor === undefined) vi.stubEnv('NO_COLOR', undefined);
    else vi.stubEnv('NO_COLOR', noColor);
    expect(useColor(stream)).toBe(expected);
  });
});
