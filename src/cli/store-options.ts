import { access } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { StaleSgError } from '../errors.js';
import { DEFAULT_STORE_PATH, DuckDbStore } from '../store/duckdb-store.js';
import { DynamoDbStore } from '../store/dynamodb/dynamodb-store.js';
import type { UsageStore } from '../store/usage-store.js';

/** Where history is kept: the DuckDB file (default) or the two DynamoDB tables. */
export interface StoreSettings {
  readonly db?: string;
  readonly store?: 'duckdb' | 'dynamodb';
  readonly rulesTable?: string;
  readonly usageTable?: string;
  readonly createTables?: boolean;
}

export const STORE_KINDS = ['duckdb', 'dynamodb'] as const;

export function addStoreOptions(command: Command): Command {
  return command
    .option('--db <file>', `the DuckDB store (default ${DEFAULT_STORE_PATH})`)
    .addOption(
      new Option('--store <kind>', 'where history is kept (default duckdb)').choices(STORE_KINDS),
    )
    .option('--rules-table <name>', 'DynamoDB rules table (default sg-analysis-rules-data)')
    .option('--usage-table <name>', 'DynamoDB usage table (default sg-analysis-rules-usage)');
}

/** Opens the store the settings name; `create` makes the DuckDB file or DynamoDB tables if missing. */
export async function openStore(settings: StoreSettings, create: boolean): Promise<UsageStore> {
  if (settings.store === 'dynamodb') {
    return DynamoDbStore.open({
      rulesTable: settings.rulesTable,
      usageTable: settings.usageTable,
      createTables: create && settings.createTables === true,
    });
  }

  const path = settings.db ?? DEFAULT_STORE_PATH;
  if (!create) {
    await access(path).catch(() => {
      throw new StaleSgError(
        'NOT_FOUND',
        `there is no store at ${path}; \`stale-sg run\` creates it (or give --db)`,
      );
    });
  }
  return DuckDbStore.open(path);
}

/**
 * Runs `work` on an existing store, and closes it afterwards: the commands
 * that only read the store must not create an empty one by mistake.
 */
export async function withExistingStore<T>(
  settings: StoreSettings,
  work: (store: UsageStore) => Promise<T>,
): Promise<T> {
  const store = await openStore(settings, false);
  try {
    return await work(store);
  } finally {
    store.close();
  }
}
