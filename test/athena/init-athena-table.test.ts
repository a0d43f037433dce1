import { GetQueryExecutionCommand, StartQueryExecutionCommand } from '@aws-sdk/client-athena';
import { describe, expect, it } from 'vitest';

import { createDatabaseSql, createFlowLogTableSql } from '../../src/athena/flow-log-table-ddl.js';
import { initAthenaTable, initAthenaTableSql } from '../../src/athena/init-athena-table.js';
import { useAwsTestEnvironment } from '../aws/aws-test-environment.js';
import { layout } from './fixtures.js';
import { athenaClient, execution, fakeTime, mockAthena } from './mock-athena.js';

useAwsTestEnvironment();
const athena = mockAthena();

function starts() {
  return athena.commandCalls(StartQueryExecutionCommand).map((call) => call.args[0].input);
}

describe('initAthenaTable', () => {
  it('creates the database, then the table, in the workgroup, reporting progress per step', async () => {
    athena
      .on(StartQueryExecutionCommand)
      .resolvesOnce({ QueryExecutionId: 'q-database' })
      .resolvesOnce({ QueryExecutionId: 'q-table' });
    athena
      .on(GetQueryExecutionCommand)
      .resolvesOnce(execution('RUNNING', { statementType: 'DDL' }))
      .resolvesOnce(execution('SUCCEEDED', { statementType: 'DDL' }))
      .resolvesOnce(execution('SUCCEEDED', { statementType: 'DDL' }));
    const progress: unknown[] = [];
    const table = layout({ format: 'parquet', layout: 'hive' });
    const start = new Date('2024-01-01T00:00:00Z');

    const result = await initAthenaTable(athenaClient(), table, {
      workGroup: 'analytics',
      outputLocation: 's3://athena-results/',
      projectionStart: start,
      onProgress: (step, state) => progress.push([step, state]),
      ...fakeTime(),
    });

    expect(starts()).toEqual([
      {
        QueryString: createDatabaseSql(table),
        WorkGroup: 'analytics',
        ResultConfiguration: { OutputLocation: 's3://athena-results/' },
      },
      {
        QueryString: createFlowLogTableSql(table, { projectionStart: start }),
        WorkGroup: 'analytics',
        ResultConfiguration: { OutputLocation: 's3://athena-results/' },
      },
    ]);
    expect(progress).toEqual([
      ['database', 'RUNNING'],
      ['database', 'SUCCEEDED'],
      ['table', 'SUCCEEDED'],
    ]);
    expect(result).toMatchObject({
      database: 'stale_sg',
      table: 'stale_sg.flow_logs',
      location: 's3://example-flow-logs/central/AWSLogs/',
    });
    expect(result.queries.map((query) => [query.queryExecutionId, query.costUsd])).toEqual([
      ['q-database', 0],
      ['q-table', 0],
    ]);
  });

  it('does not create the table when the database could not be created', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-database' });
    athena.on(GetQueryExecutionCommand).resolves(
      execution('FAILED', {
        status: { StateChangeReason: 'FAILED: AccessDeniedException: glue:CreateDatabase' },
      }),
    );

    await expect(
      initAthenaTable(athenaClient(), layout(), { workGroup: 'primary', ...fakeTime() }),
    ).rejects.toMatchObject({
      code: 'QUERY_FAILED',
      message: 'Athena query q-database failed: FAILED: AccessDeniedException: glue:CreateDatabase',
    });
    expect(starts()).toHaveLength(1);
  });

  it('sends nothing for an invalid layout', async () => {
    await expect(
      initAthenaTable(athenaClient(), layout({ regions: ['mars-1'] }), { workGroup: 'primary' }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(starts()).toEqual([]);
  });
});

describe('initAthenaTableSql', () => {
  it('lists the two statements in the order they run', () => {
    expect(initAthenaTableSql(layout()).map((statement) => statement.step)).toEqual([
      'database',
      'table',
    ]);
  });
});
