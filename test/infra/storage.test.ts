import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { logicalIdOf, resourceNamed, synthStack } from './synth-stack.js';

describe('the DynamoDB tables', () => {
  it.each([
    ['RulesTable', 'sg-analysis-rules-data'],
    ['UsageTable', 'sg-analysis-rules-usage'],
  ])('%s is %s: pk/sk strings, on demand, PITR, encrypted, retained', (id, name) => {
    const table = resourceNamed(synthStack().template, 'AWS::DynamoDB::Table', id);

    expect(table.Properties).toEqual({
      TableName: name,
      // The key schema of src/store/dynamodb/dynamodb-layout.ts and dynamodb-tables.ts.
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      DeletionProtectionEnabled: true,
    });
    expect(table['DeletionPolicy']).toBe('Retain');
    expect(table['UpdateReplacePolicy']).toBe('Retain');
  });

  it('takes its names from the props', () => {
    const { template } = synthStack({ rulesTableName: 'rules-b', usageTableName: 'usage-b' });

    template.hasResourceProperties('AWS::DynamoDB::Table', { TableName: 'rules-b' });
    template.hasResourceProperties('AWS::DynamoDB::Table', { TableName: 'usage-b' });
  });
});

describe('the buckets', () => {
  it.each([
    ['DataBucket', 90],
    ['ResultsBucket', 30],
  ])('%s is encrypted, private, TLS-only, and expires objects after %i days', (id, days) => {
    const { template } = synthStack();
    const bucket = resourceNamed(template, 'AWS::S3::Bucket', id);

    expect(bucket.Properties).toMatchObject({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LifecycleConfiguration: {
        Rules: [
          {
            Status: 'Enabled',
            ExpirationInDays: days,
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
          },
        ],
      },
    });
    expect(bucket['DeletionPolicy']).toBe('Retain');

    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logicalIdOf(template, 'AWS::S3::Bucket', id) },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 's3:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
          Match.objectLike({
            Effect: 'Deny',
            Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } },
          }),
        ]),
      },
    });
  });

  it('creates no flow log bucket: that one exists already', () => {
    const { template } = synthStack();

    template.resourceCountIs('AWS::S3::Bucket', 2);
  });
});
