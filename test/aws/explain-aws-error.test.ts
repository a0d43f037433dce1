import { EC2ServiceException } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';

import type { AwsCallContext } from '../../src/aws/explain-aws-error.js';
import { explainAwsError } from '../../src/aws/explain-aws-error.js';
import {
  FAKE_ACCESS_KEY_ID,
  FAKE_SECRET_ACCESS_KEY,
  useAwsTestEnvironment,
} from './aws-test-environment.js';
import { ec2Error } from './mock-ec2-account.js';

useAwsTestEnvironment();

const ROLE = 'arn:aws:iam::111122223333:role/inventory-reader';
const IN_REGION: AwsCallContext = {
  action: 'ec2:DescribeSecurityGroupRules',
  region: 'us-east-2',
  principalArn: 'arn:aws:sts::111122223333:assumed-role/inventory-reader/stale-sg',
};
const IDENTIFYING: AwsCallContext = { action: 'sts:GetCallerIdentity', roleArn: ROLE };

/** An error as the SDK's credential providers throw it. */
function providerError(message: string): Error {
  return Object.assign(new Error(message), { name: 'CredentialsProviderError' });
}

function systemError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('explainAwsError', () => {
  it.each([
    [
      ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.'),
      IN_REGION,
      'AWS_ACCESS_DENIED',
      'us-east-2: access denied to ec2:DescribeSecurityGroupRules; grant it to the role inventory-reader',
    ],
    [
      ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.'),
      {
        ...IN_REGION,
        principalArn: 'arn:aws:iam::111122223333:user/ops/alice',
      },
      'AWS_ACCESS_DENIED',
      'us-east-2: access denied to ec2:DescribeSecurityGroupRules; grant it to the user alice',
    ],
    [
      ec2Error(
        'AccessDenied',
        `User: arn:aws:iam::999988887777:user/ci is not authorized to perform: sts:AssumeRole on resource: ${ROLE}`,
      ),
      IDENTIFYING,
      'AWS_ACCESS_DENIED',
      `cannot assume ${ROLE}: access denied; its trust policy must allow your credentials to ` +
        'call sts:AssumeRole (with the external id, if it asks for one)',
    ],
    [
      ec2Error('RequestLimitExceeded', 'Request limit exceeded.', 8),
      IN_REGION,
      'AWS_THROTTLED',
      'us-east-2: ec2:DescribeSecurityGroupRules was still throttled after 8 attempts ' +
        '(RequestLimitExceeded); try again later, or collect fewer regions or accounts at a time',
    ],
    [
      ec2Error('ExpiredToken', 'The security token included in the request is expired'),
      IDENTIFYING,
      'AWS_CREDENTIALS',
      'the AWS credentials have expired (ExpiredToken); run aws sso login, ' +
        'or refresh the credentials of your profile, and try again',
    ],
    [
      providerError(
        'The SSO session associated with this profile has expired or is otherwise invalid. ' +
          'To refresh this SSO session run aws sso login with the corresponding profile.',
      ),
      IDENTIFYING,
      'AWS_CREDENTIALS',
      'the AWS credentials have expired (CredentialsProviderError); run aws sso login, ' +
        'or refresh the credentials of your profile, and try again',
    ],
    [
      providerError('Could not load credentials from any providers'),
      IDENTIFYING,
      'AWS_CREDENTIALS',
      'no AWS credentials found; set AWS_PROFILE or pass a profile, run aws configure or ' +
        'aws sso login, or run where an instance or container role is available',
    ],
    [
      ec2Error('InvalidClientTokenId', 'The security token included in the request is invalid.'),
      IDENTIFYING,
      'AWS_CREDENTIALS',
      'AWS rejected the credentials (InvalidClientTokenId); check the access key or the ' +
        'profile, or run aws sso login',
    ],
    [
      ec2Error('AuthFailure', 'AWS was not able to validate the provided access credentials'),
      { ...IN_REGION, region: 'me-south-1' },
      'AWS_REGION_UNAVAILABLE',
      'me-south-1: the region did not accept the request (AuthFailure); it is probably an ' +
        'opt-in region that the account has not enabled: enable it, or leave it out of the regions',
    ],
    [
      systemError('ENOTFOUND', 'getaddrinfo ENOTFOUND ec2.us-east-9.amazonaws.com'),
      { ...IN_REGION, region: 'us-east-9' },
      'AWS_REGION_UNAVAILABLE',
      'us-east-9: cannot reach the EC2 endpoint (getaddrinfo ENOTFOUND ' +
        'ec2.us-east-9.amazonaws.com); check the region name, the network, and ' +
        'AWS_ENDPOINT_URL if it is set',
    ],
    [
      ec2Error('InternalError', 'An internal error has occurred'),
      IN_REGION,
      'AWS_FAILURE',
      'us-east-2: ec2:DescribeSecurityGroupRules failed: InternalError: An internal error has occurred',
    ],
  ])('explains %s', (error, context, code, message) => {
    const explained = explainAwsError(error, context);

    expect(explained).toMatchObject({ name: 'AwsError', code, message });
    expect(explained.cause).toBe(error);
  });

  it('drops the encoded authorization message and every credential from AWS text', () => {
    const leaky = new EC2ServiceException({
      name: 'InternalError',
      $fault: 'server',
      $metadata: {},
      message:
        `signing with ${FAKE_ACCESS_KEY_ID} / ${FAKE_SECRET_ACCESS_KEY} and ASIAZZZZZZZZZZZZZZZZ failed.\n` +
        'Encoded authorization failure message: 4nD-Th1s_1s-0p4qu3',
    });

    const { message } = explainAwsError(leaky, IN_REGION);

    expect(message).toBe(
      'us-east-2: ec2:DescribeSecurityGroupRules failed: InternalError: ' +
        'signing with [redacted] / [redacted] and [redacted] failed.',
    );
  });
});
