import {
  GetQueryResultsCommand,
  type AthenaClient,
  type GetQueryResultsOutput,
  type Row,
} from '@aws-sdk/client-athena';

import { explainAwsError } from '../aws/explain-aws-error.js';
import { StaleSgError } from '../errors.js';

/** One row of a result: column name to value, NULL as null. */
export type QueryResultRow = Record<string, string | null>;

export interface ReadQueryResultsOptions {
  /** Rows per GetQueryResults call; 1000, the most Athena allows, if absent. */
  readonly pageSize?: number;
  /**
   * Whether the first row is the header that SELECT results begin with
   * (the default). DDL and utility statements (SHOW, DESCRIBE) have none.
   */
  readonly headerRow?: boolean;
}

export const MAX_PAGE_SIZE = 1000;

/**
 * The rows of a finished query, page by page (GetQueryResults with
 * NextToken), as records keyed by the result's column names. Every value
 * comes as text, whatever the column's type; a value without VarCharValue
 * is NULL.
 *
 * Athena's results of a SELECT begin with a row that repeats the column
 * names, as the CSV file in the output location does; it is skipped. Only
 * the first page has it.
 */
export async function* readQueryResults(
  client: AthenaClient,
  queryExecutionId: string,
  options: ReadQueryResultsOptions = {},
): AsyncGenerator<QueryResultRow> {
  const pageSize = checkedPageSize(options.pageSize ?? MAX_PAGE_SIZE);
  let skip = options.headerRow ?? true;
  let columns: readonly string[] = [];
  let token: string | undefined;

  do {
    const page = await readPage(client, queryExecutionId, pageSize, token);
    const named = queryResultColumns(page);
    if (named.length > 0) columns = named;

    for (const row of page.ResultSet?.Rows ?? []) {
      if (skip) {
        skip = false;
        continue;
      }
      yield recordOf(row, columns);
    }
    skip = false;
    token = page.NextToken;
  } while (token !== undefined);
}

/** The column names of a result page, in order, from its ResultSetMetadata. */
export function queryResultColumns(page: GetQueryResultsOutput): string[] {
  const info = page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? [];
  return info.map((column, index) => column.Name ?? `_col${index}`);
}

async function readPage(
  client: AthenaClient,
  queryExecutionId: string,
  pageSize: number,
  token: string | undefined,
): Promise<GetQueryResultsOutput> {
  try {
    return await client.send(
      new GetQueryResultsCommand({
        QueryExecutionId: queryExecutionId,
        MaxResults: pageSize,
        ...(token === undefined ? {} : { NextToken: token }),
      }),
    );
  } catch (error) {
    throw explainAwsError(error, { action: 'athena:GetQueryResults' });
  }
}

function recordOf(row: Row, columns: readonly string[]): QueryResultRow {
  const data = row.Data ?? [];
  const record: QueryResultRow = {};
  columns.forEach((column, index) => {
    record[column] = data[index]?.VarCharValue ?? null;
  });
  return record;
}

function checkedPageSize(pageSize: number): number {
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new StaleSgError(
      'INVALID_ARGUMENT',
      `pageSize: expected a whole number from 1 to ${MAX_PAGE_SIZE}, found ${pageSize}`,
    );
  }
  return pageSize;
}
