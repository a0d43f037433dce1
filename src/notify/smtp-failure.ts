import type { NotifyFailure } from './notify-error.js';
import { NotifyError, messageOf, redact } from './notify-error.js';
import type { SmtpOptions } from './send-by-smtp.js';

/** What nodemailer puts on its errors: a code of its own, and the server's reply when there was one. */
interface SmtpErrorFields {
  readonly code?: string;
  /** The SMTP command that failed; `CONN` while connecting. */
  readonly command?: string;
  readonly response?: string;
  readonly responseCode?: number;
}

/** The server as `SMTP server host:port`, the reply (or message) on one line, and the fields. */
interface SmtpContext {
  readonly server: string;
  readonly reply: string;
  readonly fields: SmtpErrorFields;
}

type Explain = (context: SmtpContext) => readonly [NotifyFailure, string];

const connectionFailed: Explain = ({ server, reply, fields }) =>
  fields.command === 'CONN'
    ? ['unreachable', `cannot reach ${server}: ${connectionProblem(reply)}`]
    : ['unreachable', `the connection to ${server} failed: ${reply}`];

const tlsFailed: Explain = ({ server, reply }) => [
  'tls',
  `TLS with ${server} failed: ${reply}; check secure and requireTls`,
];

/** By nodemailer's error code (see its `errors.js`). */
const SMTP_ERRORS: ReadonlyMap<string, Explain> = new Map<string, Explain>([
  ['ESOCKET', connectionFailed],
  ['ECONNECTION', connectionFailed],
  ['ETIMEDOUT', connectionFailed],
  ['EDNS', connectionFailed],
  ['ETLS', tlsFailed],
  ['EREQUIRETLS', tlsFailed],
  [
    'EAUTH',
    ({ server, reply }) => [
      'auth-failed',
      `${server} rejected the login (${reply}): check user and password`,
    ],
  ],
  [
    'ENOAUTH',
    ({ server }) => ['not-configured', `${server}: a login needs both user and password`],
  ],
  [
    'EENVELOPE',
    // 530: the server wants a login before it takes mail (RFC 4954, section 6).
    ({ server, reply, fields }) =>
      fields.responseCode === 530
        ? ['not-configured', `${server} requires a login (${reply}): set user and password`]
        : ['rejected', `${server} refused the sender or the recipients: ${reply}`],
  ],
  ['EMESSAGE', ({ server, reply }) => ['rejected', `${server} rejected the message: ${reply}`]],
]);

/**
 * An error of nodemailer's SMTP transport as a `NotifyError` with one line
 * that says what to fix. The server's reply is kept (it often names the
 * cause) with the password removed, in case a server echoes it.
 */
export function smtpFailure(error: unknown, options: SmtpOptions): NotifyError {
  const fields: SmtpErrorFields = typeof error === 'object' && error !== null ? error : {};
  const context: SmtpContext = {
    server: `SMTP server ${options.host}:${options.port}`,
    reply: redact(messageOf(fields.response ?? error), [options.password]),
    fields,
  };

  const [reason, message] = SMTP_ERRORS.get(fields.code ?? '')?.(context) ?? [
    'failed',
    `sending by SMTP through ${context.server} failed: ${context.reply}`,
  ];
  return new NotifyError(reason, message, { cause: error });
}

function connectionProblem(message: string): string {
  if (message.includes('ECONNREFUSED')) return 'connection refused';
  if (message.includes('ENOTFOUND') || message.includes('EAI_AGAIN')) return 'host not found';
  if (/ETIMEDOUT|timeout/i.test(message)) return 'timed out';
  return message;
}
