/**
 * The layout of the two DynamoDB tables, for people who query them
 * directly. Both tables have a string partition key `pk` and a string sort
 * key `sk`, on-demand billing, and every item carries a `kind` attribute.
 * Items hold the same fields as the library's types (`groupName`, `hits`,
 * `firstSeen`, ...), so a reader needs no key parsing.
 *
 * Rules table (default `sg-analysis-rules-data`), the inventory. An item
 * that a later snapshot no longer lists gets `goneAt` (ISO time); one that
 * comes back loses it. `firstSeenAt` and `lastSeenAt` are ISO times.
 *
 * - `GROUP#<groupId>` / `GROUP`, kind `group`: groupName, vpcId, ownerId,
 *   description, tags (a map).
 * - `RULE#<ruleId>` / `RULE`, kind `rule`: groupId, direction, protocol,
 *   fromPort, toPort, peerKind, peerValue, description, derived.
 * - `IFACE#<interfaceId>` / `IFACE`, kind `interface`: vpcId, description,
 *   groupIds and addresses (lists; for a gone interface, those it had).
 * - `PREFIXLIST#<prefixListId>` / `PREFIXLIST`, kind `prefix-list`: cidrs.
 * - `SNAPSHOT` / `<ISO time>`, kind `snapshot`: how many groups, rules,
 *   interfaces and prefixLists the snapshot listed.
 *
 * Usage table (default `sg-analysis-rules-usage`). Days are UTC dates,
 * `YYYY-MM-DD`; traffic times are unix seconds; `NONE` in a key stands for
 * an unknown day or a protocol without ports.
 *
 * - `RULE#<ruleId>` / `TOTAL`, kind `total`: all-time hits, exclusiveHits,
 *   packets, bytes, firstSeen, lastSeen.
 * - `RULE#<ruleId>` / `DAY#<day>`, kind `daily`: the same for one day.
 * - `RULE#<ruleId>` / `PORT#<protocol>#<port>`, kind `port`: hits.
 * - `RULE#<ruleId>` / `PEER#<network>`, kind `peer`: hits.
 * - `OVERLAP#<ruleIds>` / `OVERLAP`, kind `overlap`: ruleIds (sorted, joined
 *   by spaces), hits.
 * - `IFACE#<interfaceId>` / `DAY#<day>`, kind `coverage`: records.
 * - `IFACE#<interfaceId>` / `REJECTED#<day>#<direction>#<peer>#<protocol>#<port>`,
 *   kind `rejected`: records, lastSeen.
 * - `COUNTS` / `DAY#<day>`, kind `counts`: records, accepted, rejected,
 *   malformed, firstStart, lastEnd.
 * - `SOURCE#<key>` / `SOURCE`, kind `source`: size, mtimeMs, etag, runId,
 *   processedAt, batchId.
 * - `BATCH#<batchId>` / `BATCH`, kind `batch`: runId, at, completedAt once
 *   applied; `BATCH#<batchId>` / `OPS#<n>`, kind `batch-ops`: the batch's
 *   log, JSON in parts.
 * - `PENDING` / `PENDING`, kind `pending`: batchIds not yet applied in full.
 * - `RUN#<runId>` / `RUN`, kind `run`: startedAt, finishedAt, status,
 *   files, records, message.
 *
 * `lastBatch` on a usage item is the batch that last added to it; see
 * `dynamodb-commit.ts` for how that makes merges exactly-once.
 */

export const DEFAULT_RULES_TABLE = 'sg-analysis-rules-data';
export const DEFAULT_USAGE_TABLE = 'sg-analysis-rules-usage';

/** Stands for a null day or port inside a key. */
export const NONE = 'NONE';

export interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

export type Item = Record<string, unknown>;

export const PENDING_KEY: ItemKey = { pk: 'PENDING', sk: 'PENDING' };

export function sourceKey(key: string): ItemKey {
  return { pk: `SOURCE#${key}`, sk: 'SOURCE' };
}

export function batchKey(batchId: string): ItemKey {
  return { pk: `BATCH#${batchId}`, sk: 'BATCH' };
}

export function batchOpsKey(batchId: string, chunk: number): ItemKey {
  return { pk: `BATCH#${batchId}`, sk: `OPS#${String(chunk).padStart(5, '0')}` };
}

export function runKey(runId: string): ItemKey {
  return { pk: `RUN#${runId}`, sk: 'RUN' };
}

export function dayPart(day: string | null): string {
  return day ?? NONE;
}
