import type { Command } from 'commander';
import { StaleSgError } from '../errors.js';
import { composeFindingsEmail } from '../notify/findings-email.js';
import { sendFindingsEmail, type EmailTransport } from '../notify/send-findings-email.js';
import type { RunConfig } from '../pipeline/run-config.js';
import type { StoredReport } from '../pipeline/stored-report.js';
import { parsePositiveInteger } from './parse-options.js';
import { terminalText } from './terminal.js';

/** Email settings, from flags or the configuration file (the same names there). */
export type EmailSettings = Pick<
  RunConfig,
  | 'emailFrom'
  | 'emailTo'
  | 'smtpHost'
  | 'smtpPort'
  | 'smtpUser'
  | 'smtpSecure'
  | 'ses'
  | 'sesRegion'
>;

/**
 * The SMTP password is read from this environment variable only, never from
 * a flag or the configuration file, so it stays out of shell history, ps
 * output and files that get committed.
 */
export const SMTP_PASSWORD_VARIABLE = 'STALE_SG_SMTP_PASSWORD';

export function addEmailOptions(command: Command): Command {
  return command
    .option('--email-to <address...>', 'recipients of the findings email')
    .option('--email-from <address>', 'sender of the findings email')
    .option('--smtp-host <host>', 'send by this SMTP server')
    .option(
      '--smtp-port <port>',
      'SMTP port (default 587; 465 means TLS from the start)',
      parsePositiveInteger,
    )
    .option('--smtp-user <user>', `SMTP login; the password comes from ${SMTP_PASSWORD_VARIABLE}`)
    .option('--smtp-secure', 'TLS from the first byte (SMTPS)')
    .option('--ses', 'send by Amazon SES (v2 API) instead of SMTP')
    .option('--ses-region <region>', 'the SES region (default: the SDK default region)');
}

/** Composes the findings email and sends it as the settings say. */
export async function emailFindings(report: StoredReport, settings: EmailSettings): Promise<void> {
  if (
    settings.emailFrom === undefined ||
    settings.emailTo === undefined ||
    settings.emailTo.length === 0
  ) {
    throw new StaleSgError(
      'INVALID_ARGUMENT',
      'email needs --email-from and --email-to (or emailFrom and emailTo in the configuration)',
    );
  }

  const email = composeFindingsEmail(report, { from: settings.emailFrom, to: settings.emailTo });
  const sent = await sendFindingsEmail(email, transportOf(settings));
  console.error(
    `Sent the findings to ${settings.emailTo.join(', ')} by ${sent.transport.toUpperCase()}`,
  );
  for (const address of sent.rejected) {
    console.error(`warning: the server refused ${terminalText(address)}`);
  }
}

function transportOf(settings: EmailSettings): EmailTransport {
  if (settings.ses === true) return { kind: 'ses', region: settings.sesRegion };
  if (settings.smtpHost === undefined) {
    throw new StaleSgError(
      'INVALID_ARGUMENT',
      'email needs --smtp-host, or --ses to send by Amazon SES',
    );
  }
  return {
    kind: 'smtp',
    host: settings.smtpHost,
    port: settings.smtpPort ?? 587,
    secure: settings.smtpSecure,
    user: settings.smtpUser,
    password: process.env[SMTP_PASSWORD_VARIABLE],
  };
}
