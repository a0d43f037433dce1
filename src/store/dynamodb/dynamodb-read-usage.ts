import type { FlowCounts, RuleUsage } from '../../attribution/attribute-flows.js';
import type { Direction } from '../../inventory/inventory.js';
import type {
  DailyRuleUsage,
  InterfaceCoverage,
  RejectedTraffic,
} from '../../findings/evidence.js';
import { compareText } from '../../inventory/sort-inventory.js';
import type { BatchUsage } from '../batch-usage.js';
import { windowDays, type UsageWindow, type WindowDays } from '../usage-window.js';
import type { TableIo } from './dynamodb-io.js';
import type { Item } from './dynamodb-layout.js';
import { count, greatest, least, optionalNumber, optionalText, text } from './dynamodb-values.js';

const USAGE_KINDS = ['total', 'daily', 'coverage', 'port', 'peer', 'overlap', 'rejected', 'counts'];

/**
 * The usage in the table, with the semantics of the DuckDB store's
 * `readStoredUsage`: without a window, all-time totals and all evidence;
 * with one, totals summed from the daily items of the window's UTC days,
 * and ports, peers and overlaps all-time. Items without a day count only
 * when there is no window.
 *
 * Known shortcoming: this is one Scan of the usage table, filtered on the
 * client side by kind and day; the table has no index by day, so the cost
 * grows with the history kept (bounded by retention).
 */
export async function readDynamoDbUsage(io: TableIo, window?: UsageWindow): Promise<BatchUsage> {
  const days = windowDays(window ?? {});
  const windowed = days.firstDay !== null || days.endDay !== null;
  const items = await io.scanKinds(USAGE_KINDS);
  const of = (kind: string) => items.filter((item) => item['kind'] === kind);
  const inWindow = (item: Item) => isInWindow(optionalText(item['day']), days);

  const daily = of('daily').filter(inWindow).map(dailyOf).sort(byKeys('ruleId', 'day'));
  return {
    totals: windowed ? sumDaily(daily) : of('total').map(ruleUsageOf).sort(byKeys('ruleId')),
    evidence: {
      daily,
      coverage: of('coverage').filter(inWindow).map(coverageOf).sort(byKeys('interfaceId', 'day')),
      ports: of('port')
        .map((item) => ({
          ruleId: text(item['ruleId']),
          protocol: count(item['protocol']),
          port: count(item['port']),
          hits: count(item['hits']),
        }))
        .sort(byKeys('ruleId', 'protocol', 'port')),
      peers: of('peer')
        .map((item) => ({
          ruleId: text(item['ruleId']),
          network: text(item['network']),
          hits: count(item['hits']),
        }))
        .sort(byKeys('ruleId', 'network')),
      overlaps: of('overlap')
        .map((item) => ({ key: text(item['ruleIds']), hits: count(item['hits']) }))
        .sort(byKeys('key'))
        .map(({ key, hits }) => ({ ruleIds: key.split(' '), hits })),
      rejected: sumRejected(of('rejected').filter(inWindow)),
    },
    counts: sumCounts(of('counts').filter(inWindow)),
  };
}

/** Both bounds NULL take every item, those without a day included, as in the SQL. */
function isInWindow(day: string | null, days: WindowDays): boolean {
  if (days.firstDay !== null && (day === null || day < days.firstDay)) return false;
  if (days.endDay !== null && (day === null || day >= days.endDay)) return false;
  return true;
}

function ruleUsageOf(item: Item): RuleUsage {
  return {
    ruleId: text(item['ruleId']),
    hits: count(item['hits']),
    exclusiveHits: count(item['exclusiveHits']),
    packets: count(item['packets']),
    bytes: count(item['bytes']),
    firstSeen: optionalNumber(item['firstSeen']),
    lastSeen: optionalNumber(item['lastSeen']),
  };
}

function dailyOf(item: Item): DailyRuleUsage {
  return { ...ruleUsageOf(item), day: text(item['day']) };
}

function coverageOf(item: Item): InterfaceCoverage {
  return {
    interfaceId: text(item['interfaceId']),
    day: text(item['day']),
    records: count(item['records']),
  };
}

/** Totals of a window, summed from its daily items. */
function sumDaily(daily: readonly DailyRuleUsage[]): RuleUsage[] {
  const totals = new Map<string, RuleUsage>();
  for (const { ruleId, hits, exclusiveHits, packets, bytes, firstSeen, lastSeen } of daily) {
    const usage = { ruleId, hits, exclusiveHits, packets, bytes, firstSeen, lastSeen };
    const before = totals.get(ruleId);
    totals.set(ruleId, before === undefined ? usage : addUsage(before, usage));
  }
  return [...totals.values()].sort(byKeys('ruleId'));
}

function addUsage(a: RuleUsage, b: RuleUsage): RuleUsage {
  return {
    ruleId: a.ruleId,
    hits: a.hits + b.hits,
    exclusiveHits: a.exclusiveHits + b.exclusiveHits,
    packets: a.packets + b.packets,
    bytes: a.bytes + b.bytes,
    firstSeen: least(a.firstSeen, b.firstSeen),
    lastSeen: greatest(a.lastSeen, b.lastSeen),
  };
}

/** Rejected traffic of the window's days, summed over the days. */
function sumRejected(items: readonly Item[]): RejectedTraffic[] {
  const sums = new Map<string, RejectedTraffic>();
  for (const item of items) {
    const traffic: RejectedTraffic = {
      interfaceId: text(item['interfaceId']),
      direction: text(item['direction']) as Direction,
      peer: text(item['peer']),
      protocol: count(item['protocol']),
      port: optionalNumber(item['port']),
      records: count(item['records']),
      lastSeen: optionalNumber(item['lastSeen']),
    };
    const key = JSON.stringify([
      traffic.interfaceId,
      traffic.direction,
      traffic.peer,
      traffic.protocol,
      traffic.port,
    ]);
    const before = sums.get(key);
    sums.set(
      key,
      before === undefined
        ? traffic
        : {
            ...before,
            records: before.records + traffic.records,
            lastSeen: greatest(before.lastSeen, traffic.lastSeen),
          },
    );
  }
  return [...sums.values()].sort(
    (a, b) =>
      compareText(a.interfaceId, b.interfaceId) ||
      compareText(a.direction, b.direction) ||
      compareText(a.peer, b.peer) ||
      a.protocol - b.protocol ||
      (a.port ?? -1) - (b.port ?? -1),
  );
}

function sumCounts(items: readonly Item[]): FlowCounts {
  let counts: FlowCounts = {
    records: 0,
    acceptedRecords: 0,
    rejectedRecords: 0,
    malformedRecords: 0,
    firstStart: null,
    lastEnd: null,
  };
  for (const item of items) {
    counts = {
      records: counts.records + count(item['records']),
      acceptedRecords: counts.acceptedRecords + count(item['accepted']),
      rejectedRecords: counts.rejectedRecords + count(item['rejected']),
      malformedRecords: counts.malformedRecords + count(item['malformed']),
      firstStart: least(counts.firstStart, optionalNumber(item['firstStart'])),
      lastEnd: greatest(counts.lastEnd, optionalNumber(item['lastEnd'])),
    };
  }
  return counts;
}

/** Sorts by the given fields in turn: text by code units, numbers numerically. */
function byKeys<T>(...fields: (keyof T)[]) {
  return (a: T, b: T): number => {
    for (const field of fields) {
      const x = a[field];
      const y = b[field];
      const order =
        typeof x === 'number' && typeof y === 'number' ? x - y : compareText(String(x), String(y));
      if (order !== 0) return order;
    }
    return 0;
  };
}
