import { ExpiredTokenException } from '@aws-sdk/client-sts';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';

import { AwsError } from '../../src/aws/aws-error.js';
import { collectInventory } from '../../src/aws/collect-inventory.js';
import { StaleSgError } from '../../src/errors.js';
import { useAwsTestEnvironment } from './aws-test-environment.js';
import { ACCOUNT_ID, CALLER_ARN, US, euWest1, usEast1 } from './ec2-fixtures.js';
import type { RecordedCall } from './mock-ec2-account.js';
import { ec2Error, mockEc2Account } from './mock-ec2-account.js';

useAwsTestEnvironment();

/** The NextToken of each call of one command in one region, in order. */
function tokens(calls: readonly RecordedCall[], region: string, command: string): unknown[] {
  return calls
    .filter((call) => call.region === region && call.command === command)
    .map((call) => call.input.NextToken);
}

const DENIED_RULES =
  'You are not authorized to perform this operation. User: arn:aws:sts::111122223333:' +
  'assumed-role/inventory-reader/stale-sg is not authorized to perform: ' +
  'ec2:DescribeSecurityGroupRules because no identity-based policy allows the ' +
  'ec2:DescribeSecurityGroupRules action. Encoded authorization failure message: ' +
  'p0qT4Vb-x2ZDhIqVb5Q2_Jm0aX4vX1x9lF2Z8oUe7cNqz3lTn1yK6bS0eW';

