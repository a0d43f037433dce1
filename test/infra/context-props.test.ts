import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import {
  memberRolePropsFromContext,
  stackNameFromContext,
  stackPropsFromContext,
} from '../../infra/context-props.js';

function node(context: Record<string, unknown>) {
  return new App({ context }).node;
}

describe('stackPropsFromContext', () => {
  it('reads -c values: lists split at commas, numbers parsed', () => {
    const props = stackPropsFromContext(
      node({
        flowLogBucket: 'central-flow-logs',
        accounts: '111111111111, 222222222222',
        regions: 'eu-west-1',
        emailTo: 'a@example.com,b@example.com',
        staleAfterDays: '45',
        scheduleEnabled: 'false',
        bytesScannedCutoff: '100000000',
        account: '111111111111',
        region: 'eu-west-1',
      }),
    );

    expect(props).toMatchObject({
      env: { account: '111111111111', region: 'eu-west-1' },
      flowLogBucket: 'central-flow-logs',
      accounts: ['111111111111', '222222222222'],
      regions: ['eu-west-1'],
      emailTo: ['a@example.com', 'b@example.com'],
      staleAfterDays: 45,
      scheduleEnabled: false,
      bytesScannedCutoff: 100_000_000,
    });
  });

  it('takes JSON lists and numbers from cdk.json as they are', () => {
    const props = stackPropsFromContext(
      node({ regions: ['eu-west-1', 'us-east-1'], windowDays: 3 }),
    );

    expect(props.regions).toEqual(['eu-west-1', 'us-east-1']);
    expect(props.windowDays).toBe(3);
  });

  it('leaves unset keys unset, so that the defaults apply', () => {
    const props = stackPropsFromContext(node({ flowLogBucket: 'central-flow-logs' }));

    expect(props.accounts).toBeUndefined();
    expect(props.schedule).toBeUndefined();
    expect(props.staleAfterDays).toBeUndefined();
  });

  it('names a context value that is not a number', () => {
    expect(() => stackPropsFromContext(node({ staleAfterDays: 'thirty' }))).toThrow(
      'context staleAfterDays must be a number, found "thirty"',
    );
  });

  it('names a flag that is neither true nor false', () => {
    expect(() => stackPropsFromContext(node({ scheduleEnabled: 'no' }))).toThrow(
      'context scheduleEnabled must be true or false, found "no"',
    );
  });
});

describe('memberRolePropsFromContext', () => {
  it('reads the role name and the collector role', () => {
    const arn = 'arn:aws:iam::111111111111:role/collector';

    expect(
      memberRolePropsFromContext(node({ memberRoleName: 'reader', collectorRoleArn: arn })),
    ).toMatchObject({ roleName: 'reader', collectorRoleArn: arn });
  });
});

describe('stackNameFromContext', () => {
  it('defaults the name and takes -c stackName', () => {
    expect(stackNameFromContext(node({}), 'StaleSg')).toBe('StaleSg');
    expect(stackNameFromContext(node({ stackName: 'StaleSgProd' }), 'StaleSg')).toBe('StaleSgProd');
  });
});
