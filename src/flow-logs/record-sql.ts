import type { AttributionField } from './flow-log-fields.js';

/**
 * Where a field comes from in a source: a column (already quoted) and whether
 * it holds text, where `-` means absent (text flow logs, Parquet strings), or
 * a typed value, where NULL does (Parquet numbers).
 */
export interface SourceColumn {
  readonly sql: string;
  readonly text: boolean;
}

export type SourceColumns = Partial<Record<AttributionField, SourceColumn>>;

type FieldKind = 'string' | 'integer';

interface FieldRule {
  readonly kind: FieldKind;
  /** SQL predicate over `v`, the typed value, that a present value must pass. */
  readonly check?: string;
}

/**
 * 9999-12-31T23:59:59Z in unix seconds: the last time a report can show in
 * ISO form. A later `start` or `end` cannot be a capture window, and would
 * fail the day arithmetic of the whole statement, or the report's dates,
 * instead of just its own record.
 */
const LAST_SECOND = 253_402_300_799;

const RULES: Record<AttributionField, FieldRule> = {
  'interface-id': { kind: 'string' },
  srcaddr: { kind: 'string' },
  dstaddr: { kind: 'string' },
  'pkt-srcaddr': { kind: 'string' },
  'pkt-dstaddr': { kind: 'string' },
  srcport: { kind: 'integer', check: 'v BETWEEN 0 AND 65535' },
  dstport: { kind: 'integer', check: 'v BETWEEN 0 AND 65535' },
  protocol: { kind: 'integer', check: 'v BETWEEN 0 AND 255' },
  packets: { kind: 'integer', check: 'v >= 0' },
  bytes: { kind: 'integer', check: 'v >= 0' },
  start: { kind: 'integer', check: `v BETWEEN 0 AND ${LAST_SECOND}` },
  end: { kind: 'integer', check: `v BETWEEN 0 AND ${LAST_SECOND}` },
  'tcp-flags': { kind: 'integer', check: 'v BETWEEN 0 AND 65535' },
  action: { kind: 'string', check: "v IN ('ACCEPT', 'REJECT')" },
  'log-status': { kind: 'string', check: "v IN ('OK', 'NODATA', 'SKIPDATA')" },
  'flow-direction': { kind: 'string', check: "v IN ('ingress', 'egress')" },
};

const FIELDS = Object.keys(RULES) as AttributionField[];

/** The output column of a field in normalized records: `log-status` becomes `log_status`. */
export function columnOf(field: AttributionField): string {
  return `"${field.replaceAll('-', '_')}"`;
}

/** The field's value: NULL when absent, typed otherwise (NULL too when it does not parse). */
function valueSql(field: AttributionField, source: SourceColumn | undefined): string {
  if (source === undefined) return 'NULL';
  const raw = source.text ? `nullif(${source.sql}, '-')` : source.sql;
  return RULES[field].kind === 'integer' ? `TRY_CAST(${raw} AS BIGINT)` : `CAST(${raw} AS VARCHAR)`;
}

/** True when the field is absent or holds a value of the right kind and range. */
function validSql(field: AttributionField, source: SourceColumn | undefined): string {
  if (source === undefined) return 'true';

  const rule = RULES[field];
  // Text sources say '-'; Parquet says NULL, and some writers '-' in strings too.
  const absent = source.text
    ? `(${source.sql} IS NULL OR ${source.sql} = '-')`
    : `${source.sql} IS NULL`;
  const present = source.text ? `${source.sql} <> '' AND ` : '';
  const value = valueSql(field, source);
  const check = rule.check?.replaceAll(/\bv\b/g, value) ?? `${value} IS NOT NULL`;
  return `(${absent} OR (${present}${value} IS NOT NULL AND ${check}))`;
}

/**
 * The normalized records of one source: every attribution field under its
 * own column name, and `well_formed`, false for a record that has a value of
 * the wrong kind, a value out of range, times that run backwards, or an `OK`
 * record without the fields a flow needs. `extraChecks` adds conditions such
 * as "the line had exactly as many fields as the header".
 */
