import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { FlowLogTable } from '../../infra/flow-log-table.js';
import {
  INVENTORY_TABLES,
  inventoryObjectKey,
  inventoryTableName,
} from '../../src/athena/inventory-tables.js';
import {
  DEFAULT_FLOW_LOG_FIELDS,
  type FlowLogTableLayout,
} from '../../src/athena/flow-log-table.js';
import {
  ACCOUNT,
  MEMBER_ACCOUNT,
  bareStack,
  logicalIdOf,
  resourceNamed,
  synthStack,
} from './synth-stack.js';

const LAYOUT: Required<FlowLogTableLayout> = {
  database: 'stale_sg',
  table: 'flow_logs',
  bucket: 'central-flow-logs',
  prefix: 'vpc',
  format: 'text',
  layout: 'plain',
  partitioning: 'daily',
  accounts: [ACCOUNT, MEMBER_ACCOUNT],
  regions: ['eu-west-1', 'us-east-1'],
  fields: DEFAULT_FLOW_LOG_FIELDS,
};

interface TableInput {
  Name: string;
  TableType: string;
  Parameters: Record<string, string>;
  PartitionKeys: { Name: string; Type: string }[];
  StorageDescriptor: {
    Columns: { Name: string; Type: string }[];
    Location: string;
    InputFormat: string;
    OutputFormat: string;
    SerdeInfo: { SerializationLibrary: string; Parameters: Record<string, string> };
  };
}

function tableInput(layout: Partial<FlowLogTableLayout> = {}): TableInput {
  const stack = bareStack();
  new FlowLogTable(stack, 'FlowLogTable', { ...LAYOUT, ...layout });
  const table = resourceNamed(Template.fromStack(stack), 'AWS::Glue::Table', 'FlowLogTable');
  return table.Properties['TableInput'] as TableInput;
}

describe('the Athena workgroup', () => {
  it('enforces engine 3, encrypted results in the results bucket, metrics and a scan limit', () => {
    const { template } = synthStack();
    const results = logicalIdOf(template, 'AWS::S3::Bucket', 'ResultsBucket');

    template.hasResourceProperties('AWS::Athena::WorkGroup', {
      Name: 'stale-sg',
      State: 'ENABLED',
      WorkGroupConfiguration: {
        EngineVersion: { SelectedEngineVersion: 'Athena engine version 3' },
        EnforceWorkGroupConfiguration: true,
        PublishCloudWatchMetricsEnabled: true,
        BytesScannedCutoffPerQuery: 1024 ** 4,
        ResultConfiguration: {
          OutputLocation: { 'Fn::Join': ['', ['s3://', { Ref: results }, '/athena-results/']] },
          EncryptionConfiguration: { EncryptionOption: 'SSE_S3' },
        },
      },
    });
  });

  it('takes its name and scan limit from the props', () => {
    const { template } = synthStack({ workGroupName: 'audit', bytesScannedCutoff: 50_000_000 });

    template.hasResourceProperties('AWS::Athena::WorkGroup', {
      Name: 'audit',
      WorkGroupConfiguration: { BytesScannedCutoffPerQuery: 50_000_000 },
    });
  });
});

