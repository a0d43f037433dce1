import type { FlowLogTableLayout } from '../../src/athena/flow-log-table.js';

/** A layout with two accounts and two regions; tests change what they need. */
export function layout(overrides: Partial<FlowLogTableLayout> = {}): FlowLogTableLayout {
  return {
    database: 'stale_sg',
    table: 'flow_logs',
    bucket: 'example-flow-logs',
    prefix: 'central/',
    format: 'text',
    layout: 'plain',
    partitioning: 'daily',
    accounts: ['111111111111', '222222222222'],
    regions: ['eu-west-1', 'us-east-1'],
    ...overrides,
  };
}
