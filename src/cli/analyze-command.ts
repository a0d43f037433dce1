import { writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { analyze, type PortRange } from '../analyze.js';
import { REPORT_FORMATS, formatReport, type ReportFormat } from '../report/format-report.js';
import type { Report } from '../report/report.js';
import {
  parseDays,
  memoryLimitOption,
  parsePortRange,
  parseSince,
  parseUntil,
} from './parse-options.js';
import { addAthenaEngineOptions, type AthenaEngineFlags } from './athena-engine-options.js';
import { progressBar } from './progress-bar.js';
import { terminalText, useColor } from './terminal.js';
import { COMMAND_SUMMARIES } from './command-summaries.js';

interface AnalyzeFlags extends AthenaEngineFlags {
  readonly inventory: string;
  readonly flowLogs: string[];
  readonly format: ReportFormat;
  readonly out?: string;
  readonly since?: Date;
  readonly until?: Date;
  readonly staleAfter?: number;
  readonly ephemeralPorts?: PortRange;
  readonly strict?: boolean;
  readonly tempDir?: string;
  readonly memoryLimit?: string;
  readonly region?: string;
  readonly forcePathStyle?: boolean;
  readonly accounts?: string[];
  readonly regions?: string[];
}

export function analyzeCommand(): Command {
  const command = new Command('analyze')
    .summary(COMMAND_SUMMARIES.analyze)
    .description(
      'Reads an inventory of security groups (AWS CLI JSON exports) and VPC Flow Log files, ' +
        'attributes every accepted request to the rules that allowed it, and reports each ' +
        "rule's verdict: used, stale, unobserved or unattached. Stateless: nothing is stored.",
    )
    .requiredOption('--inventory <dir>', 'directory of AWS CLI JSON exports (see README)')
    .requiredOption(
      '--flow-logs <path...>',
      'flow log files or directories, searched recursively (.log, .log.gz, .parquet)',
    )
    .addOption(
      new Option('--format <format>', 'report format').choices(REPORT_FORMATS).default('table'),
    )
    .option('--out <file>', 'write the report to a file instead of stdout')
    .option(
      '--since <date>',
      'only records starting at or after this date or timestamp',
      parseSince,
    )
    .option(
      '--until <date>',
      'only records starting before this timestamp, or by the end of this date',
      parseUntil,
    )
    .option(
      '--stale-after <days>',
      "a rule is used only with a hit within DAYS of the window's end",
      parseDays,
    )
    .option(
      '--ephemeral-ports <from-to>',
      'client port range that tells requests from responses (default 32768-65535)',
      parsePortRange,
    )
    .option(
      '--strict',
      'fail on the first malformed record or unreadable file instead of skipping it',
    )
    .option(
      '--temp-dir <dir>',
      'where compressed flow logs are unpacked while read (default: system temp)',
    )
    .addOption(memoryLimitOption())
    .option('--region <region>', 'region of the flow log bucket, for s3:// locations')
    .option('--force-path-style', 'path-style S3 addressing, for S3-compatible servers')
    .option('--accounts <id...>', 'only flow logs of these accounts (s3:// locations)')
    .option('--regions <region...>', 'only flow logs of these regions (s3:// locations)');
  return addAthenaEngineOptions(command)
    .addHelpText(
      'after',
      `
Examples:
  $ stale-sg analyze --inventory inventory --flow-logs flow-logs
  $ stale-sg analyze --inventory inventory --flow-logs flow-logs/2026/11 \\
      --since 2026-11-01 --until 2026-11-30 --stale-after 30 --format json --out report.json
  $ stale-sg analyze --engine athena --inventory inventory --flow-logs s3://my-flow-logs/ \\
      --accounts 111122223333 --regions eu-west-1 --athena-data s3://my-bucket/stale-sg/ \\
      --since 2026-11-01 --until 2026-11-30

Exit codes: 0 success, 1 invalid inputs or environment, 2 wrong usage.`,
    )
    .action(async (flags: AnalyzeFlags) => {
      const report = await runAnalysis(flags);
      await writeReport(report, flags);
    });
}

async function runAnalysis(flags: AnalyzeFlags): Promise<Report> {
  if (flags.engine === 'athena') {
    const { analyzeByAthena } = await import('./athena-analysis.js');
    return (await analyzeByAthena(flags)).report;
  }
  const progress = progressBar();
  try {
    return await analyze({
      inventory: { dir: flags.inventory },
      flowLogs: flags.flowLogs,
      since: flags.since,
      until: flags.until,
      staleAfterDays: flags.staleAfter,
      ephemeralPorts: flags.ephemeralPorts,
      strict: flags.strict === true,
      tempDir: flags.tempDir,
      memoryLimit: flags.memoryLimit,
      s3: s3OptionsOf(flags),
      onProgress: progress.update,
    });
  } finally {
    progress.done();
  }
}

/** The S3 settings of a command's flags. */
export function s3OptionsOf(flags: {
  readonly region?: string;
  readonly forcePathStyle?: boolean;
  readonly accounts?: readonly string[];
  readonly regions?: readonly string[];
}) {
  return {
    region: flags.region,
    forcePathStyle: flags.forcePathStyle,
    accounts: flags.accounts,
    regions: flags.regions,
  };
}

/** Writes the report, and tells stderr what was skipped or looked wrong. */
export async function writeReport(
  report: Report,
  flags: { readonly format: ReportFormat; readonly out?: string },
): Promise<void> {
  // Warnings quote file names and account text: see `terminalText`.
  for (const warning of report.warnings) console.error(`warning: ${terminalText(warning)}`);
  for (const skipped of report.sources.skipped) {
    console.error(`warning: skipped ${terminalText(`${skipped.path}: ${skipped.reason}`)}`);
  }
  if (report.summary.malformedRecords > 0) {
    console.error(`warning: skipped ${report.summary.malformedRecords} malformed flow log records`);
  }

  const color = flags.out === undefined && useColor(process.stdout);
  const text = formatReport(report, flags.format, { color, width: process.stdout.columns });
  if (flags.out === undefined) {
    process.stdout.write(text);
    return;
  }
  await writeFile(flags.out, text);
  console.error(`Wrote the ${flags.format} report to ${terminalText(flags.out)}`);
}
