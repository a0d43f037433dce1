/**
 * collectInventory through the SDK's whole stack, against a stand-in for EC2
 * and STS on loopback that the clients find through AWS_ENDPOINT_URL_EC2 and
 * AWS_ENDPOINT_URL_STS: credentials are resolved and requests signed, the
 * role is assumed, throttled calls are retried by the SDK's adaptive retry
 * strategy, and the XML is parsed into the shapes written to disk.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it, vi } from 'vitest';

import { collectInventory } from '../../src/aws/collect-inventory.js';
import { writeInventoryDir } from '../../src/aws/write-inventory-dir.js';
import { loadInventoryDir } from '../../src/inventory/load-inventory.js';
import {
  FAKE_ACCESS_KEY_ID,
  FAKE_SECRET_ACCESS_KEY,
  useAwsTestEnvironment,
} from './aws-test-environment.js';
import {
  ACCOUNT,
  APP_GROUP,
  ASSUMED_KEY_ID,
  ASSUMED_SECRET,
  DEFAULT_GROUP,
  EXTERNAL_ID,
  ROLE_ARN,
  VPC,
  VPN_LIST,
  fakeAccount,
} from './fake-account.js';
import type { FakeAwsServer } from './fake-aws-server.js';
import { startFakeAwsServer } from './fake-aws-server.js';

const PROFILE_KEY_ID = 'AKIAPROFILEEXAMPLE01';
const PROFILE_SECRET = 'pR0f1leSecretKeyExampleExampleExample0001';

useAwsTestEnvironment(null);

let running: FakeAwsServer | undefined;

afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** Starts the fake endpoints, and points the SDK at them through the given variables. */
async function serve(throttle: boolean, variables: readonly string[]): Promise<FakeAwsServer> {
  running = await startFakeAwsServer(fakeAccount({ throttle }));
  for (const name of variables) vi.stubEnv(name, running.url);
  return running;
}

/**
 * Runs the clock and timers a hundred times faster. After a throttling error
 * the SDK's adaptive strategy waits up to a second before it retries, and
 * its rate limiter about two more before it sends again; no client option
 * shortens either. Real I/O and the rest of Node are unaffected.
 */
function useFastClock(): () => void {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  const pump = setInterval(() => vi.advanceTimersByTime(100), 1);
  return () => {
    clearInterval(pump);
    vi.useRealTimers();
  };
}

