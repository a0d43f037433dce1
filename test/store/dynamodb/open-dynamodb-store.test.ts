import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoDbStore } from '../../../src/store/dynamodb/dynamodb-store.js';
import { useDynalite } from './dynalite-server.js';

describe('DynamoDbStore.open', () => {
  const server = useDynalite();

  it('fails with one clear line naming the table when it is missing', async () => {
    const { rulesTable, usageTable } = server.tables();
    const opening = DynamoDbStore.open({ rulesTable, usageTable, client: server.client() });

    await expect(opening).rejects.toMatchObject({
      code: 'STORE_FAILURE',
      message: expect.stringMatching(
        new RegExp(`the DynamoDB table ${rulesTable} does not exist; pass --create-tables`),
      ),
    });
  });

  it('creates missing tables with on-demand billing, then opens them as they are', async () => {
    const tables = server.tables();
    const client = server.client();
    const store = await server.open(tables, client);
    expect(store.path).toBe(`dynamodb:${tables.rulesTable},${tables.usageTable}`);

    const described = await client.send(new DescribeTableCommand({ TableName: tables.usageTable }));
    expect(described.Table?.TableStatus).toBe('ACTIVE');
    expect(described.Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(described.Table?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);

    const again = await DynamoDbStore.open({ ...tables, client });
    expect(await again.listRuns()).toEqual([]);
    again.close();
  });

  it('refuses calls once closed', async () => {
    const store = await server.open();
    store.close();
    await expect(store.listRuns()).rejects.toMatchObject({ code: 'STORE_FAILURE' });
  });
});
