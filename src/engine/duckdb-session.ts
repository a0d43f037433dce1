import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

export interface DuckDbSessionOptions {
  /** A database file, or `:memory:`. */
  readonly path?: string;
  /** DuckDB's `memory_limit`, e.g. `1GB`; past it, work spills to `tempDirectory`. */
  readonly memoryLimit?: string;
  readonly tempDirectory?: string;
  readonly threads?: number;
}

/**
 * Opens a DuckDB instance and one connection, runs `work`, and closes both
 * whatever happens, so no caller leaks a database handle.
 */
export async function withDuckDb<T>(
  options: DuckDbSessionOptions,
  work: (connection: DuckDBConnection) => Promise<T>,
): Promise<T> {
  const instance = await DuckDBInstance.create(options.path ?? ':memory:', settingsOf(options));
  try {
    const connection = await instance.connect();
    try {
      return await work(connection);
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

function settingsOf(options: DuckDbSessionOptions): Record<string, string> {
  const settings: Record<string, string> = {};
  if (options.memoryLimit !== undefined) settings['memory_limit'] = options.memoryLimit;
  if (options.tempDirectory !== undefined) settings['temp_directory'] = options.tempDirectory;
  if (options.threads !== undefined) settings['threads'] = String(options.threads);
  return settings;
}
