import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_ACCESS_KEY_ID, FAKE_SECRET_ACCESS_KEY } from '../aws/aws-test-environment.js';
import { APP_GROUP, fakeAccount } from '../aws/fake-account.js';
import { startFakeAwsServer, type FakeAwsServer } from '../aws/fake-aws-server.js';
import { runCli } from './cli-process.js';

let dir: string;
let server: FakeAwsServer;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stale-sg-collect-cli-'));
  server = await startFakeAwsServer(fakeAccount({ throttle: false }));
  const nowhere = join(dir, 'no-aws-config');
  env = {
    AWS_ENDPOINT_URL: server.url,
    AWS_ACCESS_KEY_ID: FAKE_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: FAKE_SECRET_ACCESS_KEY,
    AWS_REGION: 'us-east-1',
    AWS_CONFIG_FILE: nowhere,
    AWS_SHARED_CREDENTIALS_FILE: nowhere,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('stale-sg inventory collect', () => {
  it('writes an inventory that analyze reads', async () => {
    const out = join(dir, 'inventory');
    const collect = await runCli(['inventory', 'collect', '--out', out, '--regions', 'us-east-1'], {
      env,
    });
    expect(collect.code).toBe(0);
    expect((await readdir(out)).some((name) => name.startsWith('security-groups-'))).toBe(true);

    const logs = join(dir, 'logs');
    await mkdir(logs, { recursive: true });
    const analyze = await runCli([
      'analyze',
      '--inventory',
      out,
      '--flow-logs',
      logs,
      '--format',
      'json',
    ]);
    expect(analyze.code).toBe(0);
    const report = JSON.parse(analyze.stdout) as {
      groups: { groupId: string; accountId: string | null; region: string | null }[];
    };
    expect(report.groups.find((group) => group.groupId === APP_GROUP)).toMatchObject({
      accountId: expect.stringMatching(/^\d{12}$/),
      region: 'us-east-1',
    });
  });

  it('reports a denied region on stderr, without credentials, and collects the others', async () => {
    const out = join(dir, 'partial');
    const run = await runCli(
      ['inventory', 'collect', '--out', out, '--regions', 'us-east-1', 'eu-west-1'],
      { env },
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/eu-west-1/);
    expect(run.stderr).not.toContain(FAKE_SECRET_ACCESS_KEY);
  });

  it('exits 2 without --out', async () => {
    const run = await runCli(['inventory', 'collect'], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--out/);
  });
});