describe('the Glue flow log table', () => {
  it('lives in its own database', () => {
    const stack = bareStack();
    new FlowLogTable(stack, 'FlowLogTable', LAYOUT);
    const template = Template.fromStack(stack);

    template.hasResourceProperties('AWS::Glue::Database', {
      CatalogId: { Ref: 'AWS::AccountId' },
      DatabaseInput: { Name: 'stale_sg' },
    });
    template.hasResourceProperties('AWS::Glue::Table', {
      DatabaseName: 'stale_sg',
      TableInput: { Name: 'flow_logs', TableType: 'EXTERNAL_TABLE' },
    });
  });

  it('has a column per default field, numbers as bigint, and the three partition columns', () => {
    const input = tableInput();

    expect(input.StorageDescriptor.Columns).toEqual([
      { Name: 'version', Type: 'bigint' },
      { Name: 'account_id', Type: 'string' },
      { Name: 'interface_id', Type: 'string' },
      { Name: 'srcaddr', Type: 'string' },
      { Name: 'dstaddr', Type: 'string' },
      { Name: 'srcport', Type: 'bigint' },
      { Name: 'dstport', Type: 'bigint' },
      { Name: 'protocol', Type: 'bigint' },
      { Name: 'packets', Type: 'bigint' },
      { Name: 'bytes', Type: 'bigint' },
      { Name: 'start', Type: 'bigint' },
      { Name: 'end', Type: 'bigint' },
      { Name: 'action', Type: 'string' },
      { Name: 'log_status', Type: 'string' },
    ]);
    expect(input.PartitionKeys).toEqual([
      { Name: 'aws_account', Type: 'string' },
      { Name: 'aws_region', Type: 'string' },
      { Name: 'log_date', Type: 'string' },
    ]);
  });

  it("follows a custom log format's fields, in their order", () => {
    const fields = [
      'interface-id',
      'srcaddr',
      'dstaddr',
      'pkt-srcaddr',
      'srcport',
      'dstport',
      'protocol',
      'tcp-flags',
      'flow-direction',
      'traffic-path',
      'action',
    ];

    expect(tableInput({ fields }).StorageDescriptor.Columns).toEqual([
      { Name: 'interface_id', Type: 'string' },
      { Name: 'srcaddr', Type: 'string' },
      { Name: 'dstaddr', Type: 'string' },
      { Name: 'pkt_srcaddr', Type: 'string' },
      { Name: 'srcport', Type: 'bigint' },
      { Name: 'dstport', Type: 'bigint' },
      { Name: 'protocol', Type: 'bigint' },
      { Name: 'tcp_flags', Type: 'bigint' },
      { Name: 'flow_direction', Type: 'string' },
      { Name: 'traffic_path', Type: 'bigint' },
      { Name: 'action', Type: 'string' },
    ]);
  });

  it('reads text as space-separated values after a header line', () => {
    const input = tableInput({ format: 'text' });

    expect(input.StorageDescriptor).toMatchObject({
      Location: 's3://central-flow-logs/vpc/AWSLogs/',
      InputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
      OutputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
      SerdeInfo: {
        SerializationLibrary: 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe',
        Parameters: { 'field.delim': ' ' },
      },
    });
    expect(input.Parameters['skip.header.line.count']).toBe('1');
  });

  it('reads Parquet with the Parquet SerDe and no header to skip', () => {
    const input = tableInput({ format: 'parquet' });

    expect(input.StorageDescriptor).toMatchObject({
      InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
      OutputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
      SerdeInfo: {
        SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe',
      },
    });
    expect(input.Parameters).not.toHaveProperty('skip.header.line.count');
  });

  it('projects the accounts and regions as enums', () => {
    expect(tableInput().Parameters).toMatchObject({
      'projection.enabled': 'true',
      'projection.aws_account.type': 'enum',
      'projection.aws_account.values': `${ACCOUNT},${MEMBER_ACCOUNT}`,
      'projection.aws_region.type': 'enum',
      'projection.aws_region.values': 'eu-west-1,us-east-1',
    });
  });

  const plain = 's3://central-flow-logs/vpc/AWSLogs/${aws_account}/vpcflowlogs/${aws_region}';
  const hive =
    's3://central-flow-logs/vpc/AWSLogs/aws-account-id=${aws_account}/aws-service=vpcflowlogs/aws-region=${aws_region}';
  const formats = ['text', 'parquet'] as const;
  const keyLayouts = [
    ['plain', 'daily', plain, 'yyyy/MM/dd', '2020/01/01', 'DAYS'],
    ['plain', 'hourly', plain, 'yyyy/MM/dd/HH', '2020/01/01/00', 'HOURS'],
    ['hive', 'daily', hive, "'year='yyyy'/month='MM'/day='dd", 'year=2020/month=01/day=01', 'DAYS'],
    [
      'hive',
      'hourly',
      hive,
      "'year='yyyy'/month='MM'/day='dd'/hour='HH",
      'year=2020/month=01/day=01/hour=00',
      'HOURS',
    ],
  ] as const;
  const cases = formats.flatMap((format) => keyLayouts.map((row) => [format, ...row] as const));

  it.each(cases)(
    '%s, %s, %s: log_date folders as the delivery writes them',
    (format, layout, partitioning, folders, dateFormat, first, unit) => {
      const parameters = tableInput({ format, layout, partitioning }).Parameters;

      expect(parameters).toMatchObject({
        'storage.location.template': `${folders}/\${log_date}`,
        'projection.log_date.type': 'date',
        'projection.log_date.format': dateFormat,
        'projection.log_date.range': `${first},NOW`,
        'projection.log_date.interval': '1',
        'projection.log_date.interval.unit': unit,
      });
    },
  );

  it('puts no prefix folder into the paths when the destination has none', () => {
    const input = tableInput({ prefix: '' });

    expect(input.StorageDescriptor.Location).toBe('s3://central-flow-logs/AWSLogs/');
    expect(input.Parameters['storage.location.template']).toBe(
      's3://central-flow-logs/AWSLogs/${aws_account}/vpcflowlogs/${aws_region}/${log_date}',
    );
  });

  it("projects the deployment's own account and region when none are configured", () => {
    const { template } = synthStack({ env: undefined, accounts: undefined, regions: undefined });

    template.hasResourceProperties('AWS::Glue::Table', {
      TableInput: {
        Parameters: {
          'projection.aws_account.values': { Ref: 'AWS::AccountId' },
          'projection.aws_region.values': { Ref: 'AWS::Region' },
        },
      },
    });
  });
});

describe('the inventory tables', () => {
  it('read the JSON lines the collect stage uploads, one folder per run', () => {
    const { template } = synthStack();
    const tables = Object.values(template.findResources('AWS::Glue::Table'))
      .map((resource) => resource.Properties['TableInput'] as TableInput)
      .filter((input) => input.Name.startsWith('stale_sg_'));

    expect(tables.map((input) => input.Name).sort()).toEqual(
      INVENTORY_TABLES.map((table) => inventoryTableName(table.name)).sort(),
    );
    const runId = '2026-12-03T03:00:00.000Z-0123abcd';
    for (const definition of INVENTORY_TABLES) {
      const name = inventoryTableName(definition.name);
      const input = tables.find((table) => table.Name === name);
      expect(input?.PartitionKeys).toEqual([{ Name: 'run_id', Type: 'string' }]);
      expect(input?.StorageDescriptor.SerdeInfo.SerializationLibrary).toBe(
        'org.openx.data.jsonserde.JsonSerDe',
      );
      expect(input?.StorageDescriptor.Columns.map((column) => column.Name)).toEqual(
        definition.columns.map(([column]) => column),
      );
      expect(input?.Parameters['projection.run_id.type']).toBe('injected');
      // The template ends where the collect stage writes: <folder>/<table>/<run id>/rows.json.
      const template = JSON.stringify(input?.Parameters['storage.location.template']);
      const key = inventoryObjectKey('', definition.name, runId);
      expect(template).toContain(`/${key.replace(`${runId}/rows.json`, '${run_id}/')}`);
    }
  });
});
