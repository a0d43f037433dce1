import MailComposer from 'nodemailer/lib/mail-composer';
import type { FindingsEmail } from './findings-email.js';

/** A message as it goes over the wire, with the addresses the transport delivers it to. */
export interface MimeMessage {
  /** The whole RFC 5322 message, headers and MIME parts, CRLF line ends. */
  readonly raw: Buffer;
  /** The bare addresses from `From` and `To`, for SMTP's MAIL FROM and RCPT TO. */
  readonly envelope: { readonly from: string; readonly to: readonly string[] };
  /** The `Message-ID` header, angle brackets included. */
  readonly messageId: string;
}

/**
 * Builds the MIME message once, with nodemailer's MailComposer, for both
 * transports: SMTP sends these bytes as they are and SES receives them as
 * raw content, so a message looks the same whichever way it went.
 *
 * `multipart/mixed` with a `multipart/alternative` of text and HTML, and the
 * reports as base64 attachments (base64 rather than quoted-printable keeps
 * the CSV's CRLF record ends byte for byte). File and URL access are off:
 * the content is all in memory, and nothing in it may make the composer read
 * a path or fetch a URL. `Auto-Submitted` (RFC 3834) keeps vacation
 * responders from replying to a machine.
 */
export async function buildMimeMessage(
  email: FindingsEmail,
  date: Date = new Date(),
): Promise<MimeMessage> {
  const node = new MailComposer({
    from: email.from,
    to: [...email.to],
    subject: email.subject,
    date,
    text: email.text,
    html: email.html,
    attachments: email.attachments.map((attachment) => ({
      filename: attachment.filename,
      contentType: attachment.contentType,
      content: attachment.content,
      contentTransferEncoding: 'base64',
    })),
    headers: { 'Auto-Submitted': 'auto-generated' },
    disableFileAccess: true,
    disableUrlAccess: true,
    newline: 'win',
  }).compile();

  const raw = await node.build();
  const envelope = node.getEnvelope();
  return {
    raw,
    envelope: { from: envelope.from === false ? '' : envelope.from, to: envelope.to },
    messageId: node.messageId(),
  };
}
