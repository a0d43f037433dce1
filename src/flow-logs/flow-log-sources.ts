import { ATTRIBUTION_FIELDS, parquetColumn, type AttributionField } from './flow-log-fields.js';
import type { SourceColumns } from './record-sql.js';
import type { TextFormat } from './text-format.js';

/** A SQL source of raw records over the files bound as `$files`, and its field columns. */
export interface RecordSource {
  readonly from: string;
  /** The same source read in file order, one thread, to find a record's line. */
  readonly sequentialFrom: string;
  readonly columns: SourceColumns;
  readonly extraChecks: readonly string[];
}

const OVERFLOW_COLUMN = 'c_overflow';

/**
 * Where DuckDB's CSV reader records lines it cannot read at all (invalid
 * UTF-8, say), one row per problem; they count as malformed records.
 */
export const REJECTS_TABLE = 'flow_rejects';

/**
 * Text flow logs: space-separated fields, one record a line, no quoting.
 * DuckDB's CSV reader reads them in parallel as text columns; one column more
 * than the format has catches lines with too many fields, and null padding
 * shows lines with too few. Column names are ours (`c0`, `c1`, ...), never
 * taken from the file.
 */
export function textSource(format: TextFormat): RecordSource {
  const names = format.columns.map((_, index) => `c${index}`);
  const columnTypes = [...names, OVERFLOW_COLUMN].map((name) => `'${name}': 'VARCHAR'`).join(', ');

  const columns: SourceColumns = {};
  format.columns.forEach((field, index) => {
    if (field !== null && isAttributionField(field))
      columns[field] = { sql: `c${index}`, text: true };
  });

  const readCsv = (parallel: boolean): string => `read_csv($files,
      delim = ' ', quote = '', escape = '', comment = '',
      header = ${format.hasHeader ? 'true' : 'false'},
      columns = {${columnTypes}},
      auto_detect = false, null_padding = true, strict_mode = false,
      ignore_errors = true, parallel = ${parallel ? 'true' : 'false'},
      store_rejects = true, rejects_table = '${REJECTS_TABLE}', rejects_scan = '${REJECTS_TABLE}_scans')`;

  const extraChecks = [`${OVERFLOW_COLUMN} IS NULL`, ...names.map((name) => `${name} IS NOT NULL`)];
  return { from: readCsv(true), sequentialFrom: readCsv(false), columns, extraChecks };
}

/** DuckDB's integer types: their values are read as they are. */
const INTEGER_TYPES = new Set([
  'TINYINT',
  'SMALLINT',
  'INTEGER',
  'BIGINT',
  'HUGEINT',
  'UTINYINT',
  'USMALLINT',
  'UINTEGER',
  'UBIGINT',
  'UHUGEINT',
]);

/**
 * Parquet flow logs: AWS's column names with underscores. `columnTypes` maps
 * the file's columns to DuckDB type names; fields it lacks are absent.
 * Columns of other types are read as their text, as a text flow log's
 * fields are: a number cast from a BOOLEAN would make `true` the port 1.
 */
export function parquetSource(columnTypes: ReadonlyMap<string, string>): RecordSource {
  const columns: SourceColumns = {};
  for (const field of ATTRIBUTION_FIELDS) {
    const name = parquetColumn(field);
    const type = columnTypes.get(name);
    if (type === undefined) continue;
    columns[field] = INTEGER_TYPES.has(type)
      ? { sql: `"${name}"`, text: false }
      : { sql: type === 'VARCHAR' ? `"${name}"` : `CAST("${name}" AS VARCHAR)`, text: true };
  }
  const from = 'read_parquet($files)';
  return { from, sequentialFrom: from, columns, extraChecks: [] };
}

function isAttributionField(field: string): field is AttributionField {
  return (ATTRIBUTION_FIELDS as readonly string[]).includes(field);
}
