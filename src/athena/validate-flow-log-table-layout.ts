import { StaleSgError } from '../errors.js';
import { isFlowLogField } from '../flow-logs/flow-log-fields.js';
import { DEFAULT_FLOW_LOG_FIELDS, type FlowLogTableLayout } from './flow-log-table.js';

/**
 * Glue's own rule for database and table names, narrowed to lower case:
 * Athena lower-cases names anyway, and one spelling keeps them comparable.
 */
const GLUE_NAME = /^[a-z_][a-z0-9_]{0,254}$/;

/**
 * S3's naming rules for general purpose buckets: 3 to 63 lower-case letters,
 * digits, dots and hyphens, starting and ending with a letter or digit.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

const IP_ADDRESS = /^\d+\.\d+\.\d+\.\d+$/;

const ACCOUNT_ID = /^\d{12}$/;

/** `eu-west-1`, `us-gov-west-1`, `ap-southeast-7`: what region names look like. */
const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d$/;

/**
 * Characters a prefix may not have. The prefix is written into SQL string
 * literals (LOCATION, and the projection's location template), so quotes and
 * backslashes could end them, and `${` would start a template variable.
 * Whitespace and control characters have no place in a delivery prefix.
 */
const UNSAFE_PREFIX = /['"`\\\s\p{Cc}]|\$\{/u;

/**
 * Checks every setting of a layout that reaches SQL, so that the DDL and the
 * partition filter may write them into the statement as they are: this is
 * SQL built from user input. Throws INVALID_ARGUMENT naming the setting and
 * the value.
 */
export function validateFlowLogTableLayout(layout: FlowLogTableLayout): void {
  checkName('database', layout.database);
  checkName('table', layout.table);
  checkBucket(layout.bucket);
  checkPrefix(layout.prefix);
  checkChoice('format', layout.format, ['text', 'parquet']);
  checkChoice('layout', layout.layout, ['plain', 'hive']);
  checkChoice('partitioning', layout.partitioning, ['daily', 'hourly']);
  checkList('accounts', layout.accounts, ACCOUNT_ID, 'a 12-digit AWS account id');
  checkList('regions', layout.regions, REGION_NAME, 'a region name such as eu-west-1');
  checkFields(layout.fields ?? DEFAULT_FLOW_LOG_FIELDS);
}

function invalid(message: string): StaleSgError {
  return new StaleSgError('INVALID_ARGUMENT', message);
}

function checkName(setting: string, name: string): void {
  if (!GLUE_NAME.test(name)) {
    throw invalid(
      `${setting}: expected lower-case letters, digits and underscores, not starting with a ` +
        `digit, at most 255 characters; found "${name}"`,
    );
  }
}

function checkBucket(bucket: string): void {
  if (!BUCKET_NAME.test(bucket) || bucket.includes('..') || IP_ADDRESS.test(bucket)) {
    throw invalid(
      `bucket: expected an S3 bucket name (3 to 63 lower-case letters, digits, dots and ` +
        `hyphens), found "${bucket}"`,
    );
  }
}

function checkPrefix(prefix: string): void {
  if (UNSAFE_PREFIX.test(prefix)) {
    throw invalid(
      `prefix: quotes, backslashes, whitespace and "\${" cannot be part of a flow log ` +
        `prefix; found "${prefix}"`,
    );
  }
  if (prefix.startsWith('/') || prefix.includes('//')) {
    throw invalid(`prefix: expected folders separated by single slashes, found "${prefix}"`);
  }
  // A location copied down to the AWSLogs folder would put AWSLogs/ twice into every path.
  if (prefix.replace(/\/+$/, '').split('/').at(-1) === 'AWSLogs') {
    throw invalid(
      `prefix: give the location above AWSLogs/ (the flow log's destination), found "${prefix}"`,
    );
  }
}

function checkChoice(setting: string, value: string, choices: readonly string[]): void {
  if (!choices.includes(value)) {
    throw invalid(`${setting}: expected ${choices.join(' or ')}, found "${value}"`);
  }
}

function checkList(
  setting: string,
  values: readonly string[],
  pattern: RegExp,
  expected: string,
): void {
  if (values.length === 0) throw invalid(`${setting}: expected at least one, found none`);

  for (const value of values) {
    if (!pattern.test(value)) throw invalid(`${setting}: expected ${expected}, found "${value}"`);
  }
}

/**
 * Fields must be AWS's names, each once: in a text file they name the
 * columns in order, and two columns of one name would make the DDL fail.
 */
function checkFields(fields: readonly string[]): void {
  if (fields.length === 0) throw invalid('fields: expected at least one field, found none');

  const seen = new Set<string>();
  for (const field of fields) {
    if (!isFlowLogField(field)) {
      throw invalid(
        `fields: "${field}" is not a flow log field; expected AWS's names such as ` +
          `account-id or tcp-flags (https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html)`,
      );
    }
    if (seen.has(field)) throw invalid(`fields: "${field}" appears twice`);
    seen.add(field);
  }
}
