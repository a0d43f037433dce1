/**
 * The attribution semantics (docs/attribution.md), clause by clause, as
 * tables of small cases. Each table runs against the reference oracle and
 * against the engine reading the same records from a flow log file, so that a
 * failing case names the clause and the implementation that broke it.
 * `vitest run test/attribution -t '^oracle '` runs the oracle half alone.
 */
import { describe, expect, it } from 'vitest';

import type { SemanticsCase } from './cases/semantics-case.js';
import type { Runner } from './runners.js';
import { directionCases } from './cases/direction.js';
import { groupCases } from './cases/groups.js';
import { logStatusCases } from './cases/log-status.js';
import { peerCases, protocolAndPortCases } from './cases/matching.js';
import { requestResponseCases } from './cases/request-response.js';
import { countCases, verdictCases, windowCases } from './cases/verdicts.js';
import { wellFormedCases } from './cases/well-formed.js';
import { viaEngine, viaOracle } from './runners.js';

const tables: readonly (readonly [string, readonly SemanticsCase[]])[] = [
  ['well-formed records', wellFormedCases],
  ['usage records and coverage', logStatusCases],
  ['direction', directionCases],
  ['request or response', requestResponseCases],
  ['matching: protocol and port', protocolAndPortCases],
  ['matching: peer', peerCases],
  ['matching: groups and exclusive hits', groupCases],
  ['per rule: sums and times', countCases],
  ['window', windowCases],
  ['verdicts', verdictCases],
];

const runners: readonly (readonly [string, Runner])[] = [
  ['oracle', viaOracle],
  ['engine', viaEngine],
];

describe.each(runners)('%s', (_, run) => {
  describe.each(tables)('%s', (_, cases) => {
    // By name first: `$name` would quote and shorten it.
    const named = cases.map((semanticsCase) => [semanticsCase.name, semanticsCase] as const);
    it.each(named)('%s', async (_name, semanticsCase) => {
      const outcome = await run(semanticsCase);

      // Only the fields a case names are compared, all rules at once for a readable diff.
      const ruleIds = Object.keys(semanticsCase.expected);
      const actual = Object.fromEntries(ruleIds.map((id) => [id, outcome.rules.get(id)]));
      expect(actual).toMatchObject(semanticsCase.expected);

      if (semanticsCase.summary !== undefined) {
        expect(outcome.summary).toMatchObject(semanticsCase.summary);
      }
    });
  });
});
