import {
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { StaleSgError } from '../../errors.js';
import { dynamoDbFailure, isConditionFailure } from './dynamodb-failure.js';
import type { Item, ItemKey } from './dynamodb-layout.js';

/** BatchWriteItem takes at most 25 requests. */
const BATCH_WRITE_LIMIT = 25;
const UNPROCESSED_ATTEMPTS = 8;

type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: ItemKey } };

/** An UpdateItem without the table and key, which `update` fills in. */
export type Update = Omit<UpdateCommandInput, 'TableName' | 'Key'>;

/**
 * The few DynamoDB calls the store makes, on one table, each turning AWS
 * errors into one clear line. Reads that decide what to write are
 * strongly consistent.
 */
export class TableIo {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    readonly table: string,
  ) {}

  async get(key: ItemKey): Promise<Item | undefined> {
    return this.call('GetItem', async () => {
      const result = await this.client.send(
        new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }),
      );
      return result.Item;
    });
  }

  async put(item: Item): Promise<void> {
    await this.call('PutItem', () =>
      this.client.send(new PutCommand({ TableName: this.table, Item: item })),
    );
  }

  /** Updates the item at `key`; returns false when its condition failed. */
  async update(key: ItemKey, update: Update): Promise<boolean> {
    return this.call('UpdateItem', async () => {
      try {
        await this.client.send(new UpdateCommand({ TableName: this.table, Key: key, ...update }));
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    });
  }

  async delete(key: ItemKey): Promise<void> {
    await this.call('DeleteItem', () =>
      this.client.send(new DeleteCommand({ TableName: this.table, Key: key })),
    );
  }

  /** The items of a partition in sort key order (or reversed), all or the first `limit`. */
  async query(pk: string, forward = true, limit?: number): Promise<Item[]> {
    return this.call('Query', async () => {
      const items: Item[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await this.client.send(
          new QueryCommand({
            TableName: this.table,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': pk },
            ScanIndexForward: forward,
            ConsistentRead: true,
            ExclusiveStartKey: start,
            Limit: limit,
          }),
        );
        items.push(...(page.Items ?? []));
        start = limit === undefined ? page.LastEvaluatedKey : undefined;
      } while (start !== undefined);
      return items;
    });
  }

  /** Every item of the given kinds: one paginated Scan of the whole table. */
  async scanKinds(kinds: readonly string[]): Promise<Item[]> {
    const values = Object.fromEntries(kinds.map((kind, index) => [`:k${index}`, kind]));
    return this.call('Scan', async () => {
      const items: Item[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await this.client.send(
          new ScanCommand({
            TableName: this.table,
            FilterExpression: `#kind IN (${Object.keys(values).join(', ')})`,
            ExpressionAttributeNames: { '#kind': 'kind' },
            ExpressionAttributeValues: values,
            ConsistentRead: true,
            ExclusiveStartKey: start,
          }),
        );
        items.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start !== undefined);
      return items;
    });
  }

  async putAll(items: readonly Item[]): Promise<void> {
    await this.writeAll(items.map((item) => ({ PutRequest: { Item: item } })));
  }

  async deleteAll(keys: readonly ItemKey[]): Promise<void> {
    await this.writeAll(
      keys.map((key) => ({ DeleteRequest: { Key: { pk: key.pk, sk: key.sk } } })),
    );
  }

  /**
   * BatchWriteItem in chunks of 25. DynamoDB may leave some requests
   * unprocessed under load without failing the call; those are sent again
   * with exponential backoff.
   */
  private async writeAll(requests: readonly WriteRequest[]): Promise<void> {
    for (let start = 0; start < requests.length; start += BATCH_WRITE_LIMIT) {
      let pending = requests.slice(start, start + BATCH_WRITE_LIMIT);
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt === UNPROCESSED_ATTEMPTS) throw this.unprocessed();
        if (attempt > 0) await sleep(25 * 2 ** attempt);
        pending = await this.writeOnce(pending);
      }
    }
  }

  private async writeOnce(requests: readonly WriteRequest[]): Promise<WriteRequest[]> {
    return this.call('BatchWriteItem', async () => {
      const result = await this.client.send(
        new BatchWriteCommand({ RequestItems: { [this.table]: [...requests] } }),
      );
      return (result.UnprocessedItems?.[this.table] ?? []) as WriteRequest[];
    });
  }

  private unprocessed(): StaleSgError {
    return new StaleSgError(
      'STORE_FAILURE',
      `DynamoDB left writes to ${this.table} unprocessed after ${UNPROCESSED_ATTEMPTS} ` +
        `attempts; run again later, nothing recorded is lost`,
    );
  }

  private async call<T>(action: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw dynamoDbFailure(error, action, this.table);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
