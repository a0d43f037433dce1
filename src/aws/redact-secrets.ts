/** The environment variables whose values must never reach a message. */
const SECRET_VARIABLES = ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_ACCESS_KEY_ID'];

/** Access key ids: long-term (AKIA) and temporary (ASIA). */
const ACCESS_KEY_ID = /\b(?:AKIA|ASIA)[A-Z0-9]{12,}\b/g;

/**
 * EC2 appends an encoded authorization failure message to UnauthorizedOperation
 * errors: a long opaque blob that only `aws sts decode-authorization-message`
 * can read, and that would drown the one line the user needs.
 */
const ENCODED_FAILURE = /\s*Encoded authorization failure message:.*$/is;

/** Longest message text kept from AWS; the rest is cut off with an ellipsis. */
const MAX_LENGTH = 300;

/**
 * Makes text from AWS or the SDK safe and short enough for one line of a
 * report: one line, without the encoded authorization blob, and without any
 * credential of the environment or anything shaped like an access key id.
 * AWS does not put secrets into its messages; this guards against the day
 * an SDK or a credential process does.
 */
export function redactSecrets(text: string): string {
  let safe = text.replace(ENCODED_FAILURE, '').replace(/\s+/g, ' ').trim();
  for (const name of SECRET_VARIABLES) {
    const value = process.env[name];
    if (value !== undefined && value.length >= 8) safe = safe.split(value).join('[redacted]');
  }
  safe = safe.replace(ACCESS_KEY_ID, '[redacted]');
  return safe.length > MAX_LENGTH ? `${safe.slice(0, MAX_LENGTH - 1)}…` : safe;
}
