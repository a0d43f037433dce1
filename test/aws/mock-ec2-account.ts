import {
  DescribeManagedPrefixListsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeRegionsCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  EC2ServiceException,
  GetManagedPrefixListEntriesCommand,
} from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach } from 'vitest';

import type { RegionFixture } from './ec2-fixtures.js';
import { ACCOUNT_ID, CALLER_ARN } from './ec2-fixtures.js';

/** Items per page: small, so every fixture list spans several pages. */
export const PAGE_SIZE = 2;

/** A region's data, and optionally a call that fails there. */
export interface RegionBehaviour {
  readonly fixture: RegionFixture;
  readonly fail?: { readonly command: string; readonly error: Error };
}

/** One call the mocked EC2 received; `input` is copied, as paginators reuse theirs. */
export interface RecordedCall {
  readonly region: string;
  readonly command: string;
  readonly input: Readonly<Record<string, unknown>>;
}

type Input = Record<string, unknown>;
type Respond = (fixture: RegionFixture, input: Input) => unknown;

/** An error as the SDK throws it for an EC2 error response. */
export function ec2Error(name: string, message: string, attempts = 1): EC2ServiceException {
  return new EC2ServiceException({
    name,
    message,
    $fault: 'client',
    $metadata: { httpStatusCode: name === 'RequestLimitExceeded' ? 503 : 403, attempts },
  });
}

/**
 * Stubs every EC2Client and STSClient (aws-sdk-client-mock replaces `send`
 * on the prototype) with an account that serves `regions` page by page,
 * `PAGE_SIZE` items at a time, whatever MaxResults asks. A region not in
 * `regions` answers AuthFailure, as a disabled opt-in region does. The
 * stubs are restored after each test.
 */
export function mockEc2Account(regions: Readonly<Record<string, RegionBehaviour>>) {
  const ec2 = mockClient(EC2Client);
  const sts = mockClient(STSClient);
  afterEach(() => {
    ec2.restore();
    sts.restore();
  });

  const calls: RecordedCall[] = [];
  sts.on(GetCallerIdentityCommand).resolves({
    Account: ACCOUNT_ID,
    Arn: CALLER_ARN,
    UserId: 'AROA3XFRBF535PLBIFPI4:stale-sg',
  });

  const serve = (command: { name: string }, respond: Respond) => {
    ec2.on(command as typeof DescribeSecurityGroupsCommand).callsFake(async (input, getClient) => {
      const region = await getClient().config.region();
      calls.push({ region, command: command.name.replace(/Command$/, ''), input: { ...input } });
      return respond(fixtureOf(regions, region, command.name), input as Input);
    });
  };

  serve(DescribeSecurityGroupsCommand, (fixture, input) =>
    page('SecurityGroups', fixture.securityGroups, input),
  );
  serve(DescribeSecurityGroupRulesCommand, (fixture, input) =>
    page('SecurityGroupRules', fixture.securityGroupRules, input),
  );
  serve(DescribeNetworkInterfacesCommand, (fixture, input) =>
    page('NetworkInterfaces', fixture.networkInterfaces, input),
  );
  serve(DescribeManagedPrefixListsCommand, (fixture, input) =>
    page('PrefixLists', filterPrefixLists(fixture, input), input),
  );
  serve(GetManagedPrefixListEntriesCommand, (fixture, input) =>
    page('Entries', entriesOf(fixture, input), input),
  );

  ec2.on(DescribeRegionsCommand).callsFake(async (input, getClient) => {
    const region = await getClient().config.region();
    calls.push({ region, command: 'DescribeRegions', input: { ...input } });
    return { Regions: Object.keys(regions).map((RegionName) => regionInfo(RegionName)) };
  });

  return { ec2, sts, calls };
}

function fixtureOf(
  regions: Readonly<Record<string, RegionBehaviour>>,
  region: string,
  commandName: string,
): RegionFixture {
  const behaviour = regions[region];
  if (behaviour === undefined) {
    throw ec2Error('AuthFailure', 'AWS was not able to validate the provided access credentials');
  }
  if (behaviour.fail !== undefined && `${behaviour.fail.command}Command` === commandName) {
    throw behaviour.fail.error;
  }
  return behaviour.fixture;
}

/** One page of `items`; the token is opaque to the caller, as EC2's are. */
function page(key: string, items: readonly unknown[], input: Input): Record<string, unknown> {
  const start = typeof input.NextToken === 'string' ? Number(input.NextToken.slice(5)) : 0;
  const end = start + PAGE_SIZE;
  return {
    [key]: items.slice(start, end),
    ...(end < items.length ? { NextToken: `next-${end}` } : {}),
  };
}

function filterPrefixLists(fixture: RegionFixture, input: Input) {
  const filters = (input.Filters ?? []) as { Name: string; Values: string[] }[];
  const wanted = filters.find((filter) => filter.Name === 'prefix-list-id')?.Values;
  return fixture.prefixLists
    .map(({ prefixList }) => prefixList)
    .filter((list) => wanted === undefined || wanted.includes(list.PrefixListId ?? ''));
}

function entriesOf(fixture: RegionFixture, input: Input) {
  const found = fixture.prefixLists.find(
    ({ prefixList }) => prefixList.PrefixListId === input.PrefixListId,
  );
  if (found === undefined) {
    throw ec2Error(
      'InvalidPrefixListID.NotFound',
      `The prefix list ID '${String(input.PrefixListId)}' does not exist`,
    );
  }
  return found.entries;
}

function regionInfo(RegionName: string) {
  return {
    RegionName,
    Endpoint: `ec2.${RegionName}.amazonaws.com`,
    OptInStatus: 'opt-in-not-required',
  };
}
