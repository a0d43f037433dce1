import { GetQueryResultsCommand, type GetQueryResultsOutput } from '@aws-sdk/client-athena';
import { describe, expect, it } from 'vitest';

import { queryResultColumns, readQueryResults } from '../../src/athena/read-query-results.js';
import { useAwsTestEnvironment } from '../aws/aws-test-environment.js';
import { athenaClient, mockAthena } from './mock-athena.js';

useAwsTestEnvironment();
const athena = mockAthena();

const COLUMNS = ['rule_id', 'hits', 'last_seen'];

/** A page of GetQueryResults; `undefined` in a row is a value without VarCharValue. */
function page(rows: readonly (readonly (string | undefined)[])[], next?: string) {
  return {
    ResultSet: {
      ResultSetMetadata: { ColumnInfo: COLUMNS.map((Name) => ({ Name, Type: 'varchar' })) },
      Rows: rows.map((row) => ({
        Data: row.map((value) => (value === undefined ? {} : { VarCharValue: value })),
      })),
    },
    ...(next === undefined ? {} : { NextToken: next }),
  } satisfies GetQueryResultsOutput;
}

async function all<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const collected: T[] = [];
  for await (const row of rows) collected.push(row);
  return collected;
}

function requests() {
  return athena.commandCalls(GetQueryResultsCommand).map((call) => call.args[0].input);
}

describe('readQueryResults', () => {
  it('reads every page, skips the header row of the first, and reads missing values as null', async () => {
    athena
      .on(GetQueryResultsCommand)
      .resolvesOnce(
        page([COLUMNS, ['sgr-1', '10', '2026-11-07'], ['sgr-2', '0', undefined]], 'page-2'),
      )
      .resolvesOnce(
        page(
          [
            ['rule_id', '3', '2026-11-01'],
            ['sgr-4', '1', '2026-11-02'],
          ],
          'page-3',
        ),
      )
      .resolvesOnce(page([['sgr-5', undefined]]));

    const rows = await all(readQueryResults(athenaClient(), 'q-1'));

    expect(rows).toEqual([
      { rule_id: 'sgr-1', hits: '10', last_seen: '2026-11-07' },
      { rule_id: 'sgr-2', hits: '0', last_seen: null },
      // A later page's first row is data, even when it looks like the header.
      { rule_id: 'rule_id', hits: '3', last_seen: '2026-11-01' },
      { rule_id: 'sgr-4', hits: '1', last_seen: '2026-11-02' },
      { rule_id: 'sgr-5', hits: null, last_seen: null },
    ]);
    expect(requests()).toEqual([
      { QueryExecutionId: 'q-1', MaxResults: 1000 },
      { QueryExecutionId: 'q-1', MaxResults: 1000, NextToken: 'page-2' },
      { QueryExecutionId: 'q-1', MaxResults: 1000, NextToken: 'page-3' },
    ]);
  });

  it('takes a page size, and keeps the first row of statements without a header', async () => {
    athena.on(GetQueryResultsCommand).resolves(page([['flow_logs']]));

    const rows = await all(
      readQueryResults(athenaClient(), 'q-2', { pageSize: 50, headerRow: false }),
    );

    expect(rows).toEqual([{ rule_id: 'flow_logs', hits: null, last_seen: null }]);
    expect(requests()).toEqual([{ QueryExecutionId: 'q-2', MaxResults: 50 }]);
  });

  it('yields nothing for a result with only its header', async () => {
    athena.on(GetQueryResultsCommand).resolves(page([COLUMNS]));

    expect(await all(readQueryResults(athenaClient(), 'q-3'))).toEqual([]);
  });

  it.each([0, 1001, 2.5])('rejects the page size %d before calling Athena', async (pageSize) => {
    await expect(all(readQueryResults(athenaClient(), 'q-4', { pageSize }))).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    expect(requests()).toEqual([]);
  });
});

describe('queryResultColumns', () => {
  it('names the columns in order, and unnamed ones as Athena would', () => {
    expect(
      queryResultColumns({
        ResultSet: { ResultSetMetadata: { ColumnInfo: [{ Name: 'a', Type: 'x' }, { Type: 'y' }] } },
      } as GetQueryResultsOutput),
    ).toEqual(['a', '_col1']);
    expect(queryResultColumns({})).toEqual([]);
  });
});
