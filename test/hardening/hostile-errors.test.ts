/**
 * Error messages that quote what the user or the account gave (a file name,
 * a field's value, an argument) reach the terminal without its controls:
 * the built CLI's stderr, as raw bytes, holds no escape sequence, C1 or
 * bidi control, and still names the file or value by its visible text.
 * Warnings of a run that succeeds are in hostile-reports.test.ts.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runCliBytes } from './hostile-content/cli-bytes.js';
import { rawControls } from './hostile-content/inert-text.js';

const ESC = '\u001b';
const BEL = '\u0007';

/** Clears the screen, retitles the window and reverses what follows. */
const NAME = `${ESC}[2J${ESC}]0;owned${BEL}hostile\u202e`;
/** What a reader should see of `NAME`. */
const NAME_SHOWN = 'hostile';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stale-sg-hostile-errors-'));
  await mkdir(join(dir, 'empty'));
  await mkdir(join(dir, 'inventory'));
  await writeFile(join(dir, 'inventory', 'groups.json'), '{"SecurityGroups":[]}');

  // A CIDR whose text carries an 8-bit CSI, an ESC sequence and markup, in a file named NAME.
  await mkdir(join(dir, 'bad-inventory'));
  const cidr = `10.0.0.0/8\u009b2J${ESC}[31m<script>`;
  const permission = { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: cidr }] };
  const group = { GroupId: 'sg-1', GroupName: 'x', IpPermissions: [permission] };
  await writeFile(
    join(dir, 'bad-inventory', `${NAME}.json`),
    JSON.stringify({ SecurityGroups: [group] }),
  );

  await writeFile(join(dir, `${NAME}.log`), 'not a flow log\n');
});

afterAll(() => rm(dir, { recursive: true, force: true }));

interface ErrorCase {
  readonly args: () => string[];
  readonly code: number;
  /** What stderr must say, controls gone. */
  readonly says: () => string;
}

const CASES: Readonly<Record<string, ErrorCase>> = {
  'an invalid inventory file: its name and the value found': {
    args: () => ['analyze', '--inventory', join(dir, 'bad-inventory'), ...flowLogs()],
    code: 1,
    says: () =>
      `${join(dir, 'bad-inventory', `${NAME_SHOWN}.json`)}: ` +
      `$.SecurityGroups[0].IpPermissions[0].IpRanges[0].CidrIp: ` +
      `expected a CIDR block, found "10.0.0.0/8\\u001b[31m<script>"`,
  },
  'an inventory directory that does not exist': {
    args: () => ['analyze', '--inventory', join(dir, NAME), ...flowLogs()],
    code: 1,
    says: () => `${join(dir, NAME_SHOWN)}: cannot read the inventory directory`,
  },
  'a flow log file that --strict refuses': {
    args: () => [
      'analyze',
      ...['--inventory', join(dir, 'inventory'), '--flow-logs', join(dir, `${NAME}.log`)],
      '--strict',
    ],
    code: 1,
    says: () => `stale-sg: ${join(dir, `${NAME_SHOWN}.log`)}: the header lacks`,
  },
  'an argument that is not one of the choices': {
    args: () => [
      'analyze',
      ...['--inventory', join(dir, 'inventory'), ...flowLogs()],
      ...['--format', `${NAME}html\u009b2J`],
    ],
    code: 2,
    says: () => `argument '${NAME_SHOWN}html' is invalid`,
  },
  'a date that is not one': {
    args: () => ['report', '--db', join(dir, 'none.duckdb'), '--since', `${NAME}2026`],
    code: 2,
    says: () => `found "${NAME_SHOWN}2026"`,
  },
};

function flowLogs(): string[] {
  return ['--flow-logs', join(dir, 'empty')];
}

describe('error messages that quote hostile text', () => {
  it.each(Object.entries(CASES))('%s', async (_name, { args, code, says }) => {
    const run = await runCliBytes(args(), { cwd: dir });

    expect(run.code, run.stderr.toString()).toBe(code);
    expect(rawControls(run.stderr)).toEqual([]);
    expect(rawControls(run.stdout)).toEqual([]);
    expect(run.stderr.toString('utf8')).toContain(says());
  });
});
