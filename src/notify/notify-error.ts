/**
 * Why an email was not sent, for callers that react differently: retry a
 * throttled or unreachable server later, tell the user to fix a login, a
 * verification or a policy.
 */
export type NotifyFailure =
  | 'unreachable'
  | 'tls'
  | 'auth-failed'
  | 'rejected'
  | 'not-verified'
  | 'access-denied'
  | 'throttled'
  | 'not-configured'
  | 'failed';

/**
 * An email that could not be sent. The message is one line that says what
 * to fix (`cannot reach SMTP server mail.example.com:587: connection
 * refused`) and never holds a password or key; the transport's own error is
 * the `cause`.
 */
export class NotifyError extends Error {
  override readonly name = 'NotifyError';
  /** Stable, like `StaleSgError`'s codes: callers switch on it, not on the message. */
  readonly code = 'NOTIFY_FAILED';

  constructor(
    readonly reason: NotifyFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isNotifyError(error: unknown): error is NotifyError {
  return error instanceof NotifyError;
}

/** Replaces every occurrence of each secret with `***`, in case a server echoes one back. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  return secrets.reduce<string>(
    (result, secret) =>
      secret === undefined || secret === '' ? result : result.split(secret).join('***'),
    text,
  );
}

/** The message of anything thrown, on one line. */
export function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, ' ').trim();
}
