import { StaleSgError } from '../errors.js';
import { quoteIdentifier, quoteString } from './quote-sql.js';

/**
 * The inventory as Athena reads it: four tables of JSON lines in S3, one
 * folder per run, so that a query reads the inventory of its own run as
 * data and the query text never carries an account's names or addresses.
 * `run_id` is an injected partition: Athena reads only the folder that the
 * query's `run_id = '...'` names, and needs no partitions registered.
 */
interface InventoryTable {
  readonly name: string;
  /** Columns in Hive DDL types; addresses as text, cast to IPADDRESS by the query. */
  readonly columns: readonly (readonly [name: string, type: 'string' | 'int'])[];
  /** The relation the attribution plan expects, over the table's columns. */
  readonly select: string;
}

export const INVENTORY_TABLES: readonly InventoryTable[] = [
  {
    name: 'interface_groups',
    columns: [
      ['interface_id', 'string'],
      ['group_id', 'string'],
    ],
    select: 'interface_id, group_id',
  },
  {
    name: 'interface_addresses',
    columns: [
      ['interface_id', 'string'],
      ['family', 'int'],
      ['address', 'string'],
    ],
    select: 'interface_id, family, CAST(address AS IPADDRESS) AS value',
  },
  {
    name: 'rules',
    columns: [
      ['rule_id', 'string'],
      ['group_id', 'string'],
      ['direction', 'string'],
      ['protocol', 'int'],
      ['from_port', 'int'],
      ['to_port', 'int'],
    ],
    select: 'rule_id, group_id, direction, protocol, from_port, to_port',
  },
  {
    name: 'rule_ranges',
    columns: [
      ['rule_id', 'string'],
      ['family', 'int'],
      ['first', 'string'],
      ['last', 'string'],
    ],
    select:
      'rule_id, family, CAST("first" AS IPADDRESS) AS "first", CAST("last" AS IPADDRESS) AS "last"',
  },
];

/** The Glue table of an inventory table: `stale_sg_rules`, beside the flow log table. */
export function inventoryTableName(name: string): string {
  return `stale_sg_${name}`;
}

/** The folder under a data prefix: `prefix/inventory/`, or `inventory/` for none. */
export function inventoryFolder(prefix: string): string {
  return `${prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`}inventory/`;
}

/** Where a run's rows of a table go: `<prefix>/inventory/<table>/<runId>/rows.json`. */
export function inventoryObjectKey(prefix: string, table: string, runId: string): string {
  return `${inventoryFolder(prefix)}${inventoryTableName(table)}/${checkRunId(runId)}/rows.json`;
}

/**
 * The statements that create the inventory tables (once; `IF NOT EXISTS`),
 * reading JSON lines under `s3://bucket/prefix/inventory/`.
 */
export function inventoryTablesDdl(database: string, bucket: string, prefix: string): string[] {
  return INVENTORY_TABLES.map((table) => {
    const name = inventoryTableName(table.name);
    const location = `s3://${bucket}/${inventoryFolder(prefix)}${name}/`;
    const columns = table.columns
      .map(([column, type]) => `  ${quoteIdentifier(column)} ${type}`)
      .join(',\n');
    return [
      `CREATE EXTERNAL TABLE IF NOT EXISTS ${quoteIdentifier(database)}.${quoteIdentifier(name)} (`,
      columns,
      ')',
      'PARTITIONED BY (`run_id` string)',
      "ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'",
      `LOCATION ${quoteString(location)}`,
      'TBLPROPERTIES (',
      "  'projection.enabled' = 'true',",
      "  'projection.run_id.type' = 'injected',",
      `  'storage.location.template' = ${quoteString(`${location}\${run_id}/`)}`,
      ')',
    ].join('\n');
  });
}

/** The plan's inventory relations, as CTEs over the run's folder of each table. */
export function inventoryRelationsSql(
  database: string,
  runId: string,
): (readonly [name: string, sql: string])[] {
  const run = quoteString(checkRunId(runId));
  return INVENTORY_TABLES.map(
    (table) =>
      [
        table.name,
        `\nSELECT ${table.select}\nFROM "${database}"."${inventoryTableName(table.name)}"\nWHERE run_id = ${run}`,
      ] as const,
  );
}

/** Run ids are made by stale-sg (a timestamp and random hex); anything else is refused. */
function checkRunId(runId: string): string {
  if (!/^[0-9A-Za-z.:-]{1,80}$/.test(runId)) {
    throw new StaleSgError('INVALID_ARGUMENT', `not a run id: "${runId}"`);
  }
  return runId;
}
