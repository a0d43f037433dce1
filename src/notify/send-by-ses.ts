import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { FindingsEmail } from './findings-email.js';
import { buildMimeMessage } from './mime-message.js';
import { sesFailure } from './ses-failure.js';
import type { SentEmail } from './sent-email.js';

export interface SesOptions {
  /** The SES region; the SDK's default (`AWS_REGION`, the profile) when absent. */
  readonly region?: string;
  /** A client to use instead of a new one: the Lambda's own, or a mock in tests. Not destroyed. */
  readonly client?: SESv2Client;
}

/**
 * Sends the email with the SES v2 `SendEmail` API as raw content: the same
 * MIME message as SMTP sends (see `buildMimeMessage`), attachments included,
 * which SES's simple content cannot carry. SES takes the recipients from the
 * `To` header. The client follows the SDK's configuration: the default
 * credential chain, and `AWS_ENDPOINT_URL_SESV2` or `AWS_ENDPOINT_URL` for a
 * local endpoint.
 *
 * Needs `ses:SendEmail` and `ses:SendRawEmail` on the sender's identity.
 * Failures become a `NotifyError` whose one-line message says what to fix.
 */
export async function sendBySes(
  email: FindingsEmail,
  options: SesOptions = {},
): Promise<SentEmail> {
  const message = await buildMimeMessage(email);
  const client =
    options.client ??
    new SESv2Client({
      region: options.region,
      // The SDK waits for ever by default: an endpoint that never answers
      // would hold the run. Per attempt: to connect, and between bytes.
      requestHandler: { connectionTimeout: 10_000, socketTimeout: 30_000 },
    });

  try {
    const output = await client.send(
      new SendEmailCommand({ Content: { Raw: { Data: message.raw } } }),
    );
    return { transport: 'ses', messageId: output.MessageId ?? message.messageId, rejected: [] };
  } catch (error) {
    throw sesFailure(error);
  } finally {
    if (options.client === undefined) client.destroy();
  }
}
