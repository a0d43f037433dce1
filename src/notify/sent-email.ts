/** What a transport reports after the message left. */
export interface SentEmail {
  readonly transport: 'smtp' | 'ses';
  /**
   * The id to look the message up by: the `Message-ID` header for SMTP, the
   * `MessageId` SES returns (SES sets the header from it) for SES.
   */
  readonly messageId: string;
  /** Recipients the SMTP server refused while accepting the others; always empty for SES. */
  readonly rejected: readonly string[];
}
