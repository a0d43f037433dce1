/**
 * The demo account's flow logs: which VPC each covers, on which days, and in
 * which format. Real accounts mix formats (a flow log's format cannot change,
 * so teams replace flow logs, and each VPC may have its own), and stale-sg
 * must read them all; the demo does the same.
 */

import type { FlowLogField } from '../flow-logs/flow-log-fields.js';
import { DEFAULT_FORMAT } from '../flow-logs/flow-log-fields.js';
import type { VpcName } from './demo-account-spec.js';

export type DemoFlowLogFormat = 'default' | 'custom-v5' | 'custom-v3' | 'parquet';

export interface DemoFlowLog {
  readonly flowLogId: string;
  readonly vpc: VpcName;
  readonly format: DemoFlowLogFormat;
  /** The days of the window (0 = first) it delivered, `until` exclusive. */
  readonly fromDay: number;
  readonly untilDay: number;
}

/** A text format: the `${field}` list of the flow log, and the version AWS writes for it. */
export interface TextFormat {
  readonly version: number;
  readonly fields: readonly FlowLogField[];
}

/**
 * The custom format of the newer prod flow log: every field attribution
 * reads, in an order unlike the default one.
 */
const CUSTOM_V5: readonly FlowLogField[] = [
  'version',
  'vpc-id',
  'subnet-id',
  'instance-id',
  'interface-id',
  'account-id',
  'type',
  'srcaddr',
  'dstaddr',
  'srcport',
  'dstport',
  'pkt-srcaddr',
  'pkt-dstaddr',
  'protocol',
  'bytes',
  'packets',
  'start',
  'end',
  'action',
  'tcp-flags',
  'log-status',
  'flow-direction',
  'traffic-path',
];

/** The default fields followed by the version 3 ones, a common custom format. */
const CUSTOM_V3: readonly FlowLogField[] = [
  ...DEFAULT_FORMAT,
  'vpc-id',
  'subnet-id',
  'instance-id',
  'tcp-flags',
  'type',
  'pkt-srcaddr',
  'pkt-dstaddr',
];

export const TEXT_FORMATS: Readonly<Record<Exclude<DemoFlowLogFormat, 'parquet'>, TextFormat>> = {
  default: { version: 2, fields: DEFAULT_FORMAT },
  'custom-v5': { version: 5, fields: CUSTOM_V5 },
  'custom-v3': { version: 3, fields: CUSTOM_V3 },
};

/**
 * prod was logged in the default format for the first two days, then by a new
 * flow log with a custom format; staging delivers Parquet; shared services a
 * version 3 custom format.
 */
export const DEMO_FLOW_LOGS: readonly DemoFlowLog[] = [
  { flowLogId: 'fl-0123456789abcdef0', vpc: 'prod', format: 'default', fromDay: 0, untilDay: 2 },
  {
    flowLogId: 'fl-05e2a8c4b19d7f361',
    vpc: 'prod',
    format: 'custom-v5',
    fromDay: 2,
    untilDay: Infinity,
  },
  {
    flowLogId: 'fl-0c9d8e7f6a5b4c3d2',
    vpc: 'staging',
    format: 'parquet',
    fromDay: 0,
    untilDay: Infinity,
  },
  {
    flowLogId: 'fl-0f1e2d3c4b5a69788',
    vpc: 'shared-services',
    format: 'custom-v3',
    fromDay: 0,
    untilDay: Infinity,
  },
];

/** The flow log that delivered a VPC's records on a day of the window. */
export function flowLogFor(vpc: VpcName, day: number): DemoFlowLog | undefined {
  return DEMO_FLOW_LOGS.find((log) => log.vpc === vpc && day >= log.fromDay && day < log.untilDay);
}
