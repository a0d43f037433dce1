import { constants } from 'node:fs';
import { access, mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { StaleSgError } from '../errors.js';
import { explainFileSystem } from './store-failure.js';

/** An open store file: one DuckDB instance and its one connection. */
export interface StoreDatabase {
  /** The path as the caller gave it, for messages. */
  readonly path: string;
  readonly connection: DuckDBConnection;
  /** Closes the connection and the instance; later calls do nothing. */
  close(): void;
}

/**
 * Files open in this process. DuckDB's file lock keeps other processes out,
 * but POSIX locks belong to a process, so a second instance on the same file
 * in this process would be let in, and two instances writing one file
 * corrupt it.
 */
const openPaths = new Set<string>();

/**
 * Opens (creating it and its directories if needed) the DuckDB file at
 * `path`, with errors a user can act on: the directory cannot be made, the
 * file is locked by another process, or DuckDB cannot open it.
 */
export async function openStoreDatabase(path: string): Promise<StoreDatabase> {
  const absolutePath = resolve(path);
  if (openPaths.has(absolutePath)) {
    throw new StaleSgError('STORE_IN_USE', `the store ${path} is already open in this process`);
  }

  openPaths.add(absolutePath);
  try {
    await createParentDirectory(path);
    return await connect(path, absolutePath);
  } catch (error) {
    openPaths.delete(absolutePath);
    throw error;
  }
}

async function createParentDirectory(path: string): Promise<void> {
  const directory = dirname(resolve(path));
  try {
    await mkdir(directory, { recursive: true });
  } catch (error) {
    const reason = (await whyNotWritable(directory)) ?? messageOf(error);
    throw new StaleSgError(
      'STORE_FAILURE',
      `cannot create the directory ${directory} for the store ${path}: ${explainFileSystem(reason)}`,
      { cause: error },
    );
  }
}

/**
 * Node's recursive mkdir answers ENOENT when a parent cannot be written to
 * (on a read-only file system, say); the nearest existing ancestor tells
 * the real reason. Undefined when that ancestor is writable.
 */
async function whyNotWritable(directory: string): Promise<string | undefined> {
  let ancestor = dirname(directory);
  while (dirname(ancestor) !== ancestor && !(await exists(ancestor))) ancestor = dirname(ancestor);
  try {
    await access(ancestor, constants.W_OK);
    return undefined;
  } catch (error) {
    return messageOf(error);
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function connect(path: string, absolutePath: string): Promise<StoreDatabase> {
  const instance = await createInstance(path);
  let connection: DuckDBConnection;
  try {
    connection = await instance.connect();
  } catch (error) {
    instance.closeSync();
    throw openFailure(path, error);
  }

  let open = true;
  const close = () => {
    if (!open) return;
    open = false;
    connection.closeSync();
    instance.closeSync();
    openPaths.delete(absolutePath);
  };
  return { path, connection, close };
}

async function createInstance(path: string): Promise<DuckDBInstance> {
  try {
    return await DuckDBInstance.create(path);
  } catch (error) {
    throw openFailure(path, error);
  }
}

/**
 * DuckDB reports a file locked by another process as "Could not set lock on
 * file ...: Conflicting lock is held in <program> (PID n)".
 */
function openFailure(path: string, error: unknown): StaleSgError {
  const message = messageOf(error);
  if (/could not set lock/i.test(message)) {
    const pid = /\(PID (\d+)\)/.exec(message)?.[1];
    const holder = pid === undefined ? '' : ` (PID ${pid})`;
    return new StaleSgError(
      'STORE_IN_USE',
      `the store ${path} is in use by another stale-sg process${holder}`,
      { cause: error },
    );
  }
  return new StaleSgError(
    'STORE_FAILURE',
    `cannot open the store ${path}: ${explainFileSystem(message)}`,
    { cause: error },
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
