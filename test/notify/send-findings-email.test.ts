import { SESv2Client, MessageRejected, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import type { AddressObject, ParsedMail } from 'mailparser';
import { simpleParser } from 'mailparser';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatHtml } from '../../src/report/html/format-html.js';
import { formatCsv } from '../../src/report/format-csv.js';
import type { FindingsEmail } from '../../src/notify/findings-email.js';
import { composeFindingsEmail } from '../../src/notify/findings-email.js';
import { NotifyError } from '../../src/notify/notify-error.js';
import { sesFailure } from '../../src/notify/ses-failure.js';
import { sendFindingsEmail } from '../../src/notify/send-findings-email.js';
import type { DemoReport } from './notify-fixtures.js';
import { RECIPIENTS, SENDER, demoReport, hostileReport } from './notify-fixtures.js';
import type { SmtpSink } from './smtp-sink.js';
import { closedPort, startSmtpSink } from './smtp-sink.js';

let demo: DemoReport;
let email: FindingsEmail;
let sink: SmtpSink;

beforeAll(async () => {
  [demo, sink] = await Promise.all([demoReport(), startSmtpSink()]);
  email = composeFindingsEmail(demo.report, { from: SENDER, to: RECIPIENTS });
});

afterAll(async () => {
  await sink?.close();
  await demo?.remove();
});

/** Sends by SMTP to the sink and returns what it received, parsed. */
async function sendToSink(
  message: FindingsEmail,
): Promise<{ parsed: ParsedMail; raw: Buffer; to: readonly string[] }> {
  const before = sink.messages.length;
  await sendFindingsEmail(message, { kind: 'smtp', host: '127.0.0.1', port: sink.port });
  const received = sink.messages[before];
  if (received === undefined) throw new Error('the SMTP server received nothing');
  return { parsed: await simpleParser(received.raw), raw: received.raw, to: received.to };
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return objects.flatMap((object) => object.value.map((entry) => entry.address ?? ''));
}

/** The header block of a raw message, up to the first empty line. */
function headerBlock(raw: Buffer): string {
  const text = raw.toString('utf8');
  return text.slice(0, text.indexOf('\r\n\r\n'));
}

/** What both transports must deliver alike. */
function content(parsed: ParsedMail) {
  return {
    subject: parsed.subject,
    from: parsed.from?.text,
    to: addresses(parsed.to),
    text: parsed.text,
    html: parsed.html,
    attachments: parsed.attachments.map((attachment) => ({
      filename: attachment.filename,
      contentType: attachment.contentType,
      content: attachment.content.toString('utf8'),
    })),
  };
}

