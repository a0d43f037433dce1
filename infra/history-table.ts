import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';

/**
 * One of the two tables of the DynamoDB store, with the key schema of
 * `src/store/dynamodb/dynamodb-layout.ts`: string `pk` and `sk`. It holds the
 * usage history, which cannot be rebuilt once the flow logs have expired,
 * so it outlives the stack and can be restored to any point in time.
 */
export function historyTable(scope: Construct, id: string, tableName: string): Table {
  return new Table(scope, id, {
    tableName,
    partitionKey: { name: 'pk', type: AttributeType.STRING },
    sortKey: { name: 'sk', type: AttributeType.STRING },
    billingMode: BillingMode.PAY_PER_REQUEST,
    encryption: TableEncryption.AWS_MANAGED,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
}
