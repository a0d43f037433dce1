import { LIST, VARCHAR, listValue, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';

/** File lists are bound as a parameter, `$files`, never written into SQL text. */
export const FILES_TYPE: Record<string, DuckDBType> = { files: LIST(VARCHAR) };

export function filesParameter(paths: readonly string[]): Record<string, DuckDBValue> {
  return { files: listValue([...paths]) };
}
