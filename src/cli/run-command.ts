import { access, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { StaleSgError } from '../errors.js';
import { CONFIG_FILE_NAMES, loadRunConfig, type RunConfig } from '../pipeline/run-config.js';
import { runPipeline, type RunStep } from '../pipeline/run-pipeline.js';
import { DEFAULT_STALE_AFTER_DAYS } from '../pipeline/stored-report.js';
import { REPORT_FORMATS, formatReport, type ReportFormat } from '../report/format-report.js';
import { DEFAULT_STORE_PATH } from '../store/duckdb-store.js';
import { loadCollectedInventory } from '../aws/group-locations.js';
import type { LoadedInventory } from '../inventory/load-inventory.js';
import { NOTIFY_MODES, shouldNotify, type NotifyMode } from '../notify/should-notify.js';
import { s3OptionsOf, writeReport } from './analyze-command.js';
import { addEmailOptions, emailFindings, type EmailSettings } from './email-options.js';
import { addStoreOptions, openStore, type StoreSettings } from './store-options.js';
import { parseDays, memoryLimitOption, parsePortRange } from './parse-options.js';
import { COMMAND_SUMMARIES } from './command-summaries.js';
import { progressBar } from './progress-bar.js';

interface RunFlags extends EmailSettings, StoreSettings {
  readonly collect?: boolean;
  readonly roleArn?: string;
  readonly externalId?: string;
  readonly profile?: string;
  readonly notify?: NotifyMode;
  readonly config?: string;
  readonly inventory?: string;
  readonly flowLogs?: string[];
  readonly db?: string;
  readonly staleAfter?: number;
  readonly retainDays?: number;
  readonly ephemeralPorts?: { from: number; to: number };
  readonly reportDir?: string;
  readonly formats?: ReportFormat[];
  readonly format: ReportFormat;
  readonly strict?: boolean;
  readonly tempDir?: string;
  readonly memoryLimit?: string;
  readonly region?: string;
  readonly forcePathStyle?: boolean;
  readonly accounts?: string[];
  readonly regions?: string[];
  readonly verbose?: boolean;
}

const DEFAULT_REPORT_DIR = '.stale-sg/reports';

export function runCommand(): Command {
  const command = new Command('run')
    .summary(COMMAND_SUMMARIES.run)
    .description(
      'The whole pipeline as one command: stores an inventory snapshot, reads only the flow ' +
        'log files not processed before, attributes them and merges their usage into the ' +
        'store exactly once (a killed run loses and duplicates nothing), then computes the ' +
        'findings and writes the reports. Settings come from stale-sg.config.json (or .yaml) ' +
        'in the current directory, or --config; flags override them.',
    )
    .option('--config <file>', 'configuration file (default: stale-sg.config.json or .yaml here)')
    .option('--inventory <dir>', 'directory of AWS CLI JSON exports')
    .option('--flow-logs <path...>', 'flow log files or directories, searched recursively')
    .option('--create-tables', 'with --store dynamodb: create missing tables (on-demand billing)')
    .option(
      '--stale-after <days>',
      `days without a hit before a rule is stale (default ${DEFAULT_STALE_AFTER_DAYS})`,
      parseDays,
    )
    .option(
      '--retain-days <days>',
      'prune daily history and processed-file records older than this',
      parseDays,
    )
    .option(
      '--ephemeral-ports <from-to>',
      'client port range (default 32768-65535)',
      parsePortRange,
    )
    .option('--report-dir <dir>', `where reports are written (default ${DEFAULT_REPORT_DIR})`)
    .option(
      '--formats <format...>',
      'report files to write: json, csv, markdown, html (default: json)',
    )
    .addOption(
      new Option('--format <format>', 'format printed on standard output')
        .choices(REPORT_FORMATS)
        .default('table'),
    )
    .option('--strict', 'fail on the first malformed record or unreadable file')
    .option('--verbose', 'print each step (ingest, merge, report) to stderr, even off a terminal')
    .option('--temp-dir <dir>', 'where compressed flow logs are unpacked while read')
    .addOption(memoryLimitOption())
    .option('--region <region>', 'region of the flow log bucket, for s3:// locations')
    .option('--force-path-style', 'path-style S3 addressing, for S3-compatible servers')
    .option('--accounts <id...>', 'only flow logs of these accounts (s3:// locations)')
    .option('--regions <region...>', 'regions to collect, and only flow logs of these regions')
    .option('--collect', 'collect the inventory from the EC2 API instead of --inventory')
    .option('--role-arn <arn>', 'with --collect: assume this role (another account)')
    .option('--external-id <id>', 'external id for --role-arn')
    .option('--profile <name>', 'with --collect: use this profile of the AWS config files')
    .addOption(
      new Option('--notify <when>', 'email the findings after the run').choices(NOTIFY_MODES),
    );

  return addEmailOptions(addStoreOptions(command)).action(async (flags: RunFlags) => {
    const config = await settingsOf(flags);
    if (
      (config.inventory === undefined && config.collect !== true) ||
      config.flowLogs.length === 0
    ) {
      throw new StaleSgError(
        'INVALID_ARGUMENT',
        'run needs an inventory (--inventory or --collect) and flow logs (--flow-logs), or a stale-sg.config.json',
      );
    }

    const progress = progressBar();
    const result = await runPipeline({
      inventory: await inventoryOf(config),
      flowLogs: config.flowLogs,
      dbPath: config.db ?? DEFAULT_STORE_PATH,
      store: () => openStore(config, true),
      staleAfterDays: config.staleAfter,
      retainDays: config.retainDays,
      ephemeralPorts: config.ephemeralPorts,
      strict: flags.strict === true,
      tempDir: flags.tempDir,
      memoryLimit: flags.memoryLimit,
      s3: {
        ...s3OptionsOf(config),
        ...(config.store === 'dynamodb' ? { cacheDir: '.stale-sg/s3-cache' } : {}),
      },
      onStep: flags.verbose === true ? printStep : undefined,
      onProgress: progress.update,
    }).finally(progress.done);

    console.error(
      `Run ${result.runId}: ${result.newFiles} new files (${result.records} records), ` +
        `${result.unchangedFiles} already processed, ${result.changedFiles.length} changed since processed.`,
    );
    await writeReportFiles(
      result.report,
      config.reportDir ?? DEFAULT_REPORT_DIR,
      config.formats ?? ['json'],
    );
    await writeReport(result.report, { format: flags.format });

    if (config.notify !== undefined && shouldNotify(result.report, config.notify)) {
      if (flags.verbose === true) console.error('stale-sg: notify');
      await emailFindings(result.report, config);
    }
  });
}

/**
 * One line per step, for the logs of scheduled runs: where a run that
 * failed or was killed had got to.
 */
/** One line per step; on a terminal it first wipes the progress bar, which redraws below. */
function printStep(step: RunStep): void {
  const where = 'batch' in step ? ` batch ${step.batch}/${step.batches} (${step.files} files)` : '';
  const wipe = process.stderr.isTTY ? '\r\u001b[K' : '';
  process.stderr.write(`${wipe}stale-sg: ${step.step}${where}\n`);
}

/** The inventory directory, or the inventory collected from the EC2 API. */
async function inventoryOf(config: RunConfig): Promise<{ dir: string } | LoadedInventory> {
  if (config.collect !== true && config.inventory !== undefined) return { dir: config.inventory };
  // Loaded only to collect: the EC2 client alone took about a second to
  // load, at the start of every scheduled run.
  const { collect } = await import('./inventory-command.js');
  const collected = await collect({
    regions: config.regions === undefined ? undefined : [...config.regions],
    roleArn: config.roleArn,
    externalId: config.externalId,
    profile: config.profile,
  });
  return loadCollectedInventory(collected);
}

/** The configuration file's settings, with the flags laid over them. */
async function settingsOf(flags: RunFlags): Promise<RunConfig> {
  const file = flags.config ?? (await findConfigFile());
  const fromFile: RunConfig = file === undefined ? { flowLogs: [] } : await loadRunConfig(file);
  return {
    ...fromFile,
    ...definedOf({
      inventory: flags.inventory,
      flowLogs: flags.flowLogs,
      db: flags.db,
      store: flags.store,
      rulesTable: flags.rulesTable,
      usageTable: flags.usageTable,
      createTables: flags.createTables,
      staleAfter: flags.staleAfter,
      retainDays: flags.retainDays,
      ephemeralPorts: flags.ephemeralPorts,
      reportDir: flags.reportDir,
      formats: flags.formats?.map(checkFormat),
      region: flags.region,
      forcePathStyle: flags.forcePathStyle,
      accounts: flags.accounts,
      regions: flags.regions,
      collect: flags.collect,
      roleArn: flags.roleArn,
      externalId: flags.externalId,
      profile: flags.profile,
      notify: flags.notify,
      emailFrom: flags.emailFrom,
      emailTo: flags.emailTo,
      smtpHost: flags.smtpHost,
      smtpPort: flags.smtpPort,
      smtpUser: flags.smtpUser,
      smtpSecure: flags.smtpSecure,
      ses: flags.ses,
      sesRegion: flags.sesRegion,
    }),
  };
}

async function findConfigFile(): Promise<string | undefined> {
  for (const name of CONFIG_FILE_NAMES) {
    if (
      await access(name).then(
        () => true,
        () => false,
      )
    )
      return name;
  }
  return undefined;
}

function definedOf<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}

function checkFormat(format: string): ReportFormat {
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
    throw new StaleSgError(
      'INVALID_ARGUMENT',
      `--formats: expected ${REPORT_FORMATS.join(', ')}, found "${format}"`,
    );
  }
  return format as ReportFormat;
}

const EXTENSIONS: Record<ReportFormat, string> = {
  table: 'txt',
  json: 'json',
  csv: 'csv',
  markdown: 'md',
  html: 'html',
};

async function writeReportFiles(
  report: Parameters<typeof formatReport>[0],
  dir: string,
  formats: readonly ReportFormat[],
): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const format of formats) {
    const path = join(dir, `stale-sg-report.${EXTENSIONS[format]}`);
    await replaceFile(path, formatReport(report, format));
    console.error(`Wrote ${path}`);
  }
}

/**
 * Writes beside the file, then renames over it: whatever reads the reports
 * of scheduled runs finds the previous report or the new one, whole, even
 * when a run is killed while writing.
 */
async function replaceFile(path: string, text: string): Promise<void> {
  const part = `${path}.${process.pid}.part`;
  try {
    await writeFile(part, text);
    await rename(part, path);
  } catch (error) {
    await rm(part, { force: true });
    throw error;
  }
}
