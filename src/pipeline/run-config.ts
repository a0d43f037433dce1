import { readFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { StaleSgError } from '../errors.js';
import { REPORT_FORMATS, type ReportFormat } from '../report/format-report.js';

/**
 * What `stale-sg run` does, from `stale-sg.config.json` (or `.yaml`) and
 * flags. Every key has a flag of the same meaning; flags win. Relative paths
 * in the file are relative to the file.
 */
export interface RunConfig {
  readonly inventory?: string;
  readonly flowLogs: readonly string[];
  readonly db?: string;
  readonly staleAfter?: number;
  readonly retainDays?: number;
  readonly ephemeralPorts?: { readonly from: number; readonly to: number };
  readonly reportDir?: string;
  readonly formats?: readonly ReportFormat[];
  /** Region of the flow log bucket, path-style addressing, and the accounts and regions to read. */
  readonly region?: string;
  readonly forcePathStyle?: boolean;
  readonly accounts?: readonly string[];
  readonly regions?: readonly string[];
  /** Collect the inventory from the EC2 API (in `regions`) instead of reading `inventory`. */
  readonly collect?: boolean;
  readonly roleArn?: string;
  readonly externalId?: string;
  readonly profile?: string;
  /** Email the findings after the run: never (absent), on findings, or always. */
  readonly notify?: 'on-findings' | 'always';
  readonly emailFrom?: string;
  readonly emailTo?: readonly string[];
  readonly smtpHost?: string;
  readonly smtpPort?: number;
  readonly smtpUser?: string;
  readonly smtpSecure?: boolean;
  readonly ses?: boolean;
  readonly sesRegion?: string;
  /** Keep history in the DuckDB file (default) or in DynamoDB tables. */
  readonly store?: 'duckdb' | 'dynamodb';
  readonly rulesTable?: string;
  readonly usageTable?: string;
  readonly createTables?: boolean;
}

export const CONFIG_FILE_NAMES = [
  'stale-sg.config.json',
  'stale-sg.config.yaml',
  'stale-sg.config.yml',
] as const;

type Checker = (value: unknown, path: string, base: string) => unknown;

const KEYS: Record<keyof RunConfig, Checker> = {
  inventory: pathOf,
  flowLogs: (value, path, base) =>
    listOf(value, path).map((item, i) => flowLogPathOf(item, `${path}[${i}]`, base)),
  db: pathOf,
  staleAfter: numberOf,
  retainDays: numberOf,
  ephemeralPorts: portRangeOf,
  reportDir: pathOf,
  formats: (value, path) => listOf(value, path).map((item, i) => formatOf(item, `${path}[${i}]`)),
  region: textOf,
  forcePathStyle: booleanOf,
  accounts: (value, path) => listOf(value, path).map((item, i) => textOf(item, `${path}[${i}]`)),
  regions: (value, path) => listOf(value, path).map((item, i) => textOf(item, `${path}[${i}]`)),
  collect: booleanOf,
  roleArn: textOf,
  externalId: textOf,
  profile: textOf,
  notify: (value, path) => {
    if (value !== 'on-findings' && value !== 'always') {
      throw new ConfigValueError(path, '"on-findings" or "always"', value);
    }
    return value;
  },
  emailFrom: textOf,
  emailTo: (value, path) => listOf(value, path).map((item, i) => textOf(item, `${path}[${i}]`)),
  smtpHost: textOf,
  smtpPort: numberOf,
  smtpUser: textOf,
  smtpSecure: booleanOf,
  ses: booleanOf,
  sesRegion: textOf,
  store: (value, path) => {
    if (value !== 'duckdb' && value !== 'dynamodb') {
      throw new ConfigValueError(path, '"duckdb" or "dynamodb"', value);
    }
    return value;
  },
  rulesTable: textOf,
  usageTable: textOf,
  createTables: booleanOf,
};

/** Reads and validates a configuration file; errors name the file and key. */
export async function loadRunConfig(file: string): Promise<RunConfig> {
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    throw new StaleSgError('NOT_FOUND', `${file}: cannot read the configuration: ${String(error)}`);
  });
  return parseRunConfig(file, text);
}

export function parseRunConfig(file: string, text: string): RunConfig {
  const document = parseDocument(file, text);
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw invalid(file, '$', 'an object of settings', document);
  }

  const base = dirname(resolve(file));
  const config: Record<string, unknown> = { flowLogs: [] };
  for (const [key, value] of Object.entries(document)) {
    const check = (KEYS as Record<string, Checker | undefined>)[key];
    if (check === undefined) {
      throw new StaleSgError(
        'INVALID_ARGUMENT',
        `${file}: $.${key}: unknown setting; expected one of ${Object.keys(KEYS).join(', ')}`,
      );
    }
    config[key] = checkWith(check, file, value, `$.${key}`, base);
  }
  return config as unknown as RunConfig;
}

function parseDocument(file: string, text: string): unknown {
  try {
    return extname(file) === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new StaleSgError(
      'INVALID_ARGUMENT',
      `${file}: not valid ${extname(file).slice(1).toUpperCase()}: ${reason}`,
    );
  }
}

class ConfigValueError extends Error {
  constructor(
    readonly path: string,
    readonly expected: string,
    readonly found: unknown,
  ) {
    super(expected);
  }
}

function checkWith(
  check: Checker,
  file: string,
  value: unknown,
  path: string,
  base: string,
): unknown {
  try {
    return check(value, path, base);
  } catch (error) {
    if (error instanceof ConfigValueError)
      throw invalid(file, error.path, error.expected, error.found);
    throw error;
  }
}

function invalid(file: string, path: string, expected: string, found: unknown): StaleSgError {
  const shown = JSON.stringify(found) ?? String(found);
  const clipped = shown.length > 60 ? `${shown.slice(0, 57)}...` : shown;
  return new StaleSgError(
    'INVALID_ARGUMENT',
    `${file}: ${path}: expected ${expected}, found ${clipped}`,
  );
}

function pathOf(value: unknown, path: string, base: string): string {
  if (typeof value !== 'string' || value === '') throw new ConfigValueError(path, 'a path', value);
  return resolve(base, value);
}

/** S3 locations stay as they are; local paths are resolved against the file. */
function flowLogPathOf(value: unknown, path: string, base: string): string {
  if (typeof value === 'string' && value.startsWith('s3://')) return value;
  return pathOf(value, path, base);
}

function textOf(value: unknown, path: string): string {
  if (typeof value !== 'string' || value === '')
    throw new ConfigValueError(path, 'a string', value);
  return value;
}

function booleanOf(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') throw new ConfigValueError(path, 'true or false', value);
  return value;
}

function numberOf(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ConfigValueError(path, 'a number, 0 or more', value);
  }
  return value;
}

function listOf(value: unknown, path: string): unknown[] {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) throw new ConfigValueError(path, 'a list', value);
  return value;
}

function formatOf(value: unknown, path: string): ReportFormat {
  if (typeof value !== 'string' || !(REPORT_FORMATS as readonly string[]).includes(value)) {
    throw new ConfigValueError(path, `one of ${REPORT_FORMATS.join(', ')}`, value);
  }
  return value as ReportFormat;
}

function portRangeOf(value: unknown, path: string): { from: number; to: number } {
  const match = typeof value === 'string' ? /^(\d{1,5})-(\d{1,5})$/.exec(value) : null;
  const from = Number(match?.[1]);
  const to = Number(match?.[2]);
  if (match === null || from > to || to > 65535) {
    throw new ConfigValueError(path, 'a port range such as "32768-65535"', value);
  }
  return { from, to };
}