describe('sendFindingsEmail by SMTP', () => {
  it('delivers the headers, both parts and the attachments', async () => {
    const { parsed, to } = await sendToSink(email);

    expect(to).toEqual(['ops@example.com', 'security@example.com']);
    expect(parsed.from?.value).toEqual([{ name: 'stale-sg', address: 'stale-sg@example.com' }]);
    expect(addresses(parsed.to)).toEqual(['ops@example.com', 'security@example.com']);
    expect(parsed.subject).toBe(email.subject);
    expect(parsed.subject).toMatch(
      /^stale-sg: [1-9]\d* stale, [1-9]\d* risky, \d+ redundant rules in /,
    );
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(parsed.text).toBe(email.text);
    expect(parsed.html).toBe(email.html);

    const ranked = demo.report.findings.stale.map((finding) => finding.ruleId);
    const order = (text: string) => [...ranked].sort((a, b) => text.indexOf(a) - text.indexOf(b));
    expect(order(parsed.text ?? '')).toEqual(order(parsed.html || ''));
    expect(
      ranked.every((id) => parsed.text?.includes(id) && (parsed.html || '').includes(id)),
    ).toBe(true);

    expect(parsed.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      [expect.stringMatching(/^stale-sg-\d{4}-\d\d-\d\d\.csv$/), 'text/csv'],
      [expect.stringMatching(/^stale-sg-\d{4}-\d\d-\d\d\.md$/), 'text/markdown'],
      [expect.stringMatching(/^stale-sg-\d{4}-\d\d-\d\d\.html$/), 'text/html'],
    ]);
    const page = parsed.attachments[2]?.content.toString('utf8') ?? '';
    expect(page).toBe(formatHtml(demo.report));
    const csv = parsed.attachments[0]?.content.toString('utf8') ?? '';
    expect(csv.startsWith('rule_id,group_id,group_name,vpc_id,direction,')).toBe(true);
    expect(csv).toBe(formatCsv(demo.report));
  });

  it('lets no hostile name or prefix add a header or a recipient', async () => {
    const hostile = composeFindingsEmail(hostileReport(demo.report).report, {
      from: SENDER,
      to: ['ops@example.com'],
      subjectPrefix: 'stale-sg\r\nBcc: x@evil.example',
    });
    const { parsed, raw, to } = await sendToSink(hostile);

    expect(to).toEqual(['ops@example.com']);
    expect(parsed.headers.has('bcc')).toBe(false);
    expect(headerBlock(raw)).not.toMatch(/^bcc:/im);
    expect(parsed.subject).toMatch(/^stale-sg Bcc: x@evil\.example: \d+ stale/);
    expect(parsed.text).toMatch(/evil +Bcc: x@evil\.example +<script>alert\(1\)<\/script>/);
    expect(parsed.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(parsed.html).not.toMatch(/<script/i);
  });

  it('says when the server cannot be reached', async () => {
    const port = await closedPort();
    const sending = sendFindingsEmail(email, { kind: 'smtp', host: '127.0.0.1', port });
    await expect(sending).rejects.toThrow(
      new NotifyError(
        'unreachable',
        `cannot reach SMTP server 127.0.0.1:${port}: connection refused`,
      ),
    );
  });

  it('says when the login fails, without the password', async () => {
    const guarded = await startSmtpSink({ login: { user: 'mailer', password: 'right-password' } });
    try {
      const wrong = {
        kind: 'smtp',
        host: '127.0.0.1',
        port: guarded.port,
        user: 'mailer',
      } as const;
      const error = await sendFindingsEmail(email, { ...wrong, password: 'wrong-password' }).catch(
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(NotifyError);
      expect((error as NotifyError).reason).toBe('auth-failed');
      expect((error as NotifyError).message).toMatch(
        new RegExp(
          `^SMTP server 127\\.0\\.0\\.1:${guarded.port} rejected the login \\(535 .*\\): check user and password$`,
        ),
      );
      expect((error as NotifyError).message).not.toContain('wrong-password');

      const anonymous = sendFindingsEmail(email, {
        kind: 'smtp',
        host: '127.0.0.1',
        port: guarded.port,
      });
      await expect(anonymous).rejects.toThrow(
        /requires a login \(530 .*\): set user and password$/,
      );
      expect(guarded.messages).toHaveLength(0);
    } finally {
      await guarded.close();
    }
  });

  it('refuses to send in clear text when TLS is required and the server has no STARTTLS', async () => {
    const before = sink.messages.length;
    const sending = sendFindingsEmail(email, {
      kind: 'smtp',
      host: '127.0.0.1',
      port: sink.port,
      requireTls: true,
    });
    await expect(sending).rejects.toMatchObject({
      reason: 'tls',
      message: expect.stringMatching(/^TLS with SMTP server/),
    });
    expect(sink.messages).toHaveLength(before);
  });
});

describe('sendFindingsEmail by SES', () => {
  const ses = mockClient(SESv2Client);

  beforeEach(() => ses.reset());
  afterAll(() => ses.restore());

  it('sends the same message as raw content', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: '0100018c-ses-id' });
    const sent = await sendFindingsEmail(email, { kind: 'ses', region: 'eu-west-1' });

    expect(sent).toEqual({ transport: 'ses', messageId: '0100018c-ses-id', rejected: [] });
    const calls = ses.commandCalls(SendEmailCommand);
    expect(calls).toHaveLength(1);
    const input = calls[0]?.args[0].input;
    expect(Object.keys(input?.Content ?? {})).toEqual(['Raw']);

    const data = input?.Content?.Raw?.Data;
    if (data === undefined) throw new Error('no raw data');
    const bySes = await simpleParser(Buffer.from(data));
    const bySmtp = await sendToSink(email);
    expect(content(bySes)).toEqual(content(bySmtp.parsed));
    expect(bySes.subject).toBe(email.subject);
    expect(bySes.attachments.map((a) => a.filename)).toEqual(
      email.attachments.map((a) => a.filename),
    );
  });

  it('says which address SES has not verified', async () => {
    const said =
      'Email address is not verified. The following identities failed the check in region ' +
      'EU-WEST-1: stale-sg@example.com';
    ses.on(SendEmailCommand).rejects(new MessageRejected({ message: said, $metadata: {} }));

    const sending = sendFindingsEmail(email, {
      kind: 'ses',
      client: new SESv2Client({ region: 'eu-west-1' }),
    });
    await expect(sending).rejects.toThrow(
      new NotifyError('not-verified', `email address not verified in SES: ${said}`),
    );
  });
});

