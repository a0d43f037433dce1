import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';

import type { FlowLogField } from '../flow-logs/flow-log-fields.js';
import { parquetColumn } from '../flow-logs/flow-log-fields.js';
import type { FlowRecord } from '../flow-logs/flow-record.js';
import type { DemoRecord } from './connection-records.js';

type ColumnType = 'INTEGER' | 'BIGINT' | 'VARCHAR';
type Value = string | number | null;

interface Column {
  readonly field: FlowLogField;
  readonly type: ColumnType;
  readonly value: (record: FlowRecord) => Value;
}

/** The version AWS writes for a flow log whose format has version 5 fields (`flow-direction`). */
const VERSION = 5;

/**
 * The columns of a Parquet flow log, named and typed as AWS writes them
 * (hyphens become underscores).
 * https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3.html
 */
function columns(accountId: string): Column[] {
  return [
    { field: 'version', type: 'INTEGER', value: () => VERSION },
    { field: 'account-id', type: 'VARCHAR', value: () => accountId },
    { field: 'interface-id', type: 'VARCHAR', value: (r) => r.interfaceId },
    { field: 'srcaddr', type: 'VARCHAR', value: (r) => r.srcaddr },
    { field: 'dstaddr', type: 'VARCHAR', value: (r) => r.dstaddr },
    { field: 'srcport', type: 'INTEGER', value: (r) => r.srcport },
    { field: 'dstport', type: 'INTEGER', value: (r) => r.dstport },
    { field: 'protocol', type: 'INTEGER', value: (r) => r.protocol },
    { field: 'packets', type: 'BIGINT', value: (r) => r.packets },
    { field: 'bytes', type: 'BIGINT', value: (r) => r.bytes },
    { field: 'start', type: 'BIGINT', value: (r) => r.start },
    { field: 'end', type: 'BIGINT', value: (r) => r.end },
    { field: 'action', type: 'VARCHAR', value: (r) => r.action },
    { field: 'log-status', type: 'VARCHAR', value: (r) => r.logStatus },
    { field: 'tcp-flags', type: 'INTEGER', value: (r) => r.tcpFlags },
    { field: 'flow-direction', type: 'VARCHAR', value: (r) => r.flowDirection },
    { field: 'pkt-srcaddr', type: 'VARCHAR', value: (r) => r.pktSrcaddr },
    { field: 'pkt-dstaddr', type: 'VARCHAR', value: (r) => r.pktDstaddr },
  ];
}

const TABLE = 'flow_log_records';

/**
 * Writes Parquet flow log files through an in-memory DuckDB: records go in by
 * an appender, out by COPY. One writer serves many files; close it when done.
 */
export class ParquetFlowLogWriter {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly columns: readonly Column[],
  ) {}

  static async open(accountId: string): Promise<ParquetFlowLogWriter> {
    const instance = await DuckDBInstance.create(':memory:');
    let connection: DuckDBConnection | undefined;
    try {
      connection = await instance.connect();
      const writer = new ParquetFlowLogWriter(instance, connection, columns(accountId));
      await writer.createTable();
      return writer;
    } catch (error) {
      connection?.closeSync();
      instance.closeSync();
      throw error;
    }
  }

  async write(path: string, records: readonly DemoRecord[]): Promise<void> {
    await this.connection.run(`TRUNCATE ${TABLE}`);

    const appender = await this.connection.createAppender(TABLE);
    try {
      for (const { record } of records) this.appendRow(appender, record);
    } finally {
      appender.closeSync();
    }

    await this.connection.run(`COPY ${TABLE} TO $1 (FORMAT parquet)`, [path]);
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }

  private async createTable(): Promise<void> {
    const definitions = this.columns.map(({ field, type }) => `"${parquetColumn(field)}" ${type}`);
    await this.connection.run(`CREATE TABLE ${TABLE} (\n  ${definitions.join(',\n  ')}\n)`);
  }

  private appendRow(appender: DuckDBAppender, record: FlowRecord): void {
    for (const { type, value } of this.columns) appendValue(appender, type, value(record));
    appender.endRow();
  }
}

function appendValue(appender: DuckDBAppender, type: ColumnType, value: Value): void {
  if (value === null) appender.appendNull();
  else if (type === 'VARCHAR') appender.appendVarchar(String(value));
  else if (type === 'BIGINT') appender.appendBigInt(BigInt(value));
  else appender.appendInteger(Number(value));
}
