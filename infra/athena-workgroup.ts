import { Stack } from 'aws-cdk-lib';
import { CfnWorkGroup } from 'aws-cdk-lib/aws-athena';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** Where in the results bucket Athena writes. */
export const RESULTS_PREFIX = 'athena-results/';

export interface AthenaWorkGroupProps {
  readonly name: string;
  readonly resultsBucket: IBucket;
  readonly bytesScannedCutoff: number;
}

/**
 * The workgroup the aggregate query runs in. Its settings are enforced, so
 * a query cannot choose another result location, skip encryption, or lift
 * the scan limit that caps what one run can cost.
 */
export class AthenaWorkGroup extends Construct {
  readonly name: string;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: AthenaWorkGroupProps) {
    super(scope, id);

    const workGroup = new CfnWorkGroup(this, 'WorkGroup', {
      name: props.name,
      description: 'stale-sg: attributes flow logs to security group rules',
      state: 'ENABLED',
      // Lets the stack be deleted even though the workgroup has a query history.
      recursiveDeleteOption: true,
      workGroupConfiguration: {
        engineVersion: { selectedEngineVersion: 'Athena engine version 3' },
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: props.bytesScannedCutoff,
        resultConfiguration: {
          outputLocation: props.resultsBucket.s3UrlForObject(RESULTS_PREFIX),
          encryptionConfiguration: { encryptionOption: 'SSE_S3' },
        },
      },
    });

    this.name = workGroup.ref;
    this.arn = Stack.of(this).formatArn({
      service: 'athena',
      resource: 'workgroup',
      resourceName: props.name,
    });
  }
}
