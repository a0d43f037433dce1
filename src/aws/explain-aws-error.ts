import type { AwsErrorCode } from './aws-error.js';
import { AwsError } from './aws-error.js';
import { redactSecrets } from './redact-secrets.js';

/** What was being done when an error happened, to say what to fix. */
export interface AwsCallContext {
  /** The IAM action of the call, such as `ec2:DescribeSecurityGroupRules`. */
  readonly action: string;
  /** The region the call went to; it starts the message when given. */
  readonly region?: string;
  /**
   * The caller's ARN from GetCallerIdentity. Once it is known the credentials
   * are known to work, so a later rejection points at the region instead.
   */
  readonly principalArn?: string;
  /** The role being assumed, if any. */
  readonly roleArn?: string;
}

/** What explainAwsError reads from an SDK, network or credential provider error. */
interface ErrorFacts {
  readonly name: string;
  readonly message: string;
  /** Node's system error code, such as ENOTFOUND. */
  readonly systemCode: string | undefined;
  readonly attempts: number | undefined;
  readonly throttling: boolean;
}

type Advice = readonly [AwsErrorCode, string];

const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
]);

/** Error codes with which AWS services say "slow down"; EC2's is RequestLimitExceeded. */
const THROTTLING = new Set([
  'RequestLimitExceeded',
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'EC2ThrottledException',
  'SlowDown',
]);

const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'TokenRefreshRequired']);

/** AWS did not accept the signature or the key: bad credentials, or (for EC2) a disabled region. */
const REJECTED = new Set([
  'AuthFailure',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'InvalidAccessKeyId',
]);

const UNREACHABLE = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

const CREDENTIAL_PROVIDER_ERRORS = new Set(['CredentialsProviderError', 'TokenProviderError']);

/**
 * Turns an error thrown by the AWS SDK into an AwsError whose message is one
 * line that says what to fix, such as `us-east-2: access denied to
 * ec2:DescribeSecurityGroupRules; grant it to the role inventory-reader`.
 * Text taken from AWS goes through `redactSecrets`.
 */
export function explainAwsError(error: unknown, context: AwsCallContext): AwsError {
  if (error instanceof AwsError) return error;

  const facts = factsOf(error);
  const [code, advice] = adviceFor(facts, context);
  const where = context.region === undefined ? '' : `${context.region}: `;
  return new AwsError(code, `${where}${advice}`, { cause: error });
}

function adviceFor(facts: ErrorFacts, context: AwsCallContext): Advice {
  const { name } = facts;
  if (ACCESS_DENIED.has(name)) return accessDenied(facts, context);
  if (THROTTLING.has(name) || facts.throttling) return throttled(facts, context);
  if (EXPIRED.has(name)) return expired(name);
  if (REJECTED.has(name)) return rejected(name, context);
  if (CREDENTIAL_PROVIDER_ERRORS.has(name)) return credentialProviderFailed(facts);
  if (name === 'OptInRequired') return regionNotEnabled(name);
  if (facts.systemCode !== undefined && UNREACHABLE.has(facts.systemCode)) {
    return unreachable(facts, context);
  }
  if (/region is missing/i.test(facts.message)) {
    return [
      'AWS_REGION_UNAVAILABLE',
      'no AWS region is configured; set AWS_REGION or name the regions',
    ];
  }
  return ['AWS_FAILURE', `${context.action} failed: ${name}: ${redactSecrets(facts.message)}`];
}

function accessDenied(facts: ErrorFacts, context: AwsCallContext): Advice {
  // The SDK assumes the role lazily, so AssumeRole's denial surfaces from
  // whichever call first needed credentials.
  if (context.action === 'sts:AssumeRole' || facts.message.includes('sts:AssumeRole')) {
    return [
      'AWS_ACCESS_DENIED',
      `cannot assume ${context.roleArn ?? 'the role'}: access denied; its trust policy must ` +
        `allow your credentials to call sts:AssumeRole (with the external id, if it asks for one)`,
    ];
  }
  const grantee = principalLabel(context.principalArn);
  return ['AWS_ACCESS_DENIED', `access denied to ${context.action}; grant it to ${grantee}`];
}

