import type { FlowLogField } from './flow-log-fields.js';
import type { FlowRecord } from './flow-record.js';

type FieldValue = string | number | null;

const valueOf: Partial<Record<FlowLogField, (record: FlowRecord) => FieldValue>> = {
  'interface-id': (r) => r.interfaceId,
  srcaddr: (r) => r.srcaddr,
  dstaddr: (r) => r.dstaddr,
  srcport: (r) => r.srcport,
  dstport: (r) => r.dstport,
  protocol: (r) => r.protocol,
  packets: (r) => r.packets,
  bytes: (r) => r.bytes,
  start: (r) => r.start,
  end: (r) => r.end,
  action: (r) => r.action,
  'log-status': (r) => r.logStatus,
  'tcp-flags': (r) => r.tcpFlags,
  'pkt-srcaddr': (r) => r.pktSrcaddr,
  'pkt-dstaddr': (r) => r.pktDstaddr,
  'flow-direction': (r) => r.flowDirection,
};

/** Values for fields a record does not model, as AWS would print them. */
export interface RecordContext {
  readonly version?: number;
  readonly accountId?: string;
  readonly extra?: Partial<Record<FlowLogField, string>>;
}

/**
 * Formats a record as one line of a text flow log in the given field order,
 * with `-` for absent values. Used to write flow logs (demo, tests, benchmarks).
 */
export function formatFlowRecord(
  record: FlowRecord,
  fields: readonly FlowLogField[],
  context: RecordContext = {},
): string {
  return fields.map((field) => formatField(record, field, context)).join(' ');
}

function formatField(record: FlowRecord, field: FlowLogField, context: RecordContext): string {
  const own = valueOf[field];
  if (own !== undefined) return String(own(record) ?? '-');
  if (field === 'version') return String(context.version ?? 2);
  if (field === 'account-id') return context.accountId ?? '123456789012';
  return context.extra?.[field] ?? '-';
}
