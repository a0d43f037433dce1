/**
 * The one-line summary of each command, for `stale-sg --help`. Kept apart
 * from the commands themselves so that the root help, which lists them all,
 * loads none of their modules (the AWS SDK, DuckDB, the mailer).
 */
export const COMMAND_SUMMARIES = {
  analyze: 'analyse flow logs against an inventory, once, and print the report',
  run: 'process new flow logs into the store, then report (for cron)',
  report: 'report from the store, with findings',
  remediate: 'write a reviewable script that revokes the rules of chosen findings',
  notify: 'email the findings from the store, by SMTP or Amazon SES',
  serve: 'a local, read-only dashboard over the store',
  inventory: 'collect the inventory from the EC2 API',
  athena: 'set up Athena to read the flow logs where they lie in S3',
  demo: 'generate a sample account with flow logs, and analyse it',
} as const;

export type CommandName = keyof typeof COMMAND_SUMMARIES;
