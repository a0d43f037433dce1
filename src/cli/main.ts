#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { isStaleSgError } from '../errors.js';
import { VERSION } from '../version.js';
import { COMMAND_SUMMARIES, type CommandName } from './command-summaries.js';
import { terminalText } from './terminal.js';

/** Exit codes: 0 success, 1 failure of inputs or environment, 2 wrong usage. */
const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

/** Each command's module, imported only when that command runs. */
const COMMANDS: Readonly<Record<CommandName, () => Promise<Command>>> = {
  analyze: async () => (await import('./analyze-command.js')).analyzeCommand(),
  run: async () => (await import('./run-command.js')).runCommand(),
  report: async () => (await import('./report-command.js')).reportCommand(),
  remediate: async () => (await import('./remediate-command.js')).remediateCommand(),
  notify: async () => (await import('./notify-command.js')).notifyCommand(),
  serve: async () => (await import('./serve-command.js')).serveCommand(),
  inventory: async () => (await import('./inventory-command.js')).inventoryCommand(),
  athena: async () => (await import('./athena-command.js')).athenaCommand(),
  demo: async () => (await import('./demo-command.js')).demoCommand(),
};

/**
 * The program with the command that `argv` names loaded in full and the
 * others as their name and summary, enough for the root help: loading every
 * command's modules (the AWS SDK, DuckDB, the mailer) took most of a second
 * before anything ran.
 */
async function program(argv: readonly string[]): Promise<Command> {
  const root = new Command('stale-sg')
    .description(
      'Finds stale AWS security group rules: reads VPC Flow Logs, attributes each accepted ' +
        'flow to the rules that allowed it, and reports which rules traffic uses.',
    )
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  const wanted = requestedCommand(argv);
  for (const name of Object.keys(COMMANDS) as CommandName[]) {
    const command =
      name === wanted ? await COMMANDS[name]() : new Command(name).summary(COMMAND_SUMMARIES[name]);
    root.addCommand(command.exitOverride().showHelpAfterError('(run with --help for usage)'));
  }
  return cleanErrorOutput(root);
}

/**
 * Commander quotes the arguments it refuses (`argument '...' is invalid`);
 * the quote goes to the terminal without its controls, at every level of
 * commands (an added command does not inherit its parent's output settings).
 */
function cleanErrorOutput(command: Command): Command {
  command.configureOutput({ outputError: (text, write) => write(terminalText(text)) });
  command.commands.forEach(cleanErrorOutput);
  return command;
}

/** The command the arguments name: the first word, or the one after `help`. */
function requestedCommand(argv: readonly string[]): string | undefined {
  const words = argv.slice(2).filter((arg) => !arg.startsWith('-'));
  return words[0] === 'help' ? words[1] : words[0];
}

async function main(argv: readonly string[]): Promise<number> {
  try {
    await (await program(argv)).parseAsync([...argv]);
    return 0;
  } catch (error) {
    return exitCodeOf(error);
  }
}

function exitCodeOf(error: unknown): number {
  // Commander has already printed its message (or the help it was asked for).
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE;

  // Messages quote file names and account text: see `terminalText`.
  if (isStaleSgError(error)) {
    console.error(`stale-sg: ${terminalText(error.message)}`);
    return error.code === 'INVALID_ARGUMENT' ? EXIT_USAGE : EXIT_FAILURE;
  }

  const message = error instanceof Error ? error.message : String(error);
  console.error(`stale-sg: ${terminalText(message)}`);
  return EXIT_FAILURE;
}

process.exitCode = await main(process.argv);
