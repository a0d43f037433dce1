import { Command, Option } from 'commander';
import { NOTIFY_MODES, shouldNotify, type NotifyMode } from '../notify/should-notify.js';
import { storedReport } from '../pipeline/stored-report.js';
import { addStoreOptions, withExistingStore, type StoreSettings } from './store-options.js';
import { addEmailOptions, emailFindings, type EmailSettings } from './email-options.js';
import { parseDays } from './parse-options.js';
import { COMMAND_SUMMARIES } from './command-summaries.js';

interface NotifyFlags extends EmailSettings, StoreSettings {
  readonly when: NotifyMode;
  readonly staleAfter?: number;
}

export function notifyCommand(): Command {
  const command = new Command('notify')
    .summary(COMMAND_SUMMARIES.notify)
    .description(
      'Emails the findings of the store: a subject with the counts, an HTML and a plain-text ' +
        'summary (stale rules ranked by risk, top narrowing suggestions), and the CSV, ' +
        'Markdown and HTML reports attached.',
    )
    .addOption(
      new Option('--when <mode>', 'on-findings: only when there is something to act on')
        .choices(NOTIFY_MODES)
        .default('on-findings'),
    )
    .option(
      '--stale-after <days>',
      'days without a hit before a rule is stale (default 30)',
      parseDays,
    );

  return addEmailOptions(addStoreOptions(command)).action(async (flags: NotifyFlags) => {
    await withExistingStore(flags, async (store) => {
      const report = await storedReport(store, { staleAfterDays: flags.staleAfter });
      if (!shouldNotify(report, flags.when)) {
        console.error('Nothing to act on: no email sent (--when always sends anyway).');
        return;
      }
      await emailFindings(report, flags);
    });
  });
}
