import { StaleSgError } from '../errors.js';
import type { SourceVersion } from './batch-usage.js';

/** A batch names each source once; twice would count it twice. */
export function refuseRepeatedSources(sources: readonly SourceVersion[]): void {
  const seen = new Set<string>();
  for (const source of sources) {
    if (seen.has(source.key)) {
      throw new StaleSgError(
        'INVALID_ARGUMENT',
        `the flow log source ${source.key} appears twice in one batch`,
      );
    }
    seen.add(source.key);
  }
}

/** The error of every store for a batch whose source was processed before. */
export function alreadyProcessed(key: string, runId: string): StaleSgError {
  return new StaleSgError(
    'ALREADY_PROCESSED',
    `the flow log source ${key} was already processed by run ${runId}; ` +
      `the batch was not recorded`,
  );
}
