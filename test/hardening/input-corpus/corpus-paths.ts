import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The corpus of small, readable bad inputs: `test/fixtures/bad-inputs/`. */
const BAD_INPUTS = new URL('../../fixtures/bad-inputs/', import.meta.url);

/**
 * A valid inventory to read bad flow logs against: one group that allows
 * HTTPS from anywhere, one interface.
 */
export const GOOD_INVENTORY = fileURLToPath(new URL('good-inventory', BAD_INPUTS));

/** The directory of the corpus's flow log files. */
export const FLOW_LOG_FIXTURES = fileURLToPath(new URL('flow-logs', BAD_INPUTS));

/** A flow log file of the corpus, by name. */
export function flowLogFixture(name: string): string {
  return join(FLOW_LOG_FIXTURES, name);
}

/** An inventory directory of the corpus, by name (without a trailing slash: messages quote it). */
export function inventoryFixture(name: string): string {
  return join(fileURLToPath(new URL('inventory', BAD_INPUTS)), name);
}
