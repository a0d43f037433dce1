import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * Runs `work` in one transaction: committed when it returns, rolled back
 * when it throws (or when the commit itself fails), so the store holds all
 * of it or none of it.
 */
export async function inTransaction<T>(
  connection: DuckDBConnection,
  work: () => Promise<T>,
): Promise<T> {
  await connection.run('BEGIN TRANSACTION');
  try {
    const result = await work();
    await connection.run('COMMIT');
    return result;
  } catch (error) {
    await rollBack(connection);
    throw error;
  }
}

/**
 * DuckDB leaves a failed transaction aborted until ROLLBACK; a failed COMMIT
 * has already ended it, and then ROLLBACK fails too, harmlessly.
 */
async function rollBack(connection: DuckDBConnection): Promise<void> {
  try {
    await connection.run('ROLLBACK');
  } catch {
    // No transaction left to roll back.
  }
}
