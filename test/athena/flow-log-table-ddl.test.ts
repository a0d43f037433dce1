import { describe, expect, it } from 'vitest';

import type { FlowLogTableLayout } from '../../src/athena/flow-log-table.js';
import {
  createDatabaseSql,
  createFlowLogTableSql,
  DEFAULT_PROJECTION_START,
} from '../../src/athena/flow-log-table-ddl.js';
import { projectionProperties } from '../../src/athena/projection-properties.js';
import { StaleSgError } from '../../src/errors.js';
import { layout } from './fixtures.js';
import { expectGolden } from './golden.js';

const COMBINATIONS = (['text', 'parquet'] as const).flatMap((format) =>
  (['plain', 'hive'] as const).flatMap((style) =>
    (['daily', 'hourly'] as const).map((partitioning) => ({ format, style, partitioning })),
  ),
);

/** The version 5 fields in a custom order, as a flow log with a custom format has them. */
const CUSTOM_FIELDS = [
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
  'region',
  'az-id',
  'sublocation-type',
  'sublocation-id',
  'pkt-src-aws-service',
  'pkt-dst-aws-service',
  'flow-direction',
  'traffic-path',
  'ecs-cluster-name',
  'reject-reason',
];

function rejection(run: () => unknown): StaleSgError {
  try {
    run();
  } catch (error) {
    if (error instanceof StaleSgError) return error;
    throw error;
  }
  throw new Error('expected an INVALID_ARGUMENT error, got none');
}

describe('createFlowLogTableSql', () => {
  it.each(COMBINATIONS)(
    'matches the golden file for $format, $style, $partitioning',
    async ({ format, style, partitioning }) => {
      const sql = createFlowLogTableSql(layout({ format, layout: style, partitioning }));

      await expectGolden(`${format}-${style}-${partitioning}.sql`, sql);
    },
  );

  it('matches the golden file for a custom log format', async () => {
    const sql = createFlowLogTableSql(
      layout({ fields: CUSTOM_FIELDS, layout: 'hive', partitioning: 'hourly' }),
    );

    await expectGolden('custom-fields.sql', sql);
  });

  it('types numbers as bigint and everything else as string, named with underscores', () => {
    const sql = createFlowLogTableSql(
      layout({ fields: ['tcp-flags', 'pkt-src-aws-service', 'traffic-path', 'reject-reason'] }),
    );

    expect(sql).toContain(
      '  `tcp_flags` bigint,\n  `pkt_src_aws_service` string,\n' +
        '  `traffic_path` bigint,\n  `reject_reason` string\n)',
    );
  });

  it.each([
    { prefix: '', location: 's3://example-flow-logs/AWSLogs/' },
    { prefix: 'central', location: 's3://example-flow-logs/central/AWSLogs/' },
    { prefix: 'central/', location: 's3://example-flow-logs/central/AWSLogs/' },
    { prefix: 'org/vpc/', location: 's3://example-flow-logs/org/vpc/AWSLogs/' },
  ])('reads $location for the prefix "$prefix"', ({ prefix, location }) => {
    const sql = createFlowLogTableSql(layout({ prefix }));

    expect(sql).toContain(`LOCATION '${location}'`);
    expect(sql).toContain(
      `"storage.location.template" = "${location}\${aws_account}/vpcflowlogs/\${aws_region}/\${log_date}"`,
    );
    expect(sql.replaceAll('s3://', '')).not.toContain('//');
  });

  it('projects dates from the given start, in the format of the partitions', () => {
    const start = new Date('2023-06-15T00:00:00Z');

    const daily = createFlowLogTableSql(layout({ layout: 'hive' }), { projectionStart: start });
    const hourly = createFlowLogTableSql(layout({ partitioning: 'hourly' }), {
      projectionStart: start,
    });

    expect(daily).toContain('"projection.log_date.range" = "year=2023/month=06/day=15,NOW"');
    expect(hourly).toContain('"projection.log_date.range" = "2023/06/15/00,NOW"');
    expect(DEFAULT_PROJECTION_START.toISOString()).toBe('2020-01-01T00:00:00.000Z');
  });

  it('writes projectionProperties, which a table defined elsewhere (CDK) shares', () => {
    const table = layout({ layout: 'hive', partitioning: 'hourly' });

    const sql = createFlowLogTableSql(table);

    const properties = Object.entries(projectionProperties(table));
    expect(properties).toHaveLength(11);
    for (const [key, value] of properties) expect(sql).toContain(`  "${key}" = "${value}"`);
  });

  it('lists each account and region once', () => {
    const sql = createFlowLogTableSql(
      layout({ accounts: ['111111111111', '111111111111'], regions: ['eu-west-1', 'eu-west-1'] }),
    );

    expect(sql).toContain('"projection.aws_account.values" = "111111111111"');
    expect(sql).toContain('"projection.aws_region.values" = "eu-west-1"');
  });
});

