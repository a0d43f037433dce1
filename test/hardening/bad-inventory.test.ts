/**
 * The corpus of bad inventories (`input-corpus/inventory-cases.ts`, files in
 * `test/fixtures/bad-inputs/inventory/`): for each, the exact outcome, from
 * the library and from the CLI. An inventory error stops the analysis with
 * a message that names the file and the line or JSON path, and exit code 1;
 * a reference the inventory cannot resolve is a warning, and the analysis
 * goes on.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { analyze } from '../../src/analyze.js';
import { loadInventoryDir } from '../../src/inventory/load-inventory.js';
import { runCli } from '../cli/cli-process.js';
import { flowLogFixture, inventoryFixture } from './input-corpus/corpus-paths.js';
import { INVENTORY_CASES } from './input-corpus/inventory-cases.js';
import { useTempDirs } from './input-corpus/temp-dirs.js';

/** No records: these cases are about the inventory alone. */
const FLOW_LOGS = flowLogFixture('header-only.log');

const tempDir = useTempDirs('stale-sg-bad-inventory-');

describe('a bad inventory, through the library', () => {
  it.each(INVENTORY_CASES)('$name: $outcome.kind', async ({ dir, outcome }) => {
    const path = inventoryFixture(dir);
    const analysis = analyze({ inventory: { dir: path }, flowLogs: [FLOW_LOGS] });

    if (outcome.kind === 'error') {
      await expect(analysis).rejects.toMatchObject({
        name: 'StaleSgError',
        code: outcome.code,
        message: outcome.message(path),
      });
      return;
    }

    const report = await analysis;
    expect(report.warnings).toEqual(outcome.kind === 'warning' ? [outcome.warning] : []);
    if (outcome.kind === 'read') {
      expect(report.rules.map((rule) => rule.peer.value).sort()).toEqual(outcome.peers);
    }
  });
});

describe('a bad inventory, through the CLI', () => {
  it.concurrent.each(INVENTORY_CASES)('$name: $outcome.kind', async ({ dir, outcome }) => {
    const path = inventoryFixture(dir);
    const run = await runCli(['analyze', '--inventory', path, '--flow-logs', FLOW_LOGS]);

    if (outcome.kind === 'error') {
      expect(run).toEqual({ code: 1, stdout: '', stderr: `stale-sg: ${outcome.message(path)}\n` });
      return;
    }
    expect(run.code).toBe(0);
    const warnings = run.stderr.split('\n').filter((line) => line.startsWith('warning: '));
    expect(warnings).toEqual(outcome.kind === 'warning' ? [`warning: ${outcome.warning}`] : []);
  });
});

describe('generated bad inventories', () => {
  async function groupsFile(content: string | Buffer): Promise<{ dir: string; file: string }> {
    const dir = await tempDir();
    const file = join(dir, 'security-groups.json');
    await writeFile(file, content);
    return { dir, file };
  }

  it.each([
    ['arrays nested 200 000 deep', `{"SecurityGroups": ${'['.repeat(200_000)}}`],
    ['objects nested 200 000 deep', `{"SecurityGroups": ${'{"a":'.repeat(200_000)}}`],
  ])('rejects %s as not JSON, without a stack overflow', async (_, content) => {
    const { dir, file } = await groupsFile(content);
    await expect(loadInventoryDir(dir)).rejects.toMatchObject({
      code: 'INVALID_INVENTORY',
      message: expect.stringMatching(new RegExp(`^${file}(:\\d+:\\d+)?: not valid JSON: `)),
    });
  });

  it('rejects a deep but valid document by its JSON path', async () => {
    const { dir, file } = await groupsFile(
      `{"SecurityGroups": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
    );
    await expect(loadInventoryDir(dir)).rejects.toMatchObject({
      code: 'INVALID_INVENTORY',
      message: `${file}: $.SecurityGroups[0]: expected an object, found an array`,
    });
  });

  it('rejects bytes that are no text, naming the file', async () => {
    const { dir, file } = await groupsFile(Buffer.from([0x00, 0xc3, 0x28, 0xff, 0x7b]));
    await expect(loadInventoryDir(dir)).rejects.toMatchObject({
      code: 'INVALID_INVENTORY',
      message: `${file}:1:1: not valid JSON: expected a JSON value, found "\\u0000"`,
    });
  });

  it('reads UTF-16 with a byte order mark, as Windows PowerShell saves it', async () => {
    const json = await readFile(
      join(inventoryFixture('non-canonical-cidrs'), 'security-groups.json'),
    );
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(json.toString(), 'utf16le'),
    ]);
    const { dir } = await groupsFile(utf16);

    const { inventory } = await loadInventoryDir(dir);
    expect(inventory.rules.map((rule) => rule.peer.value).sort()).toEqual([
      '10.0.0.0/8',
      '2001:db8::/32',
    ]);
  });

  it('keeps a tag whose key is __proto__ as a tag', async () => {
    const { dir } = await groupsFile(
      JSON.stringify({
        SecurityGroups: [
          { GroupId: 'sg-1', GroupName: 'x', Tags: [{ Key: '__proto__', Value: 'polluted' }] },
        ],
      }),
    );

    const { inventory } = await loadInventoryDir(dir);
    const tags = inventory.groups[0]?.tags ?? {};
    expect(Object.entries(tags)).toEqual([['__proto__', 'polluted']]);
    expect(Object.getPrototypeOf(tags)).toBe(Object.prototype);
  });
});
