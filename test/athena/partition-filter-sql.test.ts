import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { logDateFormat } from '../../src/athena/log-date-format.js';
import { partitionFilterSql } from '../../src/athena/partition-filter-sql.js';
import { StaleSgError } from '../../src/errors.js';
import { layout } from './fixtures.js';

const WEEK = { since: new Date('2026-11-01T00:00:00Z'), until: new Date('2026-11-08T00:00:00Z') };

const STYLES = (['plain', 'hive'] as const).flatMap((style) =>
  (['daily', 'hourly'] as const).map((partitioning) => ({ style, partitioning })),
);

describe('partitionFilterSql', () => {
  it('restricts accounts, regions and days; the last day is the one a late file can land in', () => {
    const sql = partitionFilterSql(
      layout({ accounts: ['111111111111'], regions: ['eu-west-1'] }),
      WEEK,
    );

    expect(sql).toBe(
      "aws_account IN ('111111111111') AND aws_region IN ('eu-west-1') AND " +
        "log_date >= '2026/11/01' AND log_date < '2026/11/09'",
    );
  });

  it.each([
    {
      case: 'plain daily, rounded outward to whole days',
      change: {},
      since: '2026-11-01T05:30:00Z',
      until: '2026-11-07T12:00:00Z',
      from: '2026/11/01',
      to: '2026/11/08',
    },
    {
      case: 'plain daily, a window ending late in the day takes the next folder too',
      change: {},
      since: '2026-11-01T00:00:00Z',
      until: '2026-11-07T23:30:00Z',
      from: '2026/11/01',
      to: '2026/11/09',
    },
    {
      case: 'plain hourly, with hours',
      change: { partitioning: 'hourly' as const },
      since: '2026-11-30T05:59:59Z',
      until: '2026-11-30T07:00:00Z',
      from: '2026/11/30/05',
      to: '2026/11/30/08',
    },
    {
      case: 'plain hourly, across midnight and a year',
      change: { partitioning: 'hourly' as const },
      since: '2026-12-31T22:00:00Z',
      until: '2026-12-31T23:10:00Z',
      from: '2026/12/31/22',
      to: '2027/01/01/01',
    },
    {
      case: 'hive daily',
      change: { layout: 'hive' as const },
      since: '2026-02-27T10:00:00Z',
      until: '2026-02-28T10:00:00Z',
      from: 'year=2026/month=02/day=27',
      to: 'year=2026/month=03/day=01',
    },
    {
      case: 'hive hourly',
      change: { layout: 'hive' as const, partitioning: 'hourly' as const },
      since: '2026-11-30T05:00:00Z',
      until: '2026-11-30T06:00:00Z',
      from: 'year=2026/month=11/day=30/hour=05',
      to: 'year=2026/month=11/day=30/hour=07',
    },
  ])('$case', ({ change, since, until, from, to }) => {
    const sql = partitionFilterSql(layout(change), {
      since: new Date(since),
      until: new Date(until),
    });

    expect(sql).toContain(`log_date >= '${from}' AND log_date < '${to}'`);
  });

  it('lists every account and region once', () => {
    const sql = partitionFilterSql(
      layout({ accounts: ['111111111111', '222222222222', '111111111111'] }),
      WEEK,
    );

    expect(sql).toContain(
      "aws_account IN ('111111111111', '222222222222') AND " +
        "aws_region IN ('eu-west-1', 'us-east-1')",
    );
  });

  it.each([
    { case: 'an empty window', since: '2026-11-08', until: '2026-11-08' },
    { case: 'a reversed window', since: '2026-11-08', until: '2026-11-01' },
    { case: 'an invalid date', since: 'soon', until: '2026-11-01' },
    { case: 'a window before 1970', since: '1969-12-01', until: '1970-01-02' },
    { case: 'a window past 9999', since: '9999-12-31T12:00:00Z', until: '9999-12-31T23:30:00Z' },
  ])('rejects $case', ({ since, until }) => {
    const run = () =>
      partitionFilterSql(layout(), { since: new Date(since), until: new Date(until) });

    expect(run).toThrow(StaleSgError);
    expect(run).toThrow(/^expected a window/);
  });

  it('validates the layout before writing anything', () => {
    expect(() => partitionFilterSql(layout({ accounts: ["1' OR '1'='1"] }), WEEK)).toThrow(
      /^accounts: expected a 12-digit AWS account id/,
    );
  });
});

describe('log_date values', () => {
  const DAY = 86_400_000;
  /** Instants whose partitions have four-digit years, as partitionFilterSql allows. */
  const instant = fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(9999, 11, 28) });
  /** Pairs of any two instants, and pairs in the same or neighbouring partitions. */
  const pair = fc.oneof(
    fc.tuple(instant, instant),
    fc
      .tuple(instant, fc.integer({ min: -3 * DAY, max: 3 * DAY }))
      .map(([a, offset]) => [a, a + offset] as const),
  );

  it.each(STYLES)(
    'compare as strings (as Trino does) in time order: $style, $partitioning',
    ({ style, partitioning }) => {
      const dates = logDateFormat({ layout: style, partitioning });
      const partition = (ms: number) => Math.floor(ms / dates.stepMs);

      fc.assert(
        fc.property(pair, ([a, b]) => {
          const [x, y] = [dates.format(new Date(a)), dates.format(new Date(b))];

          expect(x.length).toBe(y.length);
          expect(x < y ? -1 : x > y ? 1 : 0).toBe(Math.sign(partition(a) - partition(b)));
        }),
        { numRuns: 1000 },
      );
    },
  );
});
