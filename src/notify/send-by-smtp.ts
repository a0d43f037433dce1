import nodemailer from 'nodemailer';
import type { FindingsEmail } from './findings-email.js';
import { buildMimeMessage } from './mime-message.js';
import type { SentEmail } from './sent-email.js';
import { smtpFailure } from './smtp-failure.js';

/** An SMTP server and how to log in to it. */
export interface SmtpOptions {
  readonly host: string;
  readonly port: number;
  /** TLS from the first byte (SMTPS); true by default on port 465 only, as is the convention. */
  readonly secure?: boolean;
  /** Refuse to send unless the server upgrades the connection with STARTTLS. */
  readonly requireTls?: boolean;
  /** Log in with this user and password; no login when absent. */
  readonly user?: string;
  readonly password?: string;
}

/** Long enough for a slow relay, short enough that a scheduled run does not hang for minutes. */
const CONNECTION_TIMEOUT_MS = 30_000;
const SOCKET_TIMEOUT_MS = 60_000;

/**
 * Sends the email to an SMTP server with nodemailer: the message of
 * `buildMimeMessage`, byte for byte, to the addresses of its `From` and `To`.
 * Failures become a `NotifyError` whose one-line message says what to fix
 * and never holds the password.
 */
export async function sendBySmtp(email: FindingsEmail, options: SmtpOptions): Promise<SentEmail> {
  const message = await buildMimeMessage(email);
  const transport = nodemailer.createTransport({
    host: options.host,
    port: options.port,
    secure: options.secure ?? options.port === 465,
    requireTLS: options.requireTls ?? false,
    auth: options.user === undefined ? undefined : { user: options.user, pass: options.password },
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    greetingTimeout: CONNECTION_TIMEOUT_MS,
    socketTimeout: SOCKET_TIMEOUT_MS,
  });

  try {
    const info = await transport.sendMail({
      envelope: { from: message.envelope.from, to: [...message.envelope.to] },
      raw: message.raw,
    });
    return {
      transport: 'smtp',
      messageId: message.messageId,
      rejected: addressesOf(info.rejected),
    };
  } catch (error) {
    throw smtpFailure(error, options);
  } finally {
    transport.close();
  }
}

function addressesOf(list: readonly (string | { address: string })[] | undefined): string[] {
  return (list ?? []).map((entry) => (typeof entry === 'string' ? entry : entry.address));
}
