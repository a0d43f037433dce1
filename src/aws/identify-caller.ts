import type { STSClient } from '@aws-sdk/client-sts';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';

import { AwsError } from './aws-error.js';
import { explainAwsError } from './explain-aws-error.js';

/** Who the credentials belong to. */
export interface Caller {
  readonly accountId: string;
  /** The user or assumed-role ARN, to name who lacks a permission. */
  readonly arn: string;
}

/**
 * The account and principal of the credentials, from STS GetCallerIdentity,
 * which every principal may call. It is the first call of a collection, so a
 * problem with the credentials (none, expired, a role that cannot be
 * assumed) stops it with one message instead of one per region.
 */
export async function identifyCaller(client: STSClient, roleArn?: string): Promise<Caller> {
  let identity;
  try {
    identity = await client.send(new GetCallerIdentityCommand({}));
  } catch (error) {
    throw explainAwsError(error, {
      action: 'sts:GetCallerIdentity',
      ...(roleArn === undefined ? {} : { roleArn }),
    });
  }

  const { Account, Arn } = identity;
  if (Account === undefined || Arn === undefined) {
    throw new AwsError('AWS_FAILURE', 'sts:GetCallerIdentity returned no account id');
  }
  return { accountId: Account, arn: Arn };
}
