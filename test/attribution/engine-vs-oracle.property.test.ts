/**
 * The engine against the reference oracle on random small inventories and
 * flow logs (see `arbitraries/`). Each run writes the records to one or two
 * flow log files (with a header in the full or a shuffled format, or
 * header-less in the default format; plain or gzipped) and compares every
 * rule, the summary and the window. A failure prints the shrunk scenario as
 * rules, interfaces and flow log lines, and one line per disagreement.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { Outcome, Scenario } from './runners.js';
import { runOracle } from '../oracle/oracle.js';
import { scenarioArb } from './arbitraries/scenario-arbitrary.js';
import { describeScenario } from './describe-scenario.js';
import { viaEngine, viaOracle } from './runners.js';

const RULE_FIELDS = [
  'hits',
  'exclusiveHits',
  'packets',
  'bytes',
  'firstSeen',
  'lastSeen',
  'status',
] as const;

/** Every disagreement between the two outcomes, one readable line each. */
function differences(scenario: Scenario, expected: Outcome, actual: Outcome): string[] {
  const found: string[] = [];
  for (const rule of scenario.inventory.rules) {
    const want = expected.rules.get(rule.ruleId);
    const got = actual.rules.get(rule.ruleId);
    if (got === undefined || want === undefined) {
      found.push(`${rule.ruleId}: missing from the ${got === undefined ? 'engine' : 'oracle'}`);
      continue;
    }
    for (const field of RULE_FIELDS) {
      if (want[field] !== got[field]) {
        found.push(`${rule.ruleId}.${field}: oracle ${want[field]}, engine ${got[field]}`);
      }
    }
  }

  const summaryFields = [
    'records',
    'acceptedRecords',
    'rejectedRecords',
    'malformedRecords',
  ] as const;
  for (const field of summaryFields) {
    if (expected.summary[field] !== actual.summary[field]) {
      found.push(
        `summary.${field}: oracle ${expected.summary[field]}, engine ${actual.summary[field]}`,
      );
    }
  }
  for (const end of ['from', 'to'] as const) {
    if (expected.window[end] !== actual.window[end]) {
      found.push(`window.${end}: oracle ${expected.window[end]}, engine ${actual.window[end]}`);
    }
  }
  return found;
}

/** 150 runs of up to 40 records each (about 30 s); PROPERTY_RUNS=2000 for a longer search. */
const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 150);
const TIME_LIMIT_MS = Math.max(60_000, RUNS * 400);

describe('engine', () => {
  it(
    'agrees with the reference on random inventories and flow logs',
    async () => {
      await fc.assert(
        fc.asyncProperty(scenarioArb(), async (scenario) => {
          const expected = await viaOracle(scenario);
          const actual = await viaEngine(scenario);
          expect(differences(scenario, expected, actual), describeScenario(scenario)).toEqual([]);
        }),
        // Stop searching (and shrinking) in time to report what was found.
        { numRuns: RUNS, plugins: [fc.interruptAfterTimeLimit(TIME_LIMIT_MS)] },
      );
    },
    TIME_LIMIT_MS + 30_000,
  );
});

describe('oracle', () => {
  it('keeps its own invariants on random inputs', () => {
    fc.assert(
      fc.property(scenarioArb(), (scenario) => {
        const input = {
          inventory: scenario.inventory,
          records: scenario.records,
          ...scenario.options,
        };
        const result = runOracle(input);
        const { summary } = result;

        expect(summary.acceptedRecords + summary.rejectedRecords).toBeLessThanOrEqual(
          summary.records,
        );
        for (const rule of result.rules) {
          expect(rule.exclusiveHits).toBeLessThanOrEqual(rule.hits);
          expect(rule.hits).toBeLessThanOrEqual(summary.acceptedRecords);
          if (rule.hits === 0) expect(rule.status).not.toBe('used');
          if (rule.hits > 0 && input.staleAfterDays === undefined) expect(rule.status).toBe('used');
        }

        // Attribution is per conversation, never per position in the file.
        const reversed = runOracle({ ...input, records: [...input.records].reverse() });
        expect(reversed).toEqual(result);

        // Rejected records are never usage.
        const rejected = input.records.map((record) =>
          record.action === null ? record : { ...record, action: 'REJECT' as const },
        );
        expect(runOracle({ ...input, records: rejected }).rules.every((r) => r.hits === 0)).toBe(
          true,
        );
      }),
      { numRuns: 500 },
    );
  });
});