describe('collectInventory over HTTP', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('assumes the role once, retries a throttled call, and writes what the loader reads', async () => {
    const server = await serve(true, ['AWS_ENDPOINT_URL_EC2', 'AWS_ENDPOINT_URL_STS']);
    const progress: string[] = [];
    const stopFastClock = useFastClock();

    const collected = await collectInventory({
      regions: ['us-east-1', 'eu-west-1'],
      roleArn: ROLE_ARN,
      externalId: EXTERNAL_ID,
      maxAttempts: 3,
      onProgress: (message) => progress.push(message),
    }).finally(stopFastClock);

    const assumeRole = server.requests.filter((request) => request.action === 'AssumeRole');
    expect(assumeRole).toHaveLength(1);
    expect(assumeRole[0]?.accessKeyId).toBe(FAKE_ACCESS_KEY_ID);
    expect(Object.fromEntries(assumeRole[0]?.params ?? [])).toMatchObject({
      RoleArn: ROLE_ARN,
      ExternalId: EXTERNAL_ID,
      RoleSessionName: 'stale-sg',
    });
    const ec2 = server.requests.filter((request) => request.service === 'ec2');
    expect(new Set(ec2.map((request) => request.accessKeyId))).toEqual(new Set([ASSUMED_KEY_ID]));
    const ruleCalls = ec2.filter((request) => request.action === 'DescribeSecurityGroupRules');
    expect(ruleCalls.map((request) => request.params.get('NextToken'))).toEqual([
      null,
      null,
      'rules-page-2',
    ]);

    expect(collected.accounts.map((account) => account.accountId)).toEqual([ACCOUNT]);
    expect(collected.errors).toMatchObject([{ region: 'eu-west-1', code: 'AWS_ACCESS_DENIED' }]);

    const dir = await mkdtemp(join(tmpdir(), 'stale-sg-over-http-'));
    dirs.push(dir);
    await writeInventoryDir(collected, dir);
    const { inventory, warnings } = await loadInventoryDir(dir);
    expect(warnings).toEqual([]);
    expect(inventory.groups.map((group) => [group.groupId, group.groupName, group.tags])).toEqual([
      [DEFAULT_GROUP, 'default', {}],
      [APP_GROUP, 'app', { team: 'platform' }],
    ]);
    expect(inventory.rules.map((rule) => rule.ruleId)).toEqual([
      'sgr-0c30000000000b001',
      'sgr-0c30000000000b002',
      'sgr-0c30000000000b003',
    ]);
    expect(inventory.interfaces).toEqual([
      {
        interfaceId: 'eni-0c30000000000e001',
        vpcId: VPC,
        groupIds: [APP_GROUP, DEFAULT_GROUP],
        addresses: ['10.7.2.20', '10.7.2.21', '2600:1f18:77::20'],
        description: null,
      },
    ]);
    expect(inventory.prefixLists).toEqual([
      { prefixListId: VPN_LIST, cidrs: ['198.51.100.0/24', '2001:db8:7::/48'] },
    ]);

    const lines = [...progress, ...collected.errors.map((error) => error.message)].join('\n');
    for (const secret of [
      FAKE_SECRET_ACCESS_KEY,
      ASSUMED_SECRET,
      FAKE_ACCESS_KEY_ID,
      ASSUMED_KEY_ID,
    ]) {
      expect(lines).not.toContain(secret);
    }
  });

  it('signs with the keys of the profile given, and calls STS in its region', async () => {
    const server = await serve(false, ['AWS_ENDPOINT_URL']);
    const dir = await mkdtemp(join(tmpdir(), 'stale-sg-aws-config-'));
    dirs.push(dir);
    await writeFile(join(dir, 'config'), '[profile audit]\nregion = eu-west-1\n');
    await writeFile(
      join(dir, 'credentials'),
      `[audit]\naws_access_key_id = ${PROFILE_KEY_ID}\naws_secret_access_key = ${PROFILE_SECRET}\n`,
    );
    vi.stubEnv('AWS_CONFIG_FILE', join(dir, 'config'));
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(dir, 'credentials'));

    const collected = await collectInventory({ regions: ['us-east-1'], profile: 'audit' });

    const signers = server.requests.map(
      ({ service, region, accessKeyId }) => `${service} ${region} ${accessKeyId}`,
    );
    expect(new Set(signers)).toEqual(
      new Set([`sts eu-west-1 ${PROFILE_KEY_ID}`, `ec2 us-east-1 ${PROFILE_KEY_ID}`]),
    );
    expect(collected.errors).toEqual([]);
  });

  it("honours AWS_ENDPOINT_URL for every service, and lists 'all' regions there", async () => {
    const server = await serve(false, ['AWS_ENDPOINT_URL']);

    const collected = await collectInventory({ regions: 'all' });

    const calls = server.requests.map(
      ({ service, region, action }) => `${service} ${region} ${action}`,
    );
    expect(calls.slice(0, 2)).toEqual([
      'sts us-east-1 GetCallerIdentity',
      'ec2 us-east-1 DescribeRegions',
    ]);
    const describeRegions = server.requests.find(({ action }) => action === 'DescribeRegions');
    expect(describeRegions?.params.get('AllRegions')).toBe('false');
    expect(collected.accounts[0]?.regions.map((region) => region.region)).toEqual(['us-east-1']);
    expect(collected.errors.map((error) => error.region)).toEqual(['eu-west-1']);
  });
});
