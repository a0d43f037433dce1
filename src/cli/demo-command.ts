import { rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { generateDemo } from '../demo/generate-demo.js';
import { runPipeline } from '../pipeline/run-pipeline.js';
import { REPORT_FORMATS, formatReport, type ReportFormat } from '../report/format-report.js';
import { writeReport } from './analyze-command.js';
import { parsePositiveInteger } from './parse-options.js';
import { COMMAND_SUMMARIES } from './command-summaries.js';

interface DemoFlags {
  readonly dir: string;
  readonly seed: number;
  readonly days: number;
  readonly scale: number;
  readonly format: ReportFormat;
  readonly out?: string;
}

export function demoCommand(): Command {
  return new Command('demo')
    .summary(COMMAND_SUMMARIES.demo)
    .description(
      'Writes a realistic, seeded sample account (security groups, network interfaces, ' +
        'prefix lists as AWS CLI exports) and a week of VPC Flow Logs in the S3 key layout, ' +
        'in mixed formats, then runs them into a fresh store in that directory as `stale-sg run` ' +
        'would, and writes the report (with findings) and its HTML page there.',
    )
    .option('--dir <dir>', 'where to write the sample', 'demo-output')
    .option(
      '--seed <n>',
      'random seed; the same seed gives the same sample',
      parsePositiveInteger,
      42,
    )
    .option('--days <n>', 'days of flow logs', parsePositiveInteger, 7)
    .option('--scale <n>', 'traffic multiplier', parsePositiveInteger, 1)
    .addOption(
      new Option('--format <format>', 'report format').choices(REPORT_FORMATS).default('table'),
    )
    .option('--out <file>', 'write the report to a file instead of stdout')
    .action(async (flags: DemoFlags) => {
      const dir = resolve(flags.dir);
      console.error(`Writing the sample account and its flow logs to ${flags.dir} ...`);
      const demo = await generateDemo({
        outDir: dir,
        seed: flags.seed,
        days: flags.days,
        scale: flags.scale,
      });
      console.error(`${demo.records} flow log records in ${demo.files} files. Analysing ...`);

      // The sample is written afresh, so its history starts afresh too.
      const db = join(flags.dir, 'stale-sg.duckdb');
      await Promise.all([rm(db, { force: true }), rm(`${db}.wal`, { force: true })]);
      const { report } = await runPipeline({
        inventory: { dir: demo.inventoryDir },
        flowLogs: [demo.flowLogsDir],
        dbPath: db,
      });
      await writeReport(report, flags);

      const html = join(flags.dir, 'report.html');
      await writeFile(html, formatReport(report, 'html'));
      console.error(`\nWrote the HTML report to ${html}: open it in a browser.`);

      console.error(
        `\nBrowse its history in the dashboard:\n  npx stale-sg serve --db ${db}\n` +
          `Analyse it yourself:\n  npx stale-sg analyze --inventory ${flags.dir}/inventory ` +
          `--flow-logs ${flags.dir}/flow-logs --format json`,
      );
    });
}
