import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { DynamoDbStore } from '../../../src/store/dynamodb/dynamodb-store.js';

export interface Dynalite {
  /** A client for the server; destroyed after the file's tests. */
  client(): DynamoDBClient;
  /** The server's address, for code that makes its own client (AWS_ENDPOINT_URL_DYNAMODB). */
  endpoint(): string;
  /** Table names no other test uses. */
  tables(): { rulesTable: string; usageTable: string };
  /** Opens a store on fresh tables (or the given ones), creating them; closed after the test. */
  open(
    tables?: { rulesTable: string; usageTable: string },
    client?: DynamoDBClient,
  ): Promise<DynamoDbStore>;
}

let tableCount = 0;

/**
 * A real dynalite server on loopback for one test file, with in-memory
 * tables that become ACTIVE at once. Every client and store it hands out
 * is closed, and the server stopped, after the tests.
 */
export function useDynalite(): Dynalite {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const clients: DynamoDBClient[] = [];
  const stores: DynamoDbStore[] = [];
  let endpoint = '';

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => {
    for (const store of stores.splice(0)) store.close();
  });
  afterAll(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await new Promise<void>((resolve, reject) =>
      server.close((error) => (error ? reject(error) : resolve())),
    );
  });

  const client = () => {
    const made = new DynamoDBClient({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    clients.push(made);
    return made;
  };
  const tables = () => {
    tableCount += 1;
    return { rulesTable: `rules-${tableCount}`, usageTable: `usage-${tableCount}` };
  };

  return {
    client,
    tables,
    endpoint: () => endpoint,
    async open(names = tables(), existing = client()) {
      const store = await DynamoDbStore.open({ ...names, createTables: true, client: existing });
      stores.push(store);
      return store;
    },
  };
}

/** Stands for a process killed mid-commit: the call after `calls` writes throws. */
export interface Crash {
  /** Writes sent through the client so far. */
  readonly writes: number;
  arm(calls: number): void;
  disarm(): void;
}

const WRITES = new Set(['UpdateItemCommand', 'PutItemCommand', 'BatchWriteItemCommand']);

/** Adds to `client` a middleware that fails writes once armed and its count is used up. */
export function crashingAfter(client: DynamoDBClient): Crash {
  let remaining = Number.POSITIVE_INFINITY;
  let writes = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (WRITES.has(context.commandName ?? '')) {
        if (remaining <= 0) throw new Error('simulated crash');
        remaining -= 1;
        writes += 1;
      }
      return next(args);
    },
    { step: 'initialize', name: 'simulatedCrash' },
  );
  return {
    get writes() {
      return writes;
    },
    arm: (calls) => {
      remaining = calls;
    },
    disarm: () => {
      remaining = Number.POSITIVE_INFINITY;
    },
  };
}
