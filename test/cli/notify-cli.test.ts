import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../src/demo/generate-demo.js';
import { startSmtpSink, type SmtpSink } from '../notify/smtp-sink.js';
import { runCli } from './cli-process.js';

let dir: string;
let sink: SmtpSink;
let demo: { inventoryDir: string; flowLogsDir: string };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stale-sg-notify-cli-'));
  demo = await generateDemo({ outDir: join(dir, 'demo'), days: 3 });
  sink = await startSmtpSink({ login: { user: 'stale-sg', password: 'relay-secret' } });
});

afterAll(async () => {
  await sink.close();
  await rm(dir, { recursive: true, force: true });
});

describe('email from the command line', () => {
  const email = () => [
    '--email-from',
    'stale-sg@example.com',
    '--email-to',
    'secops@example.com',
    '--smtp-host',
    '127.0.0.1',
    '--smtp-port',
    String(sink.port),
    '--smtp-user',
    'stale-sg',
  ];
  const env = { STALE_SG_SMTP_PASSWORD: 'relay-secret' };

  it('run --notify always mails the findings, and notify mails them again from the store', async () => {
    const db = join(dir, 's.duckdb');
    const run = await runCli(
      [
        'run',
        '--inventory',
        demo.inventoryDir,
        '--flow-logs',
        demo.flowLogsDir,
        '--db',
        db,
        '--report-dir',
        join(dir, 'reports'),
        '--notify',
        'always',
        ...email(),
      ],
      { env },
    );
    expect(run.code).toBe(0);
    expect(sink.messages).toHaveLength(1);

    const notify = await runCli(['notify', '--db', db, ...email()], { env });
    expect(notify.code).toBe(0);
    expect(sink.messages).toHaveLength(2);

    const message = await simpleParser(sink.messages[1]?.raw ?? Buffer.alloc(0));
    expect(message.subject).toMatch(/stale/);
    expect(message.text).toBeTruthy();
    expect(message.html).toBeTruthy();
    expect(message.attachments.map((a) => a.filename)).toEqual([
      expect.stringMatching(/\.csv$/),
      expect.stringMatching(/\.md$/),
      expect.stringMatching(/\.html$/),
    ]);
  });

  it('says what to fix when the SMTP login fails, without the password', async () => {
    const run = await runCli(
      ['notify', '--db', join(dir, 's.duckdb'), '--when', 'always', ...email()],
      {
        env: { STALE_SG_SMTP_PASSWORD: 'wrong-secret' },
      },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).not.toContain('wrong-secret');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
