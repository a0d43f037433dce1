import type { RuleUsage } from '../../attribution/attribute-flows.js';
import { overlapKey } from '../overlap-key.js';
import type { BatchUsage } from '../batch-usage.js';
import { utcDayOfSeconds } from '../utc-days.js';
import { dayPart, NONE, type ItemKey } from './dynamodb-layout.js';

/**
 * One item's change from a batch: identity attributes to set, counts to
 * add, and times that keep the earliest (`min`) or the latest (`max`).
 * Plain data, so a batch's operations can be written down before they are
 * applied and applied again after a crash.
 */
export interface UsageOperation {
  readonly key: ItemKey;
  readonly kind: string;
  readonly set: Readonly<Record<string, string | number>>;
  readonly add: Readonly<Record<string, number>>;
  readonly min: Readonly<Record<string, number | null>>;
  readonly max: Readonly<Record<string, number | null>>;
}

type Draft = Omit<UsageOperation, 'key'> & { readonly key: ItemKey };

/**
 * The batch as operations, one per item: rows of the same item within the
 * batch are summed first, as the DuckDB store's merge does, so applying an
 * operation is one conditional update of one item. Rejected traffic goes
 * under the day of its latest record (or the batch's day), counts under
 * the batch's day, exactly as in the DuckDB store.
 */
export function usageOperations(usage: BatchUsage): UsageOperation[] {
  const operations = new Map<string, UsageOperation>();
  const merge = (draft: Draft) => {
    const id = `${draft.key.pk}\u0000${draft.key.sk}`;
    const before = operations.get(id);
    operations.set(id, before === undefined ? draft : combine(before, draft));
  };

  for (const total of usage.totals) merge(ruleOperation(total, 'TOTAL', 'total', {}));
  for (const day of usage.evidence.daily) {
    merge(ruleOperation(day, `DAY#${day.day}`, 'daily', { day: day.day }));
  }
  for (const { interfaceId, day, records } of usage.evidence.coverage) {
    merge(
      plain(
        { pk: `IFACE#${interfaceId}`, sk: `DAY#${day}` },
        'coverage',
        { interfaceId, day },
        { records },
      ),
    );
  }
  for (const { ruleId, protocol, port, hits } of usage.evidence.ports) {
    merge(
      plain(
        { pk: `RULE#${ruleId}`, sk: `PORT#${protocol}#${port}` },
        'port',
        { ruleId, protocol, port },
        { hits },
      ),
    );
  }
  for (const { ruleId, network, hits } of usage.evidence.peers) {
    merge(
      plain({ pk: `RULE#${ruleId}`, sk: `PEER#${network}` }, 'peer', { ruleId, network }, { hits }),
    );
  }
  for (const overlap of usage.evidence.overlaps) {
    const ruleIds = overlapKey(overlap.ruleIds);
    merge(
      plain(
        { pk: `OVERLAP#${ruleIds}`, sk: 'OVERLAP' },
        'overlap',
        { ruleIds },
        { hits: overlap.hits },
      ),
    );
  }
  for (const draft of rejectedOperations(usage)) merge(draft);
  merge(countsOperation(usage));

  return [...operations.values()];
}

function ruleOperation(
  usage: RuleUsage,
  sk: string,
  kind: string,
  extra: Record<string, string>,
): Draft {
  return {
    key: { pk: `RULE#${usage.ruleId}`, sk },
    kind,
    set: { ruleId: usage.ruleId, ...extra },
    add: {
      hits: usage.hits,
      exclusiveHits: usage.exclusiveHits,
      packets: usage.packets,
      bytes: usage.bytes,
    },
    min: { firstSeen: usage.firstSeen },
    max: { lastSeen: usage.lastSeen },
  };
}

function plain(
  key: ItemKey,
  kind: string,
  set: Record<string, string | number>,
  add: Record<string, number>,
): Draft {
  return { key, kind, set, add, min: {}, max: {} };
}

function rejectedOperations(usage: BatchUsage): Draft[] {
  const batchDay = dayOf(usage.counts.firstStart);
  return usage.evidence.rejected.map((traffic) => {
    const day = traffic.lastSeen === null ? batchDay : dayOf(traffic.lastSeen);
    const { interfaceId, direction, peer, protocol, port } = traffic;
    const sk = ['REJECTED', dayPart(day), direction, peer, protocol, port ?? NONE].join('#');
    const set = { interfaceId, direction, peer, protocol, ...(day === null ? {} : { day }) };
    return {
      ...plain({ pk: `IFACE#${interfaceId}`, sk }, 'rejected', set, { records: traffic.records }),
      set: port === null ? set : { ...set, port },
      max: { lastSeen: traffic.lastSeen },
    };
  });
}

/** A batch's counts have no day of their own: they go under the day the batch began. */
function countsOperation(usage: BatchUsage): Draft {
  const counts = usage.counts;
  const day = dayOf(counts.firstStart);
  return {
    key: { pk: 'COUNTS', sk: `DAY#${dayPart(day)}` },
    kind: 'counts',
    set: day === null ? {} : { day },
    add: {
      records: counts.records,
      accepted: counts.acceptedRecords,
      rejected: counts.rejectedRecords,
      malformed: counts.malformedRecords,
    },
    min: { firstStart: counts.firstStart },
    max: { lastEnd: counts.lastEnd },
  };
}

function combine(a: UsageOperation, b: UsageOperation): UsageOperation {
  const add = { ...a.add };
  for (const [name, value] of Object.entries(b.add)) add[name] = (add[name] ?? 0) + value;
  return {
    ...a,
    add,
    min: extreme(a.min, b.min, Math.min),
    max: extreme(a.max, b.max, Math.max),
  };
}

function extreme(
  a: Readonly<Record<string, number | null>>,
  b: Readonly<Record<string, number | null>>,
  pick: (x: number, y: number) => number,
): Record<string, number | null> {
  const result = { ...a };
  for (const [name, value] of Object.entries(b)) {
    const before = result[name] ?? null;
    result[name] = value === null ? before : before === null ? value : pick(before, value);
  }
  return result;
}

function dayOf(seconds: number | null): string | null {
  return seconds === null ? null : utcDayOfSeconds(seconds);
}