function throttled(facts: ErrorFacts, context: AwsCallContext): Advice {
  const attempts = facts.attempts === undefined ? '' : ` after ${facts.attempts} attempts`;
  return [
    'AWS_THROTTLED',
    `${context.action} was still throttled${attempts} (${facts.name}); ` +
      `try again later, or collect fewer regions or accounts at a time`,
  ];
}

function expired(name: string): Advice {
  return [
    'AWS_CREDENTIALS',
    `the AWS credentials have expired (${name}); run aws sso login, ` +
      `or refresh the credentials of your profile, and try again`,
  ];
}

/**
 * EC2 answers AuthFailure in an opt-in region that the account has not
 * enabled. Once GetCallerIdentity has accepted the credentials, that is the
 * likelier reason.
 */
function rejected(name: string, context: AwsCallContext): Advice {
  if (context.principalArn !== undefined && context.action.startsWith('ec2:')) {
    return regionNotEnabled(name);
  }
  return [
    'AWS_CREDENTIALS',
    `AWS rejected the credentials (${name}); check the access key or the profile, ` +
      `or run aws sso login`,
  ];
}

function regionNotEnabled(name: string): Advice {
  return [
    'AWS_REGION_UNAVAILABLE',
    `the region did not accept the request (${name}); it is probably an opt-in region ` +
      `that the account has not enabled: enable it, or leave it out of the regions`,
  ];
}

function credentialProviderFailed(facts: ErrorFacts): Advice {
  const message = redactSecrets(facts.message);
  if (/expired|sso session|refresh/i.test(message)) return expired(facts.name);
  if (/could not load credentials/i.test(message)) {
    return [
      'AWS_CREDENTIALS',
      'no AWS credentials found; set AWS_PROFILE or pass a profile, run aws configure or ' +
        'aws sso login, or run where an instance or container role is available',
    ];
  }
  return ['AWS_CREDENTIALS', `cannot load AWS credentials: ${message}`];
}

function unreachable(facts: ErrorFacts, context: AwsCallContext): Advice {
  const service = context.action.split(':')[0]?.toUpperCase() ?? 'AWS';
  return [
    'AWS_REGION_UNAVAILABLE',
    `cannot reach the ${service} endpoint (${redactSecrets(facts.message)}); check the ` +
      `region name, the network, and AWS_ENDPOINT_URL if it is set`,
  ];
}

/** "the role NAME" for an assumed role, "the user NAME" for an IAM user. */
function principalLabel(arn: string | undefined): string {
  if (arn === undefined) return 'your credentials';

  const role = /^arn:[^:]+:sts::\d+:assumed-role\/([^/]+)\//.exec(arn);
  if (role?.[1] !== undefined) return `the role ${role[1]}`;
  const user = /^arn:[^:]+:iam::\d+:user\/(?:.*\/)?([^/]+)$/.exec(arn);
  if (user?.[1] !== undefined) return `the user ${user[1]}`;
  return arn;
}

function factsOf(error: unknown): ErrorFacts {
  if (!(error instanceof Error)) {
    return {
      name: 'Error',
      message: String(error),
      systemCode: undefined,
      attempts: undefined,
      throttling: false,
    };
  }

  const fields = error as Error & {
    code?: unknown;
    $metadata?: { attempts?: unknown };
    $retryable?: { throttling?: unknown };
  };
  return {
    name: error.name,
    message: error.message,
    systemCode: typeof fields.code === 'string' ? fields.code : undefined,
    attempts:
      typeof fields.$metadata?.attempts === 'number' ? fields.$metadata.attempts : undefined,
    throttling: fields.$retryable?.throttling === true,
  };
}
