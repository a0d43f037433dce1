import type { NotifyFailure } from './notify-error.js';
import { NotifyError, messageOf } from './notify-error.js';

/** What to tell the user about an error: why, and one line that says what to fix. */
type Explain = (said: string, name: string) => readonly [NotifyFailure, string];

const accessDenied: Explain = (said) => [
  'access-denied',
  `SES denied the request: grant ses:SendRawEmail/ses:SendEmail on the sender identity (${said})`,
];

const credentialsRejected: Explain = (_said, name) => [
  'auth-failed',
  `AWS did not accept the credentials used for SES (${name}): renew or fix them`,
];

const throttled: Explain = (said) => [
  'throttled',
  `SES throttled the request: try again later (${said})`,
];

/**
 * By the error's name: SES v2's modelled exceptions, AWS's common errors
 * (which the SDK names after the error code) and the SDK's own. The AWS
 * message is kept where it names the identity, region or principal at fault;
 * it never holds a key.
 */
const SES_ERRORS: ReadonlyMap<string, Explain> = new Map<string, Explain>([
  [
    'MessageRejected',
    (said) =>
      /not verified/i.test(said)
        ? ['not-verified', `email address not verified in SES: ${said}`]
        : ['rejected', `SES rejected the message: ${said}`],
  ],
  [
    'MailFromDomainNotVerifiedException',
    (said) => ['not-verified', `MAIL FROM domain not verified in SES: ${said}`],
  ],
  ['AccessDeniedException', accessDenied],
  ['AccessDenied', accessDenied],
  ['UnrecognizedClientException', credentialsRejected],
  ['InvalidClientTokenId', credentialsRejected],
  ['InvalidSignatureException', credentialsRejected],
  ['SignatureDoesNotMatch', credentialsRejected],
  ['ExpiredTokenException', credentialsRejected],
  [
    'CredentialsProviderError',
    () => [
      'not-configured',
      'no AWS credentials found for SES: set a profile, environment variables or a role',
    ],
  ],
  ['TooManyRequestsException', throttled],
  ['ThrottlingException', throttled],
  ['Throttling', throttled],
  [
    'LimitExceededException',
    (said) => ['throttled', `SES sending quota or rate exceeded: ${said}`],
  ],
  [
    'SendingPausedException',
    (said) => ['rejected', `sending is paused for this SES account or configuration set: ${said}`],
  ],
  ['AccountSuspendedException', (said) => ['rejected', `the SES account is suspended: ${said}`]],
]);

/** Node's codes for an endpoint that cannot be reached, as the SDK's HTTP handler passes them on. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ECONNRESET',
]);

/** An error of the SES client as a `NotifyError` with one line that says what to fix. */
export function sesFailure(error: unknown): NotifyError {
  const name = error instanceof Error ? error.name : '';
  const said = messageOf(error);
  const [reason, message] = SES_ERRORS.get(name)?.(said, name) ?? otherFailure(error, name, said);
  return new NotifyError(reason, message, { cause: error });
}

function otherFailure(
  error: unknown,
  name: string,
  said: string,
): readonly [NotifyFailure, string] {
  const code = (error as { code?: unknown } | null)?.code;
  if (/region is missing/i.test(said)) {
    return ['not-configured', 'no AWS region for SES: set the region, or AWS_REGION'];
  }
  if (typeof code === 'string' && NETWORK_CODES.has(code)) {
    return ['unreachable', `cannot reach the SES endpoint: ${said}`];
  }
  return [
    'failed',
    `sending by SES failed: ${name === '' || name === 'Error' ? said : `${name}: ${said}`}`,
  ];
}
