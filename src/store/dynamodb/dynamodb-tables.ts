import {
  CreateTableCommand,
  DescribeTableCommand,
  waitUntilTableExists,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { StaleSgError } from '../../errors.js';
import { dynamoDbFailure } from './dynamodb-failure.js';

/** How long to wait for a new table to become ACTIVE; AWS takes seconds. */
const CREATE_WAIT_SECONDS = 300;

/**
 * Checks that `table` exists, or creates it when `create` is set: `pk` and
 * `sk` string keys, on-demand (PAY_PER_REQUEST) billing, and waits until
 * it is ACTIVE. Without `create`, a missing table is an error that says
 * how to get it, rather than a table made behind the user's back.
 */
export async function ensureTable(
  client: DynamoDBClient,
  table: string,
  create: boolean,
): Promise<void> {
  if (await tableExists(client, table)) return;
  if (!create) {
    throw new StaleSgError(
      'STORE_FAILURE',
      `the DynamoDB table ${table} does not exist; pass --create-tables to create it`,
    );
  }

  try {
    await client.send(
      new CreateTableCommand({
        TableName: table,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      }),
    );
  } catch (error) {
    // Another process created it meanwhile: fine, wait for it like ours.
    if (!(error instanceof Error && error.name === 'ResourceInUseException')) {
      throw dynamoDbFailure(error, 'CreateTable', table);
    }
  }
  await waitUntilTableExists(
    { client, minDelay: 1, maxDelay: 5, maxWaitTime: CREATE_WAIT_SECONDS },
    { TableName: table },
  );
}

async function tableExists(client: DynamoDBClient, table: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: table }));
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'ResourceNotFoundException') return false;
    throw dynamoDbFailure(error, 'DescribeTable', table);
  }
}
