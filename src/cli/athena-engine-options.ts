import { Option, type Command } from 'commander';
import type { FlowLogTableLayout } from '../athena/flow-log-table.js';
import { collectFields } from './parse-options.js';

/**
 * The flags of `analyze --engine athena`, beside analyze's own. Only the
 * flags live here: the Athena client and its modules load when the engine
 * runs (`athena-analysis.ts`), not at every start of `analyze`.
 */
export interface AthenaEngineFlags {
  readonly engine: 'duckdb' | 'athena';
  readonly athenaTable: string;
  readonly workgroup: string;
  readonly athenaOutput?: string;
  readonly athenaData?: string;
  readonly logFormat: FlowLogTableLayout['format'];
  readonly logLayout: FlowLogTableLayout['layout'];
  readonly partitioning: FlowLogTableLayout['partitioning'];
  readonly fields?: string[];
}

export function addAthenaEngineOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '--engine <engine>',
        'duckdb reads the flow logs here; athena has Athena scan them in S3 (see athena init)',
      )
        .choices(['duckdb', 'athena'])
        .default('duckdb'),
    )
    .option(
      '--athena-table <database.table>',
      'the Glue table of athena init',
      'stale_sg.flow_logs',
    )
    .option('--workgroup <name>', 'Athena workgroup', 'primary')
    .option('--athena-output <s3-url>', "where Athena writes results, if not the workgroup's")
    .option(
      '--athena-data <s3-url>',
      'where the inventory is uploaded for Athena (athena init --data)',
    )
    .addOption(
      new Option('--log-format <format>', 'athena: file format of the flow logs')
        .choices(['text', 'parquet'])
        .default('text'),
    )
    .addOption(
      new Option('--log-layout <layout>', 'athena: hive for Hive-compatible S3 prefixes')
        .choices(['plain', 'hive'])
        .default('plain'),
    )
    .addOption(
      new Option('--partitioning <period>', 'athena: daily or hourly S3 prefixes')
        .choices(['daily', 'hourly'])
        .default('daily'),
    )
    .option('--fields <field...>', 'athena: the custom log format, in order', collectFields);
}
