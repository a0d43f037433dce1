import type { EC2Client } from '@aws-sdk/client-ec2';
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';

import { AwsError } from './aws-error.js';
import { explainAwsError } from './explain-aws-error.js';

/**
 * The regions enabled for the account, sorted: DescribeRegions with
 * AllRegions false leaves out the opt-in regions the account has not
 * enabled, whose endpoints would only refuse the credentials.
 */
export async function listEnabledRegions(
  client: EC2Client,
  context: { readonly region: string; readonly principalArn?: string },
): Promise<string[]> {
  let output;
  try {
    output = await client.send(new DescribeRegionsCommand({ AllRegions: false }));
  } catch (error) {
    throw explainAwsError(error, { ...context, action: 'ec2:DescribeRegions' });
  }

  const names = (output.Regions ?? [])
    .map((region) => region.RegionName)
    .filter((name): name is string => name !== undefined);
  if (names.length === 0) {
    throw new AwsError('AWS_FAILURE', `${context.region}: ec2:DescribeRegions returned no regions`);
  }
  return names.sort();
}
