#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { isStaleSgError } from '../errors.js';
import { VERSION } from '../version.js';
import { analyzeCommand } from './analyze-command.js';
import { athenaCommand } from './athena-command.js';
import { demoCommand } from './demo-command.js';
import { inventoryCommand } from './inventory-command.js';
import { notifyCommand } from './notify-command.js';
import { remediateCommand } from './remediate-command.js';
import { reportCommand } from './report-command.js';
import { runCommand } from './run-command.js';
import { serveCommand } from './serve-command.js';

/** Exit codes: 0 success, 1 failure of inputs or environment, 2 wrong usage. */
const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

function program(): Command {
  const root = new Command('stale-sg')
    .description(
      'Finds stale AWS security group rules: reads VPC Flow Logs, attributes each accepted ' +
        'flow to the rules that allowed it, and reports which rules traffic uses.',
    )
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  for (const command of [
    analyzeCommand(),
    runCommand(),
    reportCommand(),
    remediateCommand(),
    notifyCommand(),
    serveCommand(),
    inventoryCommand(),
    athenaCommand(),
    demoCommand(),
  ]) {
    root.addCommand(command.exitOverride().showHelpAfterError('(run with --help for usage)'));
  }
  return root;
}

async function main(argv: readonly string[]): Promise<number> {
  try {
    await program().parseAsync([...argv]);
    return 0;
  } catch (error) {
    return exitCodeOf(error);
  }
}

function exitCodeOf(error: unknown): number {
  // Commander has already printed its message (or the help it was asked for).
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE;

  if (isStaleSgError(error)) {
    console.error(`stale-sg: ${error.message}`);
    return error.code === 'INVALID_ARGUMENT' ? EXIT_USAGE : EXIT_FAILURE;
  }

  const message = error instanceof Error ? error.message : String(error);
  console.error(`stale-sg: ${message}`);
  return EXIT_FAILURE;
}

process.exitCode = await main(process.argv);
