/**
 * Fuzzing the inventory readers: JSON text of any kind, JSON values of any
 * shape, and a realistic export (`test/fixtures/inventory/realistic`) with
 * values replaced or removed anywhere. The outcome is always an inventory or
 * a StaleSgError INVALID_INVENTORY, never another exception; and an error
 * names the file, and a JSON path that leads into the document.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';

import { isStaleSgError } from '../../src/errors.js';
import { parseInventoryDocuments, type InventoryFile } from '../../src/inventory/load-inventory.js';
import { parseJsonText } from '../../src/inventory/parse-json-text.js';
import { parseCidr, parseIpAddress } from '../../src/net/ip-address.js';
import {
  jsonLocations,
  jsonMutation,
  mutateJson,
  resolveJsonPath,
} from './input-corpus/json-mutation.js';
import { fuzzRuns } from './input-corpus/fuzz-runs.js';

const RUNS = fuzzRuns(1000);

const REALISTIC = fileURLToPath(new URL('../fixtures/inventory/realistic/', import.meta.url));

/** Runs `work`; returns its value, or the StaleSgError it threw. Anything else fails the test. */
function outcomeOf<T>(work: () => T): T | { readonly error: Error & { code: string } } {
  try {
    return work();
  } catch (error) {
    expect(isStaleSgError(error), `not a StaleSgError: ${String(error)}`).toBe(true);
    return { error: error as Error & { code: string } };
  }
}

describe('JSON text, fuzzed', () => {
  /** Valid JSON with a few characters inserted or removed, and text of any kind. */
  const text = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc
      .tuple(fc.json({ maxDepth: 3 }), fc.nat(), fc.nat({ max: 3 }), fc.string({ maxLength: 3 }))
      .map(([json, at, remove, insert]) => {
        const cut = at % (json.length + 1);
        return json.slice(0, cut) + insert + json.slice(cut + remove);
      }),
  );

  it('parses what JSON.parse parses, and otherwise names the line and column of the problem', () => {
    fc.assert(
      fc.property(text, (source) => {
        const result = outcomeOf(() => parseJsonText('f.json', source));
        let expected: unknown;
        try {
          expected = JSON.parse(source);
        } catch {
          const { error } = result as { error: Error & { code: string } };
          expect(error.code).toBe('INVALID_INVENTORY');
          const [, line, column] =
            /^f\.json:(\d+):(\d+): not valid JSON: /.exec(error.message) ?? [];
          expect(error.message, 'names the line and column').toMatch(/^f\.json:\d+:\d+: /);
          expect(Number(line)).toBeLessThanOrEqual(source.split('\n').length);
          expect(Number(column)).toBeGreaterThanOrEqual(1);
          return;
        }
        expect(result).toEqual(expected);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('inventory documents, fuzzed', () => {
  let realistic: InventoryFile[] = [];

  beforeAll(async () => {
    const names = (await readdir(REALISTIC)).filter((name) => name.endsWith('.json'));
    realistic = await Promise.all(
      names.map(async (name) => ({
        file: name,
        json: JSON.parse(await readFile(join(REALISTIC, name), 'utf8')) as unknown,
      })),
    );
  });

  it('read any JSON values as an inventory or an INVALID_INVENTORY error', () => {
    const files = fc.array(
      fc.record({
        file: fc.constantFrom('a.json', 'b.json', 'pl-0a1b2c3d.json', 'notes.json'),
        json: fc.oneof(
          fc.jsonValue({ maxDepth: 4 }),
          fc.dictionary(
            fc.constantFrom('SecurityGroups', 'SecurityGroupRules', 'NetworkInterfaces', 'Entries'),
            fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 3 }),
            { maxKeys: 2 },
          ),
        ),
      }),
      { maxLength: 4 },
    );

    fc.assert(
      fc.property(files, (documents) => {
        const result = outcomeOf(() => parseInventoryDocuments(documents));
        if ('error' in result) expect(result.error.code).toBe('INVALID_INVENTORY');
      }),
      { numRuns: RUNS },
    );
  });

  it('read a realistic export with values replaced or removed, and point errors into it', () => {
    const mutation = fc.record({
      document: fc.nat(),
      location: fc.nat(),
      change: jsonMutation,
    });

    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (changes) => {
        const documents = changes.reduce<InventoryFile[]>((files, change) => {
          const index = change.document % files.length;
          const target = files[index]!;
          const locations = jsonLocations(target.json);
          const location = locations[change.location % locations.length]!;
          const json = mutateJson(target.json, location, change.change);
          return files.map((file, i) => (i === index ? { ...file, json } : file));
        }, realistic);

        const result = outcomeOf(() => parseInventoryDocuments(documents));
        if (!('error' in result)) {
          expectConsistent(result.inventory);
          return;
        }
        expect(result.error.code).toBe('INVALID_INVENTORY');
        expectPlaceNamed(result.error.message, documents);
      }),
      { numRuns: RUNS },
    );
  });
});

/**
 * An error message names a file and a JSON path into it whose parent
 * exists, or is one of the messages about the directory as a whole.
 */
function expectPlaceNamed(message: string, documents: readonly InventoryFile[]): void {
  if (message.startsWith('aws ec2 describe-security-groups output is required')) return;

  const document = documents.find((doc) => message.startsWith(`${doc.file}: `));
  expect(document, `names no file: ${message}`).toBeDefined();
  const rest = message.slice(`${document!.file}: `.length);
  if (rest.startsWith('expected a file named after its prefix list')) return;

  const path = /^(\$.*?): expected /.exec(rest)?.[1];
  expect(path, `names no JSON path: ${message}`).toBeDefined();
  const resolved = resolveJsonPath(document!.json, path!);
  expect(resolved?.parent, `the path leads nowhere: ${message}`).toBe(true);
}

/** A read inventory is sound: canonical addresses and CIDRs, ports in range, ids unique. */
function expectConsistent(
  inventory: ReturnType<typeof parseInventoryDocuments>['inventory'],
): void {
  for (const rule of inventory.rules) {
    if (rule.peer.kind === 'cidr4' || rule.peer.kind === 'cidr6') {
      expect(parseCidr(rule.peer.value)?.family).toBe(rule.peer.kind === 'cidr4' ? 4 : 6);
    }
    for (const port of [rule.fromPort, rule.toPort]) {
      if (port !== null) expect(Number.isInteger(port)).toBe(true);
    }
    expect(rule.protocol).toBeGreaterThanOrEqual(-1);
    expect(rule.protocol).toBeLessThanOrEqual(255);
  }
  for (const eni of inventory.interfaces) {
    for (const address of eni.addresses) expect(parseIpAddress(address)).toBeDefined();
  }
  for (const list of inventory.prefixLists) {
    for (const cidr of list.cidrs) expect(parseCidr(cidr)).toBeDefined();
  }
  const ruleIds = inventory.rules.map((rule) => rule.ruleId);
  expect(new Set(ruleIds).size).toBe(ruleIds.length);
}
