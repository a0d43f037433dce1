import { Aws, Stack } from 'aws-cdk-lib';
import { CfnTable, type CfnDatabase } from 'aws-cdk-lib/aws-glue';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import {
  INVENTORY_TABLES,
  inventoryFolder,
  inventoryTableName,
} from '../src/athena/inventory-tables.js';

/**
 * The four inventory tables the collect stage uploads into and the Athena
 * query reads (`src/athena/inventory-tables.ts`): JSON lines under the data
 * bucket, one folder per run, `run_id` an injected partition so that a
 * query names the one folder it reads.
 */
export class InventoryTables extends Construct {
  /** The table ARNs that a query of the tables needs read access to. */
  readonly tableArns: readonly string[];

  constructor(
    scope: Construct,
    id: string,
    props: { database: CfnDatabase; databaseName: string; dataBucket: IBucket; dataPrefix: string },
  ) {
    super(scope, id);
    const stack = Stack.of(this);

    this.tableArns = INVENTORY_TABLES.map((definition) => {
      const name = inventoryTableName(definition.name);
      const location = `s3://${props.dataBucket.bucketName}/${inventoryFolder(props.dataPrefix)}${name}/`;
      const table = new CfnTable(this, name, {
        catalogId: Aws.ACCOUNT_ID,
        databaseName: props.databaseName,
        tableInput: {
          name,
          description: `stale-sg: the inventory's ${definition.name}, one folder per run`,
          tableType: 'EXTERNAL_TABLE',
          parameters: {
            EXTERNAL: 'TRUE',
            classification: 'json',
            'projection.enabled': 'true',
            'projection.run_id.type': 'injected',
            'storage.location.template': `${location}\${run_id}/`,
          },
          partitionKeys: [{ name: 'run_id', type: 'string' }],
          storageDescriptor: {
            columns: definition.columns.map(([column, type]) => ({ name: column, type })),
            location,
            inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
            outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
            serdeInfo: { serializationLibrary: 'org.openx.data.jsonserde.JsonSerDe' },
          },
        },
      });
      table.addResourceDependency(props.database);
      return stack.formatArn({
        service: 'glue',
        resource: 'table',
        resourceName: `${props.databaseName}/${name}`,
      });
    });
  }
}
