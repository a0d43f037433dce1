import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

/**
 * A bucket that only this deployment reads and writes: encrypted at rest,
 * closed to the public, reachable only over TLS, and self-cleaning. Objects
 * expire after `expireAfterDays`, since every run writes fresh ones.
 */
export function privateBucket(scope: Construct, id: string, expireAfterDays: number): Bucket {
  return new Bucket(scope, id, {
    encryption: BucketEncryption.S3_MANAGED,
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    lifecycleRules: [
      {
        id: 'expire-old-objects',
        expiration: Duration.days(expireAfterDays),
        abortIncompleteMultipartUploadAfter: Duration.days(1),
      },
    ],
    // CloudFormation cannot delete a bucket that holds objects; keeping it is the honest choice.
    removalPolicy: RemovalPolicy.RETAIN,
  });
}
