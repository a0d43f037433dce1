import type { FlowLogField } from '../flow-logs/flow-log-fields.js';
import { columnOf } from './flow-log-table.js';

/** A column of the flow log table, in Hive DDL's type names. */
export interface FlowLogColumn {
  readonly name: string;
  readonly type: 'bigint' | 'string';
}

/**
 * The fields whose values are numbers, of every version of the format; the
 * rest are text, `reject-reason` and `sublocation-id` included. One type for
 * all numbers: bigint holds `bytes` and `packets`, and Athena reads the
 * INT32 columns of flow log Parquet files as bigint too.
 * https://docs.aws.amazon.com/athena/latest/ug/updates-changing-column-type.html
 */
const NUMERIC_FIELDS: ReadonlySet<string> = new Set<FlowLogField>([
  'version',
  'srcport',
  'dstport',
  'protocol',
  'packets',
  'bytes',
  'start',
  'end',
  'tcp-flags',
  'traffic-path',
]);

/**
 * The table's columns for the log format's fields, in their order: text
 * files are read by position. A `-` in a text record (a NODATA or SKIPDATA
 * record has little else) reads as NULL in a bigint column.
 */
export function flowLogColumns(fields: readonly string[]): FlowLogColumn[] {
  return fields.map((field) => ({
    name: columnOf(field),
    type: NUMERIC_FIELDS.has(field) ? 'bigint' : 'string',
  }));
}
