import { AWS_LOGS_SEGMENT } from '../s3/flow-log-key-layout.js';
import type { FlowLogTableLayout } from './flow-log-table.js';

/**
 * `s3://bucket/prefix/AWSLogs/`: the folder that VPC Flow Logs delivers
 * into, below the destination's optional prefix. The prefix may be empty,
 * and may end in a slash or not: the location has single slashes either way.
 * https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-path.html
 */
export function awsLogsLocation(layout: Pick<FlowLogTableLayout, 'bucket' | 'prefix'>): string {
  const prefix = layout.prefix.replace(/\/+$/, '');
  const folders = prefix === '' ? [AWS_LOGS_SEGMENT] : [prefix, AWS_LOGS_SEGMENT];
  return `s3://${layout.bucket}/${folders.join('/')}/`;
}
