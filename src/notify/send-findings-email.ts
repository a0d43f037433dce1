import type { FindingsEmail } from './findings-email.js';
import type { SesOptions } from './send-by-ses.js';
import { sendBySes } from './send-by-ses.js';
import type { SmtpOptions } from './send-by-smtp.js';
import { sendBySmtp } from './send-by-smtp.js';
import type { SentEmail } from './sent-email.js';

/** How the email leaves: an SMTP server, or Amazon SES (v2 API). */
export type EmailTransport =
  ({ readonly kind: 'smtp' } & SmtpOptions) | ({ readonly kind: 'ses' } & SesOptions);

/**
 * Sends the email by the configured transport: one entry point for the CLI
 * and the Lambda handler, which only read the transport from configuration.
 * Throws `NotifyError` with one line that says what to fix.
 */
export async function sendFindingsEmail(
  email: FindingsEmail,
  transport: EmailTransport,
): Promise<SentEmail> {
  switch (transport.kind) {
    case 'smtp':
      return sendBySmtp(email, transport);
    case 'ses':
      return sendBySes(email, transport);
  }
}
