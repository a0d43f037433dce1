import { Command, Option } from 'commander';
import { storedReport } from '../pipeline/stored-report.js';
import { REPORT_FORMATS, type ReportFormat } from '../report/format-report.js';
import { addStoreOptions, withExistingStore, type StoreSettings } from './store-options.js';
import { writeReport } from './analyze-command.js';
import { parseDays, parseSince, parseUntil } from './parse-options.js';
import { COMMAND_SUMMARIES } from './command-summaries.js';

interface ReportFlags extends StoreSettings {
  readonly since?: Date;
  readonly until?: Date;
  readonly staleAfter?: number;
  readonly format: ReportFormat;
  readonly out?: string;
}

export function reportCommand(): Command {
  const command = new Command('report')
    .summary(COMMAND_SUMMARIES.report)
    .description(
      'Reports what the store holds: every rule with its verdict and totals, and the findings ' +
        '(stale, unobserved, unattached, redundant, shadowed, narrowing, risky, cadence, ' +
        'rejected traffic). Reads only the store; nothing is processed.',
    )
    .option('--since <date>', 'only history from this UTC day on', parseSince)
    .option('--until <date>', 'only history up to the end of this UTC day', parseUntil)
    .option(
      '--stale-after <days>',
      'days without a hit before a rule is stale (default 30)',
      parseDays,
    )
    .addOption(
      new Option('--format <format>', 'report format').choices(REPORT_FORMATS).default('table'),
    )
    .option('--out <file>', 'write the report to a file instead of stdout');
  return addStoreOptions(command).action(async (flags: ReportFlags) => {
    await withExistingStore(flags, async (store) => {
      const report = await storedReport(store, {
        since: flags.since,
        until: flags.until,
        staleAfterDays: flags.staleAfter,
      });
      await writeReport(report, flags);
    });
  });
}
