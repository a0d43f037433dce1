import { Command, InvalidArgumentError, Option } from 'commander';
import type { QueryExecutionState } from '@aws-sdk/client-athena';

import { createAthenaClient } from '../athena/create-athena-client.js';
import type { FlowLogTableLayout } from '../athena/flow-log-table.js';
import {
  initAthenaTable,
  initAthenaTableSql,
  type InitAthenaTableResult,
  type InitStep,
} from '../athena/init-athena-table.js';
import { formatDuration } from '../athena/query-execution-errors.js';
import { validateFlowLogTableLayout } from '../athena/validate-flow-log-table-layout.js';
import { configuredRegion } from '../aws/configured-region.js';
import { StaleSgError } from '../errors.js';
import { collectFields } from './parse-options.js';
import { parseS3Url } from '../s3/parse-s3-url.js';
import { COMMAND_SUMMARIES } from './command-summaries.js';

interface InitFlags {
  readonly flowLogs: string;
  readonly database: string;
  readonly table: string;
  readonly format: FlowLogTableLayout['format'];
  readonly layout: FlowLogTableLayout['layout'];
  readonly partitioning: FlowLogTableLayout['partitioning'];
  readonly accounts: string[];
  readonly regions: string[];
  readonly fields?: string[];
  readonly projectionStart?: Date;
  readonly workgroup: string;
  readonly output?: string;
  readonly region?: string;
  readonly profile?: string;
  readonly print?: boolean;
  readonly data?: string;
}

const STATEMENT_NAMES: Readonly<Record<InitStep, string>> = {
  database: 'CREATE DATABASE',
  table: 'CREATE TABLE',
  inventory: 'CREATE TABLE (inventory)',
};

export function athenaCommand(): Command {
  const athena = new Command('athena')
    .summary(COMMAND_SUMMARIES.athena)
    .description(
      'Athena reads the flow logs in place, in S3, through a Glue table; `athena init` ' +
        'creates that table for the layout the flow logs were delivered in.',
    )
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');

  athena.addCommand(initCommand().exitOverride().showHelpAfterError('(run with --help for usage)'));
  return athena;
}

function initCommand(): Command {
  return new Command('init')
    .summary('create the Glue database and flow log table that Athena queries')
    .description(
      'Creates a Glue database and an external table over the flow logs in S3, by running ' +
        'CREATE DATABASE and CREATE TABLE (both IF NOT EXISTS: an existing table is left as ' +
        'it is) in an Athena workgroup. The table uses partition projection: Athena computes ' +
        'the S3 folders of the accounts, regions and days a query asks for from the table ' +
        'definition, so no crawler or MSCK REPAIR TABLE has to keep a partition list. ' +
        'Give the flow log destination as it was set (the location above AWSLogs/), and ' +
        'its options: file format, Hive-compatible prefixes, per-hour partitions, and the ' +
        'custom log format if there is one. With --print, nothing is sent to AWS.',
    )
    .requiredOption('--flow-logs <s3-url>', "the flow logs' destination, s3://bucket/prefix/")
    .requiredOption('--accounts <id...>', 'the accounts whose flow logs the table reads')
    .requiredOption('--regions <region...>', 'the regions whose flow logs the table reads')
    .option('--database <name>', 'Glue database', 'stale_sg')
    .option('--table <name>', 'Glue table', 'flow_logs')
    .addOption(
      new Option('--format <format>', 'file format of the flow logs')
        .choices(['text', 'parquet'])
        .default('text'),
    )
    .addOption(
      new Option('--layout <layout>', 'hive: the flow log has Hive-compatible S3 prefixes')
        .choices(['plain', 'hive'])
        .default('plain'),
    )
    .addOption(
      new Option('--partitioning <period>', 'hourly: the flow log partitions per hour')
        .choices(['daily', 'hourly'])
        .default('daily'),
    )
    .option(
      '--fields <field...>',
      'the custom log format, in order: "version account-id ..." or "${version} ${account-id} ' +
        '..." as the flow log shows it (default: the default format)',
      collectFields,
    )
    .option(
      '--projection-start <date>',
      'the first day the table projects (default 2020-01-01)',
      parseDay,
    )
    .option(
      '--data <s3-url>',
      "where `analyze --engine athena` uploads each run's inventory, s3://bucket/prefix/; " +
        'also creates the four inventory tables that read it',
    )
    .option('--workgroup <name>', 'Athena workgroup to run the statements in', 'primary')
    .option('--output <s3-url>', "where Athena writes results, if not the workgroup's location")
    .option('--region <region>', 'region of Athena and the Glue catalog (default: AWS_REGION)')
    .option('--profile <name>', 'use this profile of the AWS config files')
    .option('--print', 'print the two statements instead of running them')
    .action(async (flags: InitFlags) => {
      const layout = layoutOf(flags);
      if (flags.print === true) {
        printStatements(layout, flags);
        return;
      }
      const result = await runInit(layout, flags);
      console.error(summaryOf(result, layout));
    });
}

