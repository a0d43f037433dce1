import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * Splitting the flows into parts that are attributed one after the other,
 * so that the engine's memory limit holds however many flows there are.
 *
 * Attribution holds a part's flows with their parsed addresses, its distinct
 * addresses and its conversations at once; DuckDB spills the flows table to
 * the temporary directory but not all of that work, and at 100 million
 * records the whole ran out of a 512MB limit (docs/benchmarks.md). A part
 * must keep every conversation whole, because the request side is decided
 * per conversation: records of one conversation share their interface,
 * protocol and pair of ports, in either direction, so the part is a hash of
 * those. Request groups may span parts; every output is a sum, least or
 * greatest per key, so the parts' outputs add up to the whole
 * (`PlanOutput.combine`).
 */

/**
 * Rows of `flows` per MiB of the memory limit in one part: 512MB makes
 * parts of about 9.8 million rows. Measured: a part of 3.3 million rows
 * fitted in 128MB and one of 5 million did not, about 26,000 and 39,000 rows
 * per MiB; this keeps a margin below both.
 */
export const FLOW_ROWS_PER_MIB = 20_000;

/** The table `flows` is renamed to while its parts are attributed. */
export const ALL_FLOWS_TABLE = 'all_flows';

/** How many parts the flows now in `flows` need under the session's memory limit. */
export async function flowPartCount(connection: DuckDBConnection): Promise<number> {
  const reader = await connection.runAndReadAll(
    `SELECT (SELECT count(*) FROM flows) AS rows, current_setting('memory_limit') AS memory_limit`,
  );
  const row = reader.getRowObjects()[0] ?? {};
  const rowsPerPart = FLOW_ROWS_PER_MIB * mebibytesOf(String(row['memory_limit']));
  return Math.max(1, Math.ceil(Number(row['rows']) / rowsPerPart));
}

/**
 * The view `flows` as one part of `all_flows`. Every row falls in exactly
 * one part: `hash` is never NULL, NULL ports included.
 */
export function flowPartViewSql(part: number, count: number): string {
  return `
CREATE OR REPLACE TEMP VIEW flows AS
SELECT * FROM ${ALL_FLOWS_TABLE}
WHERE hash(interface_id, protocol, least(srcport, dstport), greatest(srcport, dstport))
  % ${count} = ${part};`;
}

const UNITS: Readonly<Record<string, number>> = {
  bytes: 1 / 2 ** 20,
  KiB: 1 / 2 ** 10,
  MiB: 1,
  GiB: 2 ** 10,
  TiB: 2 ** 20,
  PiB: 2 ** 30,
};

/** DuckDB's own spelling of a size (`488.2 MiB`, `1.8 GiB`), in MiB. */
export function mebibytesOf(size: string): number {
  const match = /^([0-9.]+) ?([A-Za-z]+)$/.exec(size.trim());
  const unit = UNITS[match?.[2] ?? ''];
  const amount = Number(match?.[1]);
  if (unit === undefined || !Number.isFinite(amount)) {
    throw new Error(`cannot read DuckDB's memory limit "${size}"`);
  }
  return amount * unit;
}
