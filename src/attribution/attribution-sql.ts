import { PLAN_RELATIONS } from './attribution-plan.js';
import { planOutput, type OutputKind } from './attribution-outputs.js';
import { DUCKDB_DIALECT } from './sql-dialect.js';

/**
 * The attribution plan rendered for DuckDB: each relation becomes a
 * temporary table (or a view, where the plan says so), built in order, and
 * each output a query over them. Bind `$ephemeral_from` and `$ephemeral_to`
 * when building `rule_matches`.
 */

/** The statements that build the plan's relations, in order. */
export const PLAN_TABLES_SQL: readonly string[] = PLAN_RELATIONS.map(
  (relation) =>
    `CREATE OR REPLACE TEMP ${relation.view === true ? 'VIEW' : 'TABLE'} ${relation.name} AS ` +
    `${relation.sql(DUCKDB_DIALECT)};`,
);

/** The DuckDB query of one output of the plan. */
export function outputSql(kind: OutputKind): string {
  const output = planOutput(kind);
  const sql = output.sql(DUCKDB_DIALECT);
  return output.orderBy === undefined ? `${sql};` : `${sql}\nORDER BY ${output.orderBy};`;
}

/** How attribution walks the flows: in one piece, or in parts (`flow-parts.ts`). */
export interface AttributionParts {
  /** Parts attributed one after the other; 1 attributes all the flows at once. */
  readonly count: number;
  /** Keep every output for `readEvidence`, not only what `Attribution` holds. */
  readonly evidence: boolean;
}

export const ONE_PART: AttributionParts = { count: 1, evidence: true };

/** The query that reads one output after `attributeFlows` with these `parts`. */
export function readOutputSql(kind: OutputKind, parts: AttributionParts): string {
  return parts.count === 1 ? outputSql(kind) : combinedOutputSql(kind);
}

/** The table that collects one output's partial results, part by part. */
export function partOutputTable(kind: OutputKind): string {
  return `part_${kind}`;
}

/**
 * Adds one output of the current part of the flows to its part table; the
 * first part creates the table.
 */
export function partOutputSql(kind: OutputKind, first: boolean): string {
  const sql = planOutput(kind).sql(DUCKDB_DIALECT);
  const table = partOutputTable(kind);
  return first
    ? `CREATE OR REPLACE TEMP TABLE ${table} AS ${sql};`
    : `INSERT INTO ${table} ${sql};`;
}

/**
 * The DuckDB query of one output added up from its part table: the same
 * columns, rows and order as `outputSql` over the whole flows.
 */
export function combinedOutputSql(kind: OutputKind): string {
  const output = planOutput(kind);
  const combines = Object.entries(output.combine);
  const keys = combines.filter(([, combine]) => combine === 'key').map(([column]) => column);
  const columns = combines.map(([column, combine]) =>
    combine === 'key' ? column : `${combine}(${column}) AS ${column}`,
  );

  const sql = [`SELECT ${columns.join(', ')}`, `FROM ${partOutputTable(kind)}`];
  if (keys.length > 0) sql.push(`GROUP BY ${keys.join(', ')}`);
  if (output.orderBy !== undefined) sql.push(`ORDER BY ${output.orderBy}`);
  return `${sql.join('\n')};`;
}
