/**
 * § Per rule (sums and times), § Window (--since, --until) and § Verdicts
 * (with --stale-after).
 */
import type { FlowRecord } from '../../../src/flow-logs/flow-record.js';
import type { SemanticsCase } from './semantics-case.js';
import { DAY, eni, flow, inventory, noFlow, reply, rule, SERVER, T0 } from '../fixtures.js';

const web = inventory({ rules: [rule('https')] });

/** A request from its own client port (so a conversation of its own) starting `days` after T0. */
function requestOnDay(days: number, overrides: Partial<FlowRecord> = {}): FlowRecord {
  const start = T0 + days * DAY;
  return flow({ srcport: 40000 + days, start, end: start + 60, ...overrides });
}

/** A NODATA record that only stretches the window to `days` after T0 (+60 s). */
function quietOnDay(days: number): FlowRecord {
  return noFlow('NODATA', { start: T0 + days * DAY, end: T0 + days * DAY + 60 });
}

const threeDays = [requestOnDay(0), requestOnDay(1), requestOnDay(2)];

export const countCases: readonly SemanticsCase[] = [
  {
    name: 'packets and bytes are summed; firstSeen is the first start, lastSeen the last end',
    inventory: web,
    records: [
      requestOnDay(0, { packets: 3, bytes: 300 }),
      requestOnDay(1, { packets: 4, bytes: 400, end: T0 + DAY + 3600 }),
    ],
    expected: {
      https: { hits: 2, packets: 7, bytes: 700, firstSeen: T0, lastSeen: T0 + DAY + 3600 },
    },
  },
  {
    name: 'responses add nothing to packets and bytes',
    inventory: web,
    records: [flow(), reply(flow(), { packets: 99, bytes: 9999 })],
    expected: { https: { hits: 1, packets: 10, bytes: 1000 } },
  },
  {
    name: 'null packets and bytes count as 0',
    inventory: web,
    records: [flow({ packets: null, bytes: null })],
    expected: { https: { hits: 1, packets: 0, bytes: 0 } },
  },
  {
    name: 'a rule without hits has no packets, bytes, firstSeen or lastSeen',
    inventory: web,
    records: [flow({ dstport: 22 })],
    expected: { https: { hits: 0, packets: 0, bytes: 0, firstSeen: null, lastSeen: null } },
  },
];

export const windowCases: readonly SemanticsCase[] = [
  {
    name: '--since includes a record starting exactly then',
    inventory: web,
    records: threeDays,
    options: { since: new Date((T0 + DAY) * 1000) },
    expected: { https: { hits: 2, firstSeen: T0 + DAY } },
    summary: { records: 2, acceptedRecords: 2 },
  },
  {
    name: '--until excludes a record starting exactly then',
    inventory: web,
    records: threeDays,
    options: { until: new Date((T0 + DAY) * 1000) },
    expected: { https: { hits: 1, lastSeen: T0 + 60 } },
    summary: { records: 1, acceptedRecords: 1 },
  },
  {
    name: '--since and --until together keep the records in between',
    inventory: web,
    records: threeDays,
    options: { since: new Date((T0 + DAY) * 1000), until: new Date((T0 + 2 * DAY) * 1000) },
    expected: { https: { hits: 1, firstSeen: T0 + DAY } },
    summary: { records: 1 },
  },
  {
    name: 'a record without start is excluded when a window is given',
    inventory: web,
    records: [requestOnDay(0, { start: null }), requestOnDay(1)],
    options: { since: new Date(T0 * 1000) },
    expected: { https: { hits: 1 } },
    summary: { records: 1 },
  },
  {
    name: 'a record without start counts when no window is given',
    inventory: web,
    records: [flow({ start: null })],
    expected: { https: { hits: 1, firstSeen: null, lastSeen: T0 + 60 } },
    summary: { records: 1 },
  },
  {
    name: 'a NODATA record outside the window does not cover the interface',
    inventory: web,
    records: [quietOnDay(0)],
    options: { since: new Date((T0 + DAY) * 1000) },
    expected: { https: { status: 'unobserved' } },
    summary: { records: 0 },
  },
];

export const verdictCases: readonly SemanticsCase[] = [
  {
    name: 'a rule of a group attached to no interface is unattached',
    inventory: inventory({ rules: [rule('https'), rule('lonely', { group: 'sg-z' })] }),
    records: [flow()],
    expected: { https: { status: 'used' }, lonely: { hits: 0, status: 'unattached' } },
  },
  {
    name: 'a rule without hits on a covered interface is stale',
    inventory: inventory({ rules: [rule('https'), rule('ssh', { ports: [22, 22] })] }),
    records: [flow()],
    expected: { https: { status: 'used' }, ssh: { status: 'stale' } },
  },
  {
    name: 'a rule whose interfaces are not in the logs is unobserved',
    inventory: inventory({
      rules: [rule('https'), rule('b-https', { group: 'sg-b' })],
      interfaces: [eni('eni-1', ['sg-a'], [SERVER]), eni('eni-2', ['sg-b'], ['10.0.0.20'])],
    }),
    records: [flow()],
    expected: { https: { status: 'used' }, 'b-https': { status: 'unobserved' } },
  },
  {
    name: '--stale-after: a hit only early in the window is stale',
    inventory: web,
    records: [requestOnDay(0), quietOnDay(10)],
    options: { staleAfterDays: 7 },
    expected: { https: { hits: 1, status: 'stale' } },
  },
  {
    name: '--stale-after: a recent hit is used',
    inventory: web,
    records: [requestOnDay(5), quietOnDay(10)],
    options: { staleAfterDays: 7 },
    expected: { https: { hits: 1, status: 'used' } },
  },
  {
    name: '--stale-after: a hit ending exactly N days before the window end is used',
    inventory: web,
    records: [requestOnDay(3), quietOnDay(10)],
    options: { staleAfterDays: 7 },
    expected: { https: { status: 'used' } },
  },
  {
    name: '--stale-after: a hit ending one second earlier is stale',
    inventory: web,
    records: [requestOnDay(3, { end: T0 + 3 * DAY + 59 }), quietOnDay(10)],
    options: { staleAfterDays: 7 },
    expected: { https: { status: 'stale' } },
  },
  {
    name: '--stale-after: the window ends at --until when given',
    inventory: web,
    records: [requestOnDay(0)],
    options: { until: new Date((T0 + 10 * DAY) * 1000), staleAfterDays: 7 },
    expected: { https: { hits: 1, status: 'stale' } },
  },
  {
    name: '--stale-after: without --until the window ends at the last record',
    inventory: web,
    records: [requestOnDay(0)],
    options: { staleAfterDays: 7 },
    expected: { https: { hits: 1, status: 'used' } },
  },
];
