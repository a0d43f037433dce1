import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The IAM actions each SDK call needs; null for calls that need no grant. */
const ACTIONS: Record<string, readonly string[] | null> = {
  DescribeSecurityGroups: ['ec2:DescribeSecurityGroups'],
  DescribeSecurityGroupRules: ['ec2:DescribeSecurityGroupRules'],
  DescribeNetworkInterfaces: ['ec2:DescribeNetworkInterfaces'],
  DescribeManagedPrefixLists: ['ec2:DescribeManagedPrefixLists'],
  GetManagedPrefixListEntries: ['ec2:GetManagedPrefixListEntries'],
  DescribeRegions: ['ec2:DescribeRegions'],
  GetCallerIdentity: null,
  ListObjectsV2: ['s3:ListBucket'],
  GetObject: ['s3:GetObject'],
  SendEmail: ['ses:SendEmail', 'ses:SendRawEmail'],
  DescribeTable: ['dynamodb:DescribeTable'],
  CreateTable: ['dynamodb:CreateTable'],
  Get: ['dynamodb:GetItem'],
  Put: ['dynamodb:PutItem'],
  Update: ['dynamodb:UpdateItem'],
  Delete: ['dynamodb:DeleteItem'],
  BatchWrite: ['dynamodb:BatchWriteItem'],
  Query: ['dynamodb:Query'],
  Scan: ['dynamodb:Scan'],
  PutObject: ['s3:PutObject'],
  StartQueryExecution: ['athena:StartQueryExecution'],
  GetQueryExecution: ['athena:GetQueryExecution'],
  StopQueryExecution: ['athena:StopQueryExecution'],
  GetQueryResults: ['athena:GetQueryResults'],
};

/** The AWS calls in the code that talks to AWS: `new XCommand` and `paginateX`. */
async function callsInSource(): Promise<Set<string>> {
  const calls = new Set<string>();
  for (const folder of [
    'src/aws',
    'src/s3',
    'src/notify',
    'src/store/dynamodb',
    'src/athena',
    'src/deploy',
  ]) {
    for (const name of await readdir(join(ROOT, folder))) {
      const text = await readFile(join(ROOT, folder, name), 'utf8');
      for (const match of text.matchAll(
        /\b(?:paginate([A-Z][A-Za-z0-9]+)|([A-Z][A-Za-z0-9]+)Command)\b/g,
      )) {
        calls.add(match[1] ?? match[2] ?? '');
      }
    }
  }
  return calls;
}

async function policies(): Promise<{ Statement: { Action: string[] }[] }[]> {
  const doc = await readFile(join(ROOT, 'docs/aws.md'), 'utf8');
  return [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((block) => JSON.parse(block[1] ?? ''));
}

describe('docs/aws.md', () => {
  it('grants every AWS call the code makes', async () => {
    const granted = new Set(
      (await policies()).flatMap((p) => p.Statement.flatMap((s) => s.Action)),
    );
    const calls = [...(await callsInSource())].filter((call) => call !== 'AssumeRole');

    expect(calls.length).toBeGreaterThan(5);
    for (const call of calls) {
      expect(ACTIONS, `no IAM action known for ${call}`).toHaveProperty(call);
      for (const action of ACTIONS[call] ?? [])
        expect(granted, `${call} needs ${action}`).toContain(action);
    }
  });

  it('uses no wildcard actions', async () => {
    for (const policy of await policies()) {
      for (const statement of policy.Statement) {
        for (const action of statement.Action) expect(action).not.toContain('*');
      }
    }
  });
});
