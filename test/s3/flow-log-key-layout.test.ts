import { describe, expect, it } from 'vitest';
import { holdsOnlyMatches, mayHoldMatches } from '../../src/s3/flow-log-key-filter.js';
import {
  AWS_LOGS_POSITION,
  advanceAll,
  parseFlowLogKey,
  timeRangeOf,
} from '../../src/s3/flow-log-key-layout.js';
import { parseS3Url } from '../../src/s3/parse-s3-url.js';
import { s3FailureKind } from '../../src/s3/s3-failure.js';

const FILE = '123456789012_vpcflowlogs_eu-west-1_fl-1_20261101T0005Z_ab12.log.gz';

describe('parseS3Url', () => {
  it.each([
    ['s3://flow-logs', { bucket: 'flow-logs', prefix: '' }],
    ['s3://flow-logs/', { bucket: 'flow-logs', prefix: '' }],
    ['s3://flow-logs/a/b', { bucket: 'flow-logs', prefix: 'a/b' }],
    ['s3://flow-logs/AWSLogs/', { bucket: 'flow-logs', prefix: 'AWSLogs/' }],
    ['s3://my.bucket/a%20b/', { bucket: 'my.bucket', prefix: 'a%20b/' }],
  ])('reads %s', (url, expected) => {
    expect(parseS3Url(url)).toEqual(expected);
  });

  it.each(['flow-logs/a', 's3:/flow-logs', 's3://', 's3:///key', 'https://flow-logs/a', 's3://a'])(
    'rejects %s with a message that shows the form',
    (url) => {
      expect(() => parseS3Url(url)).toThrow(
        `expected an S3 location such as s3://my-bucket/flow-logs/, found "${url}"`,
      );
    },
  );
});

describe('parseFlowLogKey', () => {
  it.each([
    [
      `AWSLogs/123456789012/vpcflowlogs/eu-west-1/2026/11/01/${FILE}`,
      {
        style: 'plain',
        account: '123456789012',
        region: 'eu-west-1',
        day: '2026-11-01',
        hour: null,
      },
    ],
    [
      `logs/vpc/AWSLogs/123456789012/vpcflowlogs/eu-west-1/2026/11/01/07/${FILE}`,
      { style: 'plain', account: '123456789012', region: 'eu-west-1', day: '2026-11-01', hour: 7 },
    ],
    [
      `AWSLogs/aws-account-id=123456789012/aws-service=vpcflowlogs/aws-region=eu-west-1/year=2026/month=11/day=01/${FILE}`,
      {
        style: 'hive',
        account: '123456789012',
        region: 'eu-west-1',
        day: '2026-11-01',
        hour: null,
      },
    ],
    [
      `p/AWSLogs/aws-account-id=123456789012/aws-service=vpcflowlogs/aws-region=us-gov-west-1/year=2026/month=02/day=28/hour=23/${FILE}`,
      {
        style: 'hive',
        account: '123456789012',
        region: 'us-gov-west-1',
        day: '2026-02-28',
        hour: 23,
      },
    ],
    // A prefix that itself has an AWSLogs folder: the last whole layout path counts.
    [
      `AWSLogs/copy/AWSLogs/123456789012/vpcflowlogs/eu-west-1/2026/11/01/${FILE}`,
      {
        style: 'plain',
        account: '123456789012',
        region: 'eu-west-1',
        day: '2026-11-01',
        hour: null,
      },
    ],
  ])('reads %s', (key, expected) => {
    expect(parseFlowLogKey(key)).toEqual(expected);
  });

  it.each([
    ['another service', `AWSLogs/123456789012/CloudTrail/eu-west-1/2026/11/01/${FILE}`],
    ['a short account id', `AWSLogs/12345/vpcflowlogs/eu-west-1/2026/11/01/${FILE}`],
    ['layouts mixed', `AWSLogs/123456789012/aws-service=vpcflowlogs/eu-west-1/2026/11/01/${FILE}`],
    ['month 13', `AWSLogs/123456789012/vpcflowlogs/eu-west-1/2026/13/01/${FILE}`],
    ['February 30', `AWSLogs/123456789012/vpcflowlogs/eu-west-1/2026/02/30/${FILE}`],
    ['hour 24', `AWSLogs/123456789012/vpcflowlogs/eu-west-1/2026/11/01/24/${FILE}`],
    ['a file above the day', `AWSLogs/123456789012/vpcflowlogs/eu-west-1/2026/11/${FILE}`],
    [
      'a folder below the hour',
      `AWSLogs/123456789012/vpcflowlogs/eu-west-1/2026/11/01/07/x/${FILE}`,
    ],
    ['the write test object', 'AWSLogs/aws-logs-write-test'],
    ['no AWSLogs folder', `logs/2026/11/01/${FILE}`],
  ])('rejects %s', (_case, key) => {
    expect(parseFlowLogKey(key)).toBeNull();
  });
});

