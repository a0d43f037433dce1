import { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { isStaleSgError, StaleSgError } from '../errors.js';
import { dashboardServer } from '../serve/dashboard-server.js';
import { VERSION } from '../version.js';
import { addStoreOptions, openStore, type StoreSettings } from './store-options.js';
import { parseDays } from './parse-options.js';
import { COMMAND_SUMMARIES } from './command-summaries.js';
import { terminalText } from './terminal.js';

interface ServeFlags extends StoreSettings {
  readonly host: string;
  readonly port: number;
  readonly staleAfter?: number;
}

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '::1'];

/** The Host header names a loopback server answers to. */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

export function serveCommand(): Command {
  const command = new Command('serve')
    .summary(COMMAND_SUMMARIES.serve)
    .description(
      'Serves the report of the store as a dashboard in the browser (heat maps, findings, the ' +
        'rules table, groups) with a date range, and the JSON API it reads: /api/status, ' +
        '/api/report, /api/findings, /api/heat-maps and /api/dashboard, each taking ' +
        '?since=YYYY-MM-DD&until=YYYY-MM-DD&staleAfter=DAYS. Read-only: it answers GET and ' +
        'HEAD only and opens the store for each request, so a scheduled run can write ' +
        'between requests. Listens on 127.0.0.1 unless --host says otherwise.',
    )
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port to listen on (0 picks a free one)', parsePort, 8080)
    .option(
      '--stale-after <days>',
      'days without a hit before a rule is stale, when a request gives none (default 30)',
      parseDays,
    );
  return addStoreOptions(command).action(async (flags: ServeFlags) => {
    await checkStore(flags);
    const loopback = LOOPBACK_HOSTS.includes(flags.host);
    const app = dashboardServer({
      openStore: () => openStore(flags, false),
      version: VERSION,
      staleAfterDays: flags.staleAfter,
      allowedHosts: loopback ? LOOPBACK_NAMES : [],
      onError: (error) =>
        console.error(
          `stale-sg serve: ${terminalText(error instanceof Error ? error.message : String(error))}`,
        ),
    });

    let address: string;
    try {
      address = await app.listen({ host: flags.host, port: flags.port });
    } catch (error) {
      throw listenFailure(error, flags);
    }
    if (!loopback) {
      console.error(
        `stale-sg serve: listening on ${flags.host}, not loopback: anyone who can reach this ` +
          'address can read the report, and there is no login.',
      );
    }
    console.error(`Dashboard at ${address}/ (read-only; press Ctrl-C to stop)`);

    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        void app.close().then(() => resolve());
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
  });
}

/** Fails before listening when the store is missing; a store busy with a run is fine. */
async function checkStore(flags: ServeFlags): Promise<void> {
  try {
    (await openStore(flags, false)).close();
  } catch (error) {
    if (isStaleSgError(error) && error.code === 'STORE_IN_USE') {
      console.error(
        `stale-sg serve: ${terminalText(error.message)}; requests answer 503 until it is free.`,
      );
      return;
    }
    throw error;
  }
}

function listenFailure(error: unknown, flags: ServeFlags): Error {
  const code = (error as { code?: unknown }).code;
  const where = `${flags.host}:${flags.port}`;
  if (code === 'EADDRINUSE') {
    return new Error(`port ${flags.port} is in use on ${flags.host}; choose another with --port`);
  }
  const message =
    code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND'
      ? `cannot listen on ${where}: no such address on this machine`
      : `cannot listen on ${where}: ${error instanceof Error ? error.message : String(error)}`;
  return new StaleSgError('INVALID_ARGUMENT', message, { cause: error });
}

function parsePort(text: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) {
    throw new InvalidArgumentError(`expected a port from 0 to 65535, found "${text}"`);
  }
  return Number(text);
}