export function normalizedRecordsSql(
  from: string,
  columns: SourceColumns,
  extraChecks: readonly string[] = [],
): string {
  const values = FIELDS.map((field) => `${valueSql(field, columns[field])} AS ${columnOf(field)}`);
  const checks = [...extraChecks, ...FIELDS.map((field) => validSql(field, columns[field]))];

  return `
    SELECT
      ${values.join(',\n      ')}
      , coalesce(${checks.join('\n        AND ')}, false) AS well_formed
    FROM ${from}`;
}

/**
 * Normalized records with `ok`: well formed, times in order, and an `OK`
 * record has the fields a flow needs. A missing `log-status` field means OK.
 */
export function checkedRecordsSql(normalized: string): string {
  return `
    SELECT
      *,
      coalesce(well_formed
        AND ("end" IS NULL OR start IS NULL OR start <= "end")
        AND (coalesce(log_status, 'OK') <> 'OK' OR (
          interface_id IS NOT NULL AND srcaddr IS NOT NULL AND dstaddr IS NOT NULL
          AND protocol IS NOT NULL AND action IS NOT NULL)), false) AS ok
    FROM (${normalized}) normalized`;
}

/**
 * Checked records aggregated into rows of the `flows` table (see
 * `attribution/flow-tables.ts`), in either engine's SQL: malformed records
 * collapse into a row that only carries their count, and records starting
 * outside the window (the settings `since` and `until`, unix seconds) are
 * left out.
 */
export function flowRowsSql(checked: string, d: RecordDialect): string {
  return `
    SELECT
      NOT ok AS malformed,
      CASE WHEN ok THEN interface_id END AS interface_id,
      CASE WHEN ok THEN flow_direction END AS flow_direction,
      CASE WHEN ok THEN coalesce(pkt_srcaddr, srcaddr) END AS src,
      CASE WHEN ok THEN coalesce(pkt_dstaddr, dstaddr) END AS dst,
      CASE WHEN ok THEN srcport END AS srcport,
      CASE WHEN ok THEN dstport END AS dstport,
      CASE WHEN ok THEN protocol END AS protocol,
      CASE WHEN ok THEN action END AS action,
      CASE WHEN ok THEN coalesce(log_status, 'OK') END AS log_status,
      CASE WHEN ok THEN ${d.epochDay('start')} END AS day,
      count(*) AS records,
      coalesce(sum(packets), 0) AS packets,
      coalesce(sum(bytes), 0) AS bytes,
      min(start) AS first_start,
      max("end") AS last_end,
      -- tcp-flags is the OR of the flags seen in the capture window; AWS
      -- reports SYN (2), FIN (1), RST (4) and SYN-ACK (18), never a bare ACK.
      coalesce(bool_or(ok AND protocol = 6 AND ${d.bitAnd('tcp_flags', '18')} = 2), false) AS syn,
      coalesce(bool_or(ok AND protocol = 6 AND ${d.bitAnd('tcp_flags', '18')} = 18), false) AS synack
    FROM (${checked}) checked
    WHERE NOT ok OR (
      (${d.since} IS NULL OR start >= ${d.since}) AND (${d.until} IS NULL OR start < ${d.until}))
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11`;
}

/** What record aggregation writes differently in DuckDB and Trino. */
export interface RecordDialect {
  /** The UTC day (a DATE) of unix seconds. */
  epochDay(seconds: string): string;
  bitAnd(a: string, b: string): string;
  /** The window's bounds in unix seconds, or NULL: parameters or literals. */
  readonly since: string;
  readonly until: string;
}

/** DuckDB, with `$since` and `$until` bound. */
export const DUCKDB_RECORDS: RecordDialect = {
  epochDay: (seconds) => `DATE '1970-01-01' + CAST(${seconds} // 86400 AS INTEGER)`,
  bitAnd: (a, b) => `(${a} & ${b})`,
  since: '$since',
  until: '$until',
};

/** Rows for the DuckDB `flows` table. Bind `$since` and `$until` (unix seconds or NULL). */
export function aggregateRecordsSql(checked: string): string {
  return `INSERT INTO flows ${flowRowsSql(checked, DUCKDB_RECORDS)}`;
}
