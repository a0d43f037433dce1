import type { OracleSummary } from '../../oracle/oracle.js';
import type { RuleOutcome, Scenario } from '../runners.js';

/** One row of a semantics table: a scenario and what some of its rules must show. */
export interface SemanticsCase extends Scenario {
  /** Reads as a sentence in the test output. */
  readonly name: string;
  /** By rule id; only the fields given are compared. */
  readonly expected: Readonly<Record<string, Partial<RuleOutcome>>>;
  readonly summary?: Partial<OracleSummary>;
}
