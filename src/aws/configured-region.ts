import { STSClient } from '@aws-sdk/client-sts';

/**
 * The region the SDK would use by itself: `AWS_REGION`, or the `region` of
 * the profile in `~/.aws/config`. Undefined when neither is set. Nothing is
 * sent; the client only resolves its configuration.
 */
export async function configuredRegion(profile?: string): Promise<string | undefined> {
  const client = new STSClient(profile === undefined ? {} : { profile });
  try {
    return await client.config.region();
  } catch {
    return undefined;
  } finally {
    client.destroy();
  }
}