describe('createDatabaseSql', () => {
  it('creates the database unless it exists', () => {
    expect(createDatabaseSql(layout())).toBe('CREATE DATABASE IF NOT EXISTS `stale_sg`');
  });
});

describe('validateFlowLogTableLayout, through the DDL', () => {
  const invalid: { setting: string; change: Partial<FlowLogTableLayout>; found: string }[] = [
    { setting: 'database', change: { database: 'Stale' }, found: '"Stale"' },
    { setting: 'database', change: { database: 'x`; DROP' }, found: '"x`; DROP"' },
    { setting: 'database', change: { database: '1st' }, found: '"1st"' },
    { setting: 'table', change: { table: 'flow-logs' }, found: '"flow-logs"' },
    { setting: 'table', change: { table: '' }, found: '""' },
    { setting: 'table', change: { table: 'a'.repeat(256) }, found: 'a'.repeat(256) },
    { setting: 'bucket', change: { bucket: 'My_Bucket' }, found: '"My_Bucket"' },
    { setting: 'bucket', change: { bucket: "b'x" }, found: `"b'x"` },
    { setting: 'bucket', change: { bucket: 'ab' }, found: '"ab"' },
    { setting: 'bucket', change: { bucket: 'a..b' }, found: '"a..b"' },
    { setting: 'bucket', change: { bucket: '192.168.1.1' }, found: '"192.168.1.1"' },
    { setting: 'prefix', change: { prefix: "logs'/" }, found: `"logs'/"` },
    { setting: 'prefix', change: { prefix: 'logs"/' }, found: '"logs"/"' },
    { setting: 'prefix', change: { prefix: 'logs\\' }, found: '"logs\\"' },
    { setting: 'prefix', change: { prefix: 'a${b}' }, found: '"a${b}"' },
    { setting: 'prefix', change: { prefix: 'a b' }, found: '"a b"' },
    { setting: 'prefix', change: { prefix: 'a\nb' }, found: '"a\nb"' },
    { setting: 'prefix', change: { prefix: '/logs' }, found: '"/logs"' },
    { setting: 'prefix', change: { prefix: 'a//b' }, found: '"a//b"' },
    { setting: 'prefix', change: { prefix: 'logs/AWSLogs/' }, found: '"logs/AWSLogs/"' },
    { setting: 'accounts', change: { accounts: [] }, found: 'none' },
    { setting: 'accounts', change: { accounts: ['12345678901'] }, found: '"12345678901"' },
    { setting: 'accounts', change: { accounts: ["1') OR ('1"] }, found: `"1') OR ('1"` },
    { setting: 'regions', change: { regions: [] }, found: 'none' },
    { setting: 'regions', change: { regions: ['EU-WEST-1'] }, found: '"EU-WEST-1"' },
    { setting: 'regions', change: { regions: ['eu-west'] }, found: '"eu-west"' },
    { setting: 'fields', change: { fields: [] }, found: 'none' },
    { setting: 'fields', change: { fields: ['version', 'srcip'] }, found: '"srcip"' },
    { setting: 'fields', change: { fields: ['account_id'] }, found: '"account_id"' },
    { setting: 'fields', change: { fields: ['srcport', 'srcport'] }, found: '"srcport"' },
    { setting: 'format', change: { format: 'csv' as 'text' }, found: '"csv"' },
    { setting: 'layout', change: { layout: 'flat' as 'plain' }, found: '"flat"' },
    { setting: 'partitioning', change: { partitioning: 'weekly' as 'daily' }, found: '"weekly"' },
  ];

  it.each(invalid)('rejects $setting $found', ({ setting, change, found }) => {
    const bad = layout(change);

    for (const make of [() => createFlowLogTableSql(bad), () => createDatabaseSql(bad)]) {
      const error = rejection(make);
      expect(error.code).toBe('INVALID_ARGUMENT');
      expect(error.message).toMatch(new RegExp(`^${setting}: `));
      expect(error.message).toContain(found);
    }
  });

  it('names an unknown field and says what fields look like', () => {
    const error = rejection(() => createFlowLogTableSql(layout({ fields: ['srcip'] })));

    expect(error.message).toBe(
      'fields: "srcip" is not a flow log field; expected AWS\'s names such as account-id or ' +
        'tcp-flags (https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html)',
    );
  });

  it('rejects a projection start that is not a date', () => {
    const error = rejection(() =>
      createFlowLogTableSql(layout(), { projectionStart: new Date('no date') }),
    );

    expect(error.message).toMatch(/^projection start: expected a date/);
  });
});
