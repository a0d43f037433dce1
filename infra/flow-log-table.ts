import { Aws, Stack } from 'aws-cdk-lib';
import { CfnDatabase, CfnTable } from 'aws-cdk-lib/aws-glue';
import { Construct } from 'constructs';
import { awsLogsLocation } from '../src/athena/aws-logs-location.js';
import { flowLogColumns } from '../src/athena/flow-log-columns.js';
import { PARTITION_COLUMNS, type FlowLogTableLayout } from '../src/athena/flow-log-table.js';
import { projectionProperties } from '../src/athena/projection-properties.js';

/** How Glue reads each format: space-separated text with a header line, or Parquet. */
const STORAGE = {
  text: {
    inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
    outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
    serdeInfo: {
      serializationLibrary: 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe',
      parameters: { 'field.delim': ' ', 'serialization.format': ' ' },
    },
  },
  parquet: {
    inputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
    outputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
    serdeInfo: {
      serializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe',
      parameters: { 'serialization.format': '1' },
    },
  },
} as const;

/**
 * The Glue database and the flow log table that the aggregate stage's
 * Athena query reads: the columns, partitions and projection of the table
 * `stale-sg athena init` creates (`src/athena/flow-log-table-ddl.ts`), over
 * the existing flow log bucket.
 */
export class FlowLogTable extends Construct {
  readonly database: CfnDatabase;
  readonly table: CfnTable;
  /** The catalog, database and table ARNs that a query of the table needs read access to. */
  readonly catalogArns: readonly string[];

  constructor(scope: Construct, id: string, layout: Required<FlowLogTableLayout>) {
    super(scope, id);

    this.database = new CfnDatabase(this, 'Database', {
      catalogId: Aws.ACCOUNT_ID,
      databaseInput: { name: layout.database, description: 'stale-sg: VPC Flow Logs for Athena' },
    });

    this.table = new CfnTable(this, 'Table', {
      catalogId: Aws.ACCOUNT_ID,
      databaseName: layout.database,
      tableInput: {
        name: layout.table,
        description: `VPC Flow Logs in ${awsLogsLocation(layout)}`,
        tableType: 'EXTERNAL_TABLE',
        parameters: {
          EXTERNAL: 'TRUE',
          classification: layout.format === 'text' ? 'csv' : 'parquet',
          // Text flow log files start with a line of field names.
          ...(layout.format === 'text' ? { 'skip.header.line.count': '1' } : {}),
          ...projectionProperties(layout),
        },
        partitionKeys: [
          { name: PARTITION_COLUMNS.account, type: 'string' },
          { name: PARTITION_COLUMNS.region, type: 'string' },
          { name: PARTITION_COLUMNS.date, type: 'string' },
        ],
        storageDescriptor: {
          columns: flowLogColumns(layout.fields),
          location: awsLogsLocation(layout),
          ...STORAGE[layout.format],
        },
      },
    });
    this.table.addResourceDependency(this.database);

    const stack = Stack.of(this);
    const glueArn = (resource: string, resourceName?: string) =>
      stack.formatArn({ service: 'glue', resource, ...(resourceName ? { resourceName } : {}) });
    this.catalogArns = [
      glueArn('catalog'),
      glueArn('database', layout.database),
      glueArn('table', `${layout.database}/${layout.table}`),
    ];
  }
}
