import { Command, Option } from 'commander';
import { NOTIFY_MODES, shouldNotify, type NotifyMode } from '../notify/should-notify.js';
import { storedReport } from '../pipeline/stored-report.js';
import { DEFAULT_STORE_PATH } from '../store/duckdb-store.js';
import { withExistingStore } from './open-existing-store.js';
import { addEmailOptions, emailFindings, type EmailSettings } from './email-options.js';
import { parseDays } from './parse-options.js';

interface NotifyFlags extends EmailSettings {
  readonly db: string;
  readonly when: NotifyMode;
  readonly staleAfter?: number;
}

export function notifyCommand(): Command {
  const command = new Command('notify')
    .summary('email the findings from the store, by SMTP or Amazon SES')
    .description(
      'Emails the findings of the store: a subject with the counts, an HTML and a plain-text ' +
        'summary (stale rules ranked by risk, top narrowing suggestions), and the CSV and ' +
        'Markdown reports attached.',
    )
    .option('--db <file>', 'the store', DEFAULT_STORE_PATH)
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

  return addEmailOptions(command).action(async (flags: NotifyFlags) => {
    await withExistingStore(flags.db, async (store) => {
      const report = await storedReport(store, { staleAfterDays: flags.staleAfter });
      if (!shouldNotify(report, flags.when)) {
        console.error('Nothing to act on: no email sent (--when always sends anyway).');
        return;
      }
      await emailFindings(report, flags);
    });
  });
}
