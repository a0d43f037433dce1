/**
 * The fields of a VPC Flow Log record, as AWS names them in a text header and
 * in the `--log-format` of a flow log, with the version that introduced each.
 * Parquet files name the same fields with underscores (`log_status`).
 * https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html
 */
export const FLOW_LOG_FIELDS = {
  version: 2,
  'account-id': 2,
  'interface-id': 2,
  srcaddr: 2,
  dstaddr: 2,
  srcport: 2,
  dstport: 2,
  protocol: 2,
  packets: 2,
  bytes: 2,
  start: 2,
  end: 2,
  action: 2,
  'log-status': 2,
  'vpc-id': 3,
  'subnet-id': 3,
  'instance-id': 3,
  'tcp-flags': 3,
  type: 3,
  'pkt-srcaddr': 3,
  'pkt-dstaddr': 3,
  region: 4,
  'az-id': 4,
  'sublocation-type': 4,
  'sublocation-id': 4,
  'pkt-src-aws-service': 5,
  'pkt-dst-aws-service': 5,
  'flow-direction': 5,
  'traffic-path': 5,
  'ecs-cluster-arn': 7,
  'ecs-cluster-name': 7,
  'ecs-container-instance-arn': 7,
  'ecs-container-instance-id': 7,
  'ecs-container-id': 7,
  'ecs-second-container-id': 7,
  'ecs-service-name': 7,
  'ecs-task-definition-arn': 7,
  'ecs-task-arn': 7,
  'ecs-task-id': 7,
  'reject-reason': 8,
} as const;

export type FlowLogField = keyof typeof FLOW_LOG_FIELDS;

/** The default (version 2) format, in its order; files without a header use it. */
export const DEFAULT_FORMAT: readonly FlowLogField[] = [
  'version',
  'account-id',
  'interface-id',
  'srcaddr',
  'dstaddr',
  'srcport',
  'dstport',
  'protocol',
  'packets',
  'bytes',
  'start',
  'end',
  'action',
  'log-status',
];

/** The fields attribution reads; every other field is ignored. */
export const ATTRIBUTION_FIELDS = [
  'interface-id',
  'srcaddr',
  'dstaddr',
  'srcport',
  'dstport',
  'protocol',
  'packets',
  'bytes',
  'start',
  'end',
  'action',
  'log-status',
  'tcp-flags',
  'pkt-srcaddr',
  'pkt-dstaddr',
  'flow-direction',
] as const satisfies readonly FlowLogField[];

export type AttributionField = (typeof ATTRIBUTION_FIELDS)[number];

/** Without these a record cannot be matched to any rule. */
export const REQUIRED_FIELDS = [
  'interface-id',
  'srcaddr',
  'dstaddr',
  'srcport',
  'dstport',
  'protocol',
  'action',
] as const satisfies readonly AttributionField[];

export function isFlowLogField(name: string): name is FlowLogField {
  return Object.hasOwn(FLOW_LOG_FIELDS, name);
}

/** The Parquet column name of a field: hyphens become underscores. */
export function parquetColumn(field: FlowLogField): string {
  return field.replaceAll('-', '_');
}
