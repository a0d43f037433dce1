import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

/** Helpers to check generated shell scripts: by running them against a fake `aws`, and by parsing. */

/**
 * Runs a script in `dir` with a fake `aws` first on the PATH, which records
 * each call's arguments; returns the calls in order.
 */
export function runWithFakeAws(script: string, dir: string): string[][] {
  const bin = join(dir, 'bin');
  const log = join(dir, 'calls');
  for (const path of [bin, log]) mkdirSync(path, { recursive: true });
  writeFileSync(
    join(bin, 'aws'),
    '#!/usr/bin/env bash\nn=$(ls "$AWS_LOG_DIR" | wc -l)\nprintf \'%s\\0\' "$@" > "$AWS_LOG_DIR/$(printf %04d "$n")"\n',
  );
  chmodSync(join(bin, 'aws'), 0o755);
  writeFileSync(join(dir, 'script.sh'), script);

  const result = spawnSync('bash', [join(dir, 'script.sh')], {
    env: { PATH: `${bin}:${process.env['PATH'] ?? ''}`, AWS_LOG_DIR: log, HOME: dir },
    encoding: 'utf8',
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);

  return readdirSync(log)
    .sort()
    .map((file) => readFileSync(join(log, file), 'utf8').split('\0').slice(0, -1));
}

/** Fails unless every line is the shebang, a comment, the shell options or an `aws ec2` call. */
export function expectOnlyCommentsAndCalls(script: string): void {
  expect(bashSyntaxErrors(script)).toBe('');
  const lines = script.split('\n').filter((line) => line !== '');
  expect(lines[0]).toBe('#!/usr/bin/env bash');
  const odd = lines.filter(
    (line) => !line.startsWith('#') && line !== 'set -euo pipefail' && !line.startsWith('aws ec2 '),
  );
  expect(odd).toEqual([]);
  expect(lines.filter((line) => line === 'set -euo pipefail')).toHaveLength(1);
}

/**
 * Splits an `aws` line into words, accepting only bare words of safe
 * characters and single-quoted text (with `'\\''` for a quote): anything
 * bash could expand throws. A check that needs no execution.
 */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | null = null;

  for (let i = 0; i < line.length; i++) {
    const char = line[i] ?? '';
    if (char === ' ') {
      if (word !== null) words.push(word);
      word = null;
    } else if (char === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated quote at ${i}`);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (char === '\\' && line[i + 1] === "'") {
      word = (word ?? '') + "'";
      i++;
    } else if (/[A-Za-z0-9_./:-]/.test(char)) {
      word = (word ?? '') + char;
    } else {
      throw new Error(`${JSON.stringify(char)} outside quotes at ${i}`);
    }
  }
  return word === null ? words : [...words, word];
}

export function bashSyntaxErrors(script: string): string {
  return spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' }).stderr;
}
