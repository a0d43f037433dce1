import { compareText } from '../inventory/sort-inventory.js';

/** The stored key of an overlap: its rule ids, unique, sorted and space-separated. */
export function overlapKey(ruleIds: readonly string[]): string {
  return [...new Set(ruleIds)].sort(compareText).join(' ');
}