/** The layout the flags describe, validated before anything else is checked or sent. */
function layoutOf(flags: InitFlags): FlowLogTableLayout {
  const { bucket, prefix } = parseS3Url(flags.flowLogs);
  const layout: FlowLogTableLayout = {
    database: flags.database,
    table: flags.table,
    bucket,
    prefix,
    format: flags.format,
    layout: flags.layout,
    partitioning: flags.partitioning,
    accounts: flags.accounts,
    regions: flags.regions,
    ...(flags.fields === undefined ? {} : { fields: flags.fields }),
  };
  validateFlowLogTableLayout(layout);
  return layout;
}

function printStatements(layout: FlowLogTableLayout, flags: InitFlags): void {
  const statements = initAthenaTableSql(layout, {
    projectionStart: flags.projectionStart,
    inventoryData: inventoryDataOf(flags),
  });
  process.stdout.write(statements.map((statement) => `${statement.sql};\n`).join('\n'));
}

function inventoryDataOf(flags: InitFlags): { bucket: string; prefix: string } | undefined {
  return flags.data === undefined ? undefined : parseS3Url(flags.data);
}

/** Runs the statements; Ctrl-C stops the running one instead of leaving it behind. */
async function runInit(layout: FlowLogTableLayout, flags: InitFlags) {
  if (flags.output !== undefined) parseS3Url(flags.output);
  const region = await athenaRegion(flags);

  const client = createAthenaClient({ region, profile: flags.profile });
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);

  try {
    return await initAthenaTable(client, layout, {
      workGroup: flags.workgroup,
      outputLocation: flags.output,
      projectionStart: flags.projectionStart,
      inventoryData: inventoryDataOf(flags),
      signal: controller.signal,
      onProgress: showProgress,
    });
  } finally {
    process.removeListener('SIGINT', interrupt);
    if (process.stderr.isTTY) process.stderr.write('\r\u001b[K');
    client.destroy();
  }
}

/**
 * Asked here rather than left to the SDK, whose error would point at the
 * wrong flag: `--regions` names the flow logs' regions, not Athena's.
 */
async function athenaRegion(flags: InitFlags): Promise<string> {
  const region = flags.region ?? (await configuredRegion(flags.profile));
  if (region === undefined) {
    throw new StaleSgError(
      'INVALID_ARGUMENT',
      'no region for Athena: pass --region, or set AWS_REGION or the region of the profile',
    );
  }
  return region;
}

/** One line, redrawn in place, on a terminal only. */
function showProgress(step: InitStep, state: QueryExecutionState, elapsedMs: number): void {
  if (!process.stderr.isTTY) return;
  const line = `${STATEMENT_NAMES[step]}: ${state.toLowerCase()}, ${formatDuration(elapsedMs)}`;
  process.stderr.write(`\r${line}\u001b[K`);
}

function summaryOf(result: InitAthenaTableResult, layout: FlowLogTableLayout): string {
  const accounts = plural(new Set(layout.accounts).size, 'account');
  const regions = plural(new Set(layout.regions).size, 'region');
  return (
    `Created database ${result.database} and table ${result.table} (unless they existed), ` +
    `reading ${layout.format} flow logs of ${accounts} in ${regions} from ${result.location} ` +
    `(${layout.layout} layout, ${layout.partitioning} partitions)`
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function parseDay(text: string): Date {
  const date = new Date(`${text}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(date.getTime())) {
    throw new InvalidArgumentError(`expected a date such as 2021-06-01, found "${text}"`);
  }
  return date;
}