describe('collectInventory', () => {
  it('reads every page of every call in each region, for the account STS names', async () => {
    const { calls } = mockEc2Account({
      'us-east-1': { fixture: usEast1() },
      'eu-west-1': { fixture: euWest1() },
    });

    const collected = await collectInventory({ regions: ['us-east-1', 'eu-west-1'] });

    const us = usEast1();
    expect(collected.errors).toEqual([]);
    expect(collected.accounts.map((account) => account.accountId)).toEqual([ACCOUNT_ID]);
    expect(collected.accounts[0]?.regions).toEqual([
      {
        region: 'us-east-1',
        securityGroups: us.securityGroups,
        securityGroupRules: us.securityGroupRules,
        networkInterfaces: us.networkInterfaces,
        prefixLists: us.prefixLists.filter(
          ({ prefixList }) => prefixList.PrefixListId !== US.dynamodb,
        ),
      },
      { region: 'eu-west-1', ...euWest1() },
    ]);

    expect(tokens(calls, 'us-east-1', 'DescribeSecurityGroups')).toEqual([
      undefined,
      'next-2',
      'next-4',
    ]);
    expect(tokens(calls, 'us-east-1', 'DescribeSecurityGroupRules')).toEqual([
      undefined,
      'next-2',
      'next-4',
      'next-6',
      'next-8',
      'next-10',
    ]);
    expect(tokens(calls, 'us-east-1', 'DescribeNetworkInterfaces')).toEqual([undefined, 'next-2']);
    expect(tokens(calls, 'eu-west-1', 'DescribeSecurityGroupRules')).toEqual([undefined, 'next-2']);
    const first = calls.find((call) => call.command === 'DescribeSecurityGroups');
    expect(first?.input.MaxResults).toBe(1000);
  });

  it('reads the entries of the prefix lists that rules reference, and only of those', async () => {
    const { calls } = mockEc2Account({ 'us-east-1': { fixture: usEast1() } });

    await collectInventory({ regions: ['us-east-1'] });

    const described = calls.filter((call) => call.command === 'DescribeManagedPrefixLists');
    const filter = [{ Name: 'prefix-list-id', Values: [US.partners, US.corpVpn, US.s3] }];
    expect(described.map((call) => [call.input.Filters, call.input.NextToken])).toEqual([
      [filter, undefined],
      [filter, 'next-2'],
    ]);
    const entryCalls = calls.filter((call) => call.command === 'GetManagedPrefixListEntries');
    expect(entryCalls.map((call) => [call.input.PrefixListId, call.input.NextToken])).toEqual([
      [US.corpVpn, undefined],
      [US.corpVpn, 'next-2'],
      [US.s3, undefined],
      [US.s3, 'next-2'],
      [US.partners, undefined],
    ]);
  });

  it("collects every enabled region for 'all', found with DescribeRegions", async () => {
    const { calls } = mockEc2Account({
      'us-east-1': { fixture: usEast1() },
      'eu-west-1': { fixture: euWest1() },
    });

    const collected = await collectInventory({ regions: 'all' });

    const describeRegions = calls.filter((call) => call.command === 'DescribeRegions');
    expect(describeRegions).toEqual([
      { region: 'us-east-1', command: 'DescribeRegions', input: { AllRegions: false } },
    ]);
    expect(collected.accounts[0]?.regions.map((region) => region.region)).toEqual([
      'eu-west-1',
      'us-east-1',
    ]);
  });

  it('reports a region where access is denied, and collects the others', async () => {
    mockEc2Account({
      'us-east-1': { fixture: usEast1() },
      'eu-west-1': {
        fixture: euWest1(),
        fail: {
          command: 'DescribeSecurityGroupRules',
          error: ec2Error('UnauthorizedOperation', DENIED_RULES),
        },
      },
    });
    const progress: string[] = [];

    const collected = await collectInventory({
      regions: ['us-east-1', 'eu-west-1'],
      onProgress: (message) => progress.push(message),
    });

    const message =
      'eu-west-1: access denied to ec2:DescribeSecurityGroupRules; ' +
      'grant it to the role inventory-reader';
    expect(collected.errors).toEqual([
      { accountId: ACCOUNT_ID, region: 'eu-west-1', code: 'AWS_ACCESS_DENIED', message },
    ]);
    expect(collected.accounts[0]?.regions.map((region) => region.region)).toEqual(['us-east-1']);
    // Regions run concurrently, so their lines come in either order.
    expect(progress[0]).toBe(`account ${ACCOUNT_ID} as ${CALLER_ARN}: 2 regions`);
    expect(progress.slice(1).sort()).toEqual([
      `skipped ${message}`,
      'us-east-1: 5 security groups, 12 rules, 3 network interfaces, 3 prefix lists',
    ]);
  });

  it('reports a region that is not enabled, and one still throttled after every retry', async () => {
    mockEc2Account({
      'us-east-1': {
        fixture: usEast1(),
        fail: {
          command: 'DescribeNetworkInterfaces',
          error: ec2Error('RequestLimitExceeded', 'Request limit exceeded.', 8),
        },
      },
    });

    const collected = await collectInventory({ regions: ['us-east-1', 'me-south-1'] });

    expect(collected.errors.map(({ region, code }) => [region, code])).toEqual([
      ['us-east-1', 'AWS_THROTTLED'],
      ['me-south-1', 'AWS_REGION_UNAVAILABLE'],
    ]);
    expect(collected.errors[0]?.message).toBe(
      'us-east-1: ec2:DescribeNetworkInterfaces was still throttled after 8 attempts ' +
        '(RequestLimitExceeded); try again later, or collect fewer regions or accounts at a time',
    );
    expect(collected.errors[1]?.message).toMatch(
      /^me-south-1: .*not enabled: enable it, or leave it out/,
    );
    expect(collected.accounts[0]?.regions).toEqual([]);
  });

  it('stops with one line when the credentials have expired', async () => {
    const { sts, calls } = mockEc2Account({ 'us-east-1': { fixture: usEast1() } });
    sts.on(GetCallerIdentityCommand).rejects(
      new ExpiredTokenException({
        message: 'The security token included in the request is expired',
        $metadata: { httpStatusCode: 400 },
      }),
    );

    const collecting = collectInventory({ regions: ['us-east-1'] });

    await expect(collecting).rejects.toThrow(AwsError);
    await expect(collecting).rejects.toMatchObject({
      code: 'AWS_CREDENTIALS',
      message: expect.stringContaining('run aws sso login'),
    });
    expect(calls).toEqual([]);
  });

  it.each([
    [{ regions: [] }, 'no regions given; name at least one, or all'],
    [{ regions: ['us-east1'] }, 'expected a region name such as us-east-1, found "us-east1"'],
    [{ regions: ['us-east-1'], externalId: 'x-1' }, 'an external id needs a role ARN to assume'],
  ])('rejects invalid options %j', async (options, message) => {
    const collecting = collectInventory(options);

    await expect(collecting).rejects.toThrow(StaleSgError);
    await expect(collecting).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message });
  });
});
