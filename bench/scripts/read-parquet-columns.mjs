// The limit for Parquet: DuckDB reading, from every Parquet file under a
// directory, the columns attribution needs, and nothing else. Prints the
// aggregates as JSON so that the harness can check the record count.
// Usage: node read-parquet-columns.mjs DIR
import { DuckDBInstance } from '@duckdb/node-api';

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: node read-parquet-columns.mjs DIR');

// max() of the text columns makes DuckDB read and decode every value of them.
const SQL = `
  SELECT
    count(*) AS records,
    sum(packets) AS packets,
    sum(bytes) AS bytes,
    sum(srcport) + sum(dstport) + sum(protocol) AS port_sum,
    min(start) AS first_start,
    max("end") AS last_end,
    max(interface_id) AS interface_id,
    max(srcaddr) AS srcaddr,
    max(dstaddr) AS dstaddr,
    max(action) AS action,
    max(log_status) AS log_status
  FROM read_parquet($glob)
`;

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
try {
  const reader = await connection.runAndReadAll(SQL, { glob: `${dir}/**/*.parquet` });
  const [row] = reader.getRowObjectsJson();
  console.log(JSON.stringify(row));
} finally {
  connection.closeSync();
  instance.closeSync();
}
