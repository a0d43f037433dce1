import { PLAN_RELATIONS } from './attribution-plan.js';
import { planOutput, type OutputKind } from './attribution-outputs.js';
import { DUCKDB_DIALECT } from './sql-dialect.js';

/**
 * The attribution plan rendered for DuckDB: each relation becomes a
 * temporary table (or a view, where the plan says so), built in order, and each output a query over them. Bind
 * `$ephemeral_from` and `$ephemeral_to` when building `rule_matches`.
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
