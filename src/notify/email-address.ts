import addressparser from 'nodemailer/lib/addressparser';
import { StaleSgError } from '../errors.js';
import { stripControl } from '../report/sanitize.js';

/**
 * Text for a header value: one line, without controls. A CR or LF in a
 * header value would end it and start another (header injection, so that a
 * group named `x\r\nBcc: someone` would add a recipient); `stripControl`
 * turns line breaks into spaces and drops the other controls.
 */
export function headerText(text: string): string {
  return stripControl(text).replace(/ {2,}/g, ' ').trim();
}

/**
 * Checks the sender and recipients from the configuration: each one mailbox,
 * `ops@example.com` or `Ops <ops@example.com>`, without control characters,
 * and at least one recipient. Throws `StaleSgError` (`INVALID_ARGUMENT`)
 * naming the address, before anything is sent.
 */
export function checkAddresses(from: string, to: readonly string[]): void {
  checkAddress(from, 'from');
  if (to.length === 0) {
    throw new StaleSgError('INVALID_ARGUMENT', 'to: expected at least one recipient, found none');
  }
  to.forEach((address, index) => checkAddress(address, `to[${index}]`));
}

function checkAddress(address: string, path: string): void {
  const parsed = stripControl(address) === address ? addressparser(address) : [];
  const mailbox = parsed.length === 1 ? parsed[0] : undefined;
  if (mailbox?.address !== undefined && /^[^@\s]+@[^@\s]+$/.test(mailbox.address)) return;

  throw new StaleSgError(
    'INVALID_ARGUMENT',
    `${path}: expected one email address such as "ops@example.com" or ` +
      `"Ops <ops@example.com>", found ${JSON.stringify(address)}`,
  );
}