describe('sesFailure', () => {
  const named = (name: string, message: string, code?: string) =>
    Object.assign(new Error(message), { name }, code === undefined ? {} : { code });

  it.each([
    [
      named(
        'AccessDeniedException',
        'User: arn:aws:iam::123456789012:user/ci is not authorized to perform: ses:SendRawEmail',
      ),
      'access-denied',
      /^SES denied the request: grant ses:SendRawEmail\/ses:SendEmail on the sender identity \(User: arn:aws:iam::123456789012:user\/ci is not/,
    ],
    [
      named('MessageRejected', 'Message contains a virus'),
      'rejected',
      /^SES rejected the message: Message contains a virus$/,
    ],
    [
      named('TooManyRequestsException', 'Too Many Requests'),
      'throttled',
      /^SES throttled the request: try again later/,
    ],
    [
      named('SendingPausedException', 'paused'),
      'rejected',
      /^sending is paused for this SES account/,
    ],
    [
      named('UnrecognizedClientException', 'The security token included in the request is invalid'),
      'auth-failed',
      /^AWS did not accept the credentials used for SES \(UnrecognizedClientException\): renew or fix them$/,
    ],
    [
      named('CredentialsProviderError', 'Could not load credentials from any providers'),
      'not-configured',
      /^no AWS credentials found for SES/,
    ],
    [named('Error', 'Region is missing'), 'not-configured', /^no AWS region for SES/],
    [
      named('Error', 'connect ECONNREFUSED 127.0.0.1:4566', 'ECONNREFUSED'),
      'unreachable',
      /^cannot reach the SES endpoint: connect ECONNREFUSED 127\.0\.0\.1:4566$/,
    ],
    [named('InternalFailure', 'oops'), 'failed', /^sending by SES failed: InternalFailure: oops$/],
  ])('maps %s', (error, reason, message) => {
    const failure = sesFailure(error);
    expect(failure.reason).toBe(reason);
    expect(failure.message).toMatch(message);
    expect(failure.cause).toBe(error);
  });
});

describe('sendFindingsEmail by SES to an endpoint from the environment', () => {
  let requests: { path: string; body: string }[];
  let close: () => Promise<void>;
  let url: string;

  beforeAll(async () => {
    requests = [];
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        requests.push({ path: request.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ MessageId: 'local-0001' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  });

  afterAll(async () => {
    await close?.();
  });

  beforeEach(() => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAEXAMPLELOCALONLY');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'local-test-secret');
    vi.stubEnv('AWS_REGION', 'eu-west-1');
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
    vi.stubEnv('AWS_ENDPOINT_URL', undefined);
    vi.stubEnv('AWS_ENDPOINT_URL_SESV2', undefined);
  });

  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it.each(['AWS_ENDPOINT_URL_SESV2', 'AWS_ENDPOINT_URL'])('honours %s', async (variable) => {
    vi.stubEnv(variable, url);
    const before = requests.length;
    const sent = await sendFindingsEmail(email, { kind: 'ses' });

    expect(sent.messageId).toBe('local-0001');
    const request = requests[before];
    expect(request?.path).toBe('/v2/email/outbound-emails');
    const body = JSON.parse(request?.body ?? '{}') as { Content: { Raw: { Data: string } } };
    const parsed = await simpleParser(Buffer.from(body.Content.Raw.Data, 'base64'));
    expect(parsed.subject).toBe(email.subject);
  });
});
