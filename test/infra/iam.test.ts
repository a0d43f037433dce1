import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { StaleSgMemberRoleStack } from '../../infra/member-role-stack.js';
import { allStatements, grantsOf, listOf, type FoundStatement } from './iam-statements.js';
import { resourcesOf, synthStack, testApp } from './synth-stack.js';

/** EC2's read-only calls of inventory collection: no resource-level permissions exist for them. */
const INVENTORY = [
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeSecurityGroupRules',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeManagedPrefixLists',
  'ec2:GetManagedPrefixListEntries',
  'ec2:DescribeRegions',
];

/**
 * What Step Functions needs to deliver its logs to CloudWatch Logs ("vended
 * logs"). AWS requires `"Resource": "*"` for these: they have no
 * resource-level permissions. Only the state machine's role may have them.
 */
const LOG_DELIVERY = [
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:DescribeLogGroups',
];

const TABLES = ['<RulesTable.Arn>', '<UsageTable.Arn>'];
const TABLE_READ = [
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:GetItem',
  'dynamodb:Scan',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
  // Stream reads, part of CDK's table grants; the tables have no stream.
  'dynamodb:GetRecords',
  'dynamodb:GetShardIterator',
];
const TABLE_WRITE = [
  'dynamodb:BatchWriteItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
];
const WORKGROUP = 'arn:aws:athena:eu-west-1:111111111111:workgroup/stale-sg';
const SES_IDENTITIES = [
  'arn:aws:ses:eu-west-1:111111111111:identity/example.com',
  'arn:aws:ses:eu-west-1:111111111111:identity/stale-sg@example.com',
];

const each = <T>(actions: readonly string[], value: T) =>
  Object.fromEntries(actions.map((action) => [action, value]));
const logWrite = (stage: string) =>
  each(['logs:CreateLogStream', 'logs:PutLogEvents'], [`<Stages${stage}Logs.Arn>`]);

/** The templates whose every statement is checked. */
function templates(): [string, Template][] {
  const member = new StaleSgMemberRoleStack(testApp(), 'Member', {});
  return [
    ['main stack', synthStack().template],
    ['environment-agnostic stack', synthStack({ env: undefined, accounts: undefined }).template],
    ['member role stack', Template.fromStack(member)],
  ];
}

describe.each(templates())('every IAM statement of the %s', (_name, template) => {
  const statements = allStatements(template);
  const describeStatement = (found: FoundStatement) =>
    `${found.where}: ${JSON.stringify(found.statement)}`;

  it('is found', () => {
    expect(statements.length).toBeGreaterThan(0);
  });

  it('allows, and names its actions without wildcards', () => {
    for (const found of statements) {
      expect(found.statement.Effect, describeStatement(found)).toBe('Allow');
      for (const action of listOf(found.statement.Action)) {
        expect(action, describeStatement(found)).not.toContain('*');
      }
    }
  });

  it('grants on "*" only the EC2 reads, and the log delivery of the state machine', () => {
    for (const found of statements) {
      if (!listOf(found.statement.Resource).includes('*')) continue;
      const allowed = found.role.startsWith('StateMachineRole') ? LOG_DELIVERY : INVENTORY;
      expect(allowed, describeStatement(found)).toEqual(
        expect.arrayContaining(listOf(found.statement.Action)),
      );
    }
  });

  it('deletes no objects, changes no IAM, and creates or drops no tables', () => {
    for (const found of statements) {
      for (const action of listOf(found.statement.Action)) {
        expect(action, describeStatement(found)).not.toMatch(
          /^s3:Delete|^iam:|^dynamodb:(Create|Delete|Update)Table/,
        );
      }
    }
  });

  it('attaches no managed policies', () => {
    for (const [id, role] of Object.entries(resourcesOf(template, 'AWS::IAM::Role'))) {
      expect(role.Properties['ManagedPolicyArns'], id).toBeUndefined();
    }
    expect(Object.keys(resourcesOf(template, 'AWS::IAM::ManagedPolicy'))).toEqual([]);
  });
});

