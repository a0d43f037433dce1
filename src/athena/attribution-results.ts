import type { Attribution } from '../attribution/attribute-flows.js';
import type { OutputKind } from '../attribution/attribution-outputs.js';
import { evidenceOf } from '../attribution/read-evidence.js';
import { attributionOf, type UsageRow } from '../engine/usage-rows.js';
import type { UsageEvidence } from '../findings/evidence.js';

/** One row of the attribution query's result: `kind` and its columns, as text or NULL. */
export type ResultRow = Readonly<Record<string, string | null>>;

export interface QueryAttribution {
  readonly attribution: Attribution;
  readonly evidence: UsageEvidence;
}

/**
 * The attribution and its evidence from the rows of `attributionQuery`,
 * through the same row readers as DuckDB's results, so that both engines'
 * numbers become usage the same way.
 */
export async function attributionFromRows(
  rows: AsyncIterable<ResultRow> | Iterable<ResultRow>,
): Promise<QueryAttribution> {
  const byKind = new Map<OutputKind, UsageRow[]>();
  for await (const row of rows) {
    const kind = row['kind'] as OutputKind;
    const list = byKind.get(kind) ?? [];
    list.push(row as UsageRow);
    byKind.set(kind, list);
  }
  const of = (kind: OutputKind): UsageRow[] => byKind.get(kind) ?? [];

  const evidence = evidenceOf(of);
  return {
    attribution: attributionOf(of),
    evidence: { ...evidence, daily: [...evidence.daily].sort(byRuleAndDay) },
  };
}

function byRuleAndDay(
  a: { ruleId: string; day: string },
  b: { ruleId: string; day: string },
): number {
  return a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : a.day < b.day ? -1 : 1;
}