describe('pruning by position', () => {
  const at = (...segments: string[]) => {
    const position = advanceAll(AWS_LOGS_POSITION, segments);
    if (position === null) throw new Error(`not a layout path: ${segments.join('/')}`);
    return position;
  };
  const region = ['123456789012', 'vpcflowlogs', 'eu-west-1'];
  const window = {
    since: new Date('2026-11-01T00:00:00Z'),
    until: new Date('2026-11-03T00:00:00Z'),
  };

  it('covers a year, a month, a day and an hour', () => {
    const iso = (at: ReturnType<typeof timeRangeOf>) =>
      at && [new Date(at.start).toISOString(), new Date(at.end).toISOString()];
    expect(iso(timeRangeOf(at(...region)))).toBeNull();
    expect(iso(timeRangeOf(at(...region, '2026')))).toEqual([
      '2026-01-01T00:00:00.000Z',
      '2027-01-01T00:00:00.000Z',
    ]);
    expect(iso(timeRangeOf(at(...region, '2026', '12')))).toEqual([
      '2026-12-01T00:00:00.000Z',
      '2027-01-01T00:00:00.000Z',
    ]);
    expect(iso(timeRangeOf(at(...region, '2026', '12', '31', '23')))).toEqual([
      '2026-12-31T23:00:00.000Z',
      '2027-01-01T00:00:00.000Z',
    ]);
  });

  it.each([
    ['the window', [...region, '2026', '11', '02'], true, true],
    [
      'the last day, which ends after the delivery delay',
      [...region, '2026', '11', '03'],
      true,
      false,
    ],
    [
      'the first hour after the window: late deliveries',
      [...region, '2026', '11', '03', '00'],
      true,
      true,
    ],
    ['the second hour after it', [...region, '2026', '11', '03', '01'], false, false],
    ['the day before', [...region, '2026', '10', '31'], false, false],
    ['the month', [...region, '2026', '11'], true, false],
    ['an account folder', ['123456789012'], true, false],
    ['a region folder', region, true, false],
  ])('%s', (_case, segments, may, only) => {
    expect(mayHoldMatches(at(...segments), window)).toBe(may);
    expect(holdsOnlyMatches(at(...segments), window)).toBe(only);
  });

  it('prunes accounts and regions, and lists a whole folder only below the service', () => {
    const filter = { accounts: ['123456789012'], regions: ['eu-west-1'] };
    expect(mayHoldMatches(at('210987654321'), filter)).toBe(false);
    expect(mayHoldMatches(at('123456789012'), filter)).toBe(true);
    expect(holdsOnlyMatches(at('123456789012'), filter)).toBe(false);
    expect(mayHoldMatches(at('123456789012', 'vpcflowlogs', 'us-east-1'), filter)).toBe(false);
    expect(holdsOnlyMatches(at(...region), filter)).toBe(true);
    expect(holdsOnlyMatches(at('123456789012', 'vpcflowlogs'), {})).toBe(true);
    expect(holdsOnlyMatches(at('123456789012'), {})).toBe(false);
  });
});

describe('s3FailureKind', () => {
  it.each([
    [{ name: 'NoSuchBucket', $metadata: { httpStatusCode: 404 } }, 'no-such-bucket'],
    [{ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }, 'access-denied'],
    [{ name: '403', $metadata: { httpStatusCode: 403 } }, 'access-denied'],
    [{ name: 'InvalidAccessKeyId', $metadata: { httpStatusCode: 403 } }, 'rejected-credentials'],
    [{ name: 'ExpiredToken', $metadata: { httpStatusCode: 400 } }, 'rejected-credentials'],
    [{ name: 'PermanentRedirect', $metadata: { httpStatusCode: 301 } }, 'wrong-region'],
    [{ name: '301', $metadata: { httpStatusCode: 301 } }, 'wrong-region'],
    [{ name: 'AuthorizationHeaderMalformed', $metadata: { httpStatusCode: 400 } }, 'wrong-region'],
    [{ name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } }, 'no-such-key'],
    [{ name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 } }, 'changed'],
    [{ name: 'CredentialsProviderError', message: 'Could not load credentials' }, 'no-credentials'],
    [new Error('Region is missing'), 'no-region'],
    [new Error('socket hang up'), 'other'],
    [{ name: 'InternalError', $metadata: { httpStatusCode: 500 } }, 'other'],
  ])('%o is %s', (error, kind) => {
    expect(s3FailureKind(error)).toBe(kind);
  });
});