describe('the grants of each role', () => {
  const { template } = synthStack();

  it('collect: the inventory, assuming the member role, uploading, the tables', () => {
    expect(grantsOf(template, 'StagesCollectRole')).toEqual({
      ...logWrite('Collect'),
      ...each(INVENTORY, ['*']),
      'sts:AssumeRole': ['arn:aws:iam::222222222222:role/stale-sg-inventory-reader'],
      's3:PutObject': ['<DataBucket.Arn>/inventory/*'],
      ...each([...TABLE_READ, ...TABLE_WRITE], TABLES),
    });
  });

  it('merge: the query results in this workgroup, the tables', () => {
    expect(grantsOf(template, 'StagesMergeRole')).toEqual({
      ...logWrite('Merge'),
      ...each(['athena:GetQueryExecution', 'athena:GetQueryResults'], [WORKGROUP]),
      's3:GetObject': ['<ResultsBucket.Arn>/athena-results/*'],
      's3:ListBucket': ['<ResultsBucket.Arn>'],
      ...each([...TABLE_READ, ...TABLE_WRITE], TABLES),
    });
  });

  it("notify: reading the tables, sending as the sender's address or domain", () => {
    expect(grantsOf(template, 'StagesNotifyRole')).toEqual({
      ...logWrite('Notify'),
      ...each(TABLE_READ, TABLES),
      ...each(['ses:SendEmail', 'ses:SendRawEmail'], SES_IDENTITIES),
    });
  });

  it('failure: sending only', () => {
    expect(grantsOf(template, 'StagesFailureRole')).toEqual({
      ...logWrite('Failure'),
      ...each(['ses:SendEmail', 'ses:SendRawEmail'], SES_IDENTITIES),
    });
  });

  it('state machine: the four functions, the query, the table, its inputs and results', () => {
    const glue = [
      'arn:aws:glue:eu-west-1:111111111111:catalog',
      'arn:aws:glue:eu-west-1:111111111111:database/stale_sg',
      'arn:aws:glue:eu-west-1:111111111111:table/stale_sg/flow_logs',
      // The run's inventory, uploaded as data and read through these tables.
      ...['interface_groups', 'interface_addresses', 'rules', 'rule_ranges'].map(
        (table) => `arn:aws:glue:eu-west-1:111111111111:table/stale_sg/stale_sg_${table}`,
      ),
    ].sort();
    const results = '<ResultsBucket.Arn>/athena-results/*';
    const buckets = ['<DataBucket.Arn>', '<ResultsBucket.Arn>', 'arn:aws:s3:::central-flow-logs'];

    expect(grantsOf(template, 'StateMachineRole')).toEqual({
      'lambda:InvokeFunction': [
        '<StagesCollect.Arn>',
        '<StagesFailure.Arn>',
        '<StagesMerge.Arn>',
        '<StagesNotify.Arn>',
      ],
      ...each(
        [
          'athena:StartQueryExecution',
          'athena:GetQueryExecution',
          'athena:StopQueryExecution',
          'athena:GetQueryResults',
        ],
        [WORKGROUP],
      ),
      ...each(
        ['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartitions', 'glue:GetPartition'],
        glue,
      ),
      's3:GetObject': [
        '<DataBucket.Arn>/inventory/*',
        results,
        'arn:aws:s3:::central-flow-logs/vpc/AWSLogs/*',
      ],
      's3:ListBucket': buckets,
      's3:GetBucketLocation': buckets,
      ...each(
        ['s3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
        [results],
      ),
      's3:ListBucketMultipartUploads': ['<ResultsBucket.Arn>'],
      ...each(LOG_DELIVERY, ['*']),
    });
  });

  it('are trusted only by their own service', () => {
    const principals = Object.entries(resourcesOf(template, 'AWS::IAM::Role')).map(([id, role]) => [
      // The scheduler target's role has a generated name: a hash of the target.
      id.startsWith('SchedulerRoleForTarget') ? 'SchedulerRole' : id.replace(/[0-9A-F]{8}$/, ''),
      (
        role.Properties['AssumeRolePolicyDocument'] as { Statement: { Principal: unknown }[] }
      ).Statement.map((statement) => statement.Principal),
    ]);

    expect(Object.fromEntries(principals)).toEqual({
      StagesCollectRole: [{ Service: 'lambda.amazonaws.com' }],
      StagesMergeRole: [{ Service: 'lambda.amazonaws.com' }],
      StagesNotifyRole: [{ Service: 'lambda.amazonaws.com' }],
      StagesFailureRole: [{ Service: 'lambda.amazonaws.com' }],
      StateMachineRole: [{ Service: 'states.amazonaws.com' }],
      SchedulerRole: [{ Service: 'scheduler.amazonaws.com' }],
    });
  });
});

describe('assuming member roles', () => {
  it('is not granted when the deployment account is the only one', () => {
    const { template } = synthStack({ accounts: ['111111111111'] });

    expect(grantsOf(template, 'StagesCollectRole')).not.toHaveProperty(['sts:AssumeRole']);
  });

  it('uses the configured role name', () => {
    const { template } = synthStack({ memberRoleName: 'audit-reader' });

    expect(grantsOf(template, 'StagesCollectRole')['sts:AssumeRole']).toEqual([
      'arn:aws:iam::222222222222:role/audit-reader',
    ]);
  });

  it('covers every configured account when the deployment account is known only at deploy time', () => {
    const { template } = synthStack({ env: undefined });

    expect(grantsOf(template, 'StagesCollectRole')['sts:AssumeRole']).toEqual([
      'arn:aws:iam::111111111111:role/stale-sg-inventory-reader',
      'arn:aws:iam::222222222222:role/stale-sg-inventory-reader',
    ]);
  });
});
