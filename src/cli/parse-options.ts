import { InvalidArgumentError, Option } from 'commander';
import type { PortRange } from '../analyze.js';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `--since`: a date (`2026-11-01`, midnight UTC) or an ISO 8601 timestamp.
 */
export function parseSince(text: string): Date {
  return parseInstant(text, 'since');
}

/**
 * `--until`: a date means the end of that day, so `--since 2026-11-01
 * --until 2026-11-30` covers all of November; a timestamp is exclusive.
 */
export function parseUntil(text: string): Date {
  const date = parseInstant(text, 'until');
  return DATE_ONLY.test(text) ? new Date(date.getTime() + 86_400_000) : date;
}

function parseInstant(text: string, flag: string): Date {
  const date = new Date(DATE_ONLY.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(text)) {
    throw new InvalidArgumentError(
      `--${flag} expects a date such as 2026-11-01 or a timestamp such as 2026-11-01T12:00:00Z, found "${text}"`,
    );
  }
  return date;
}

export function parseDays(text: string): number {
  const days = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !Number.isFinite(days)) {
    throw new InvalidArgumentError(`expected a number of days, 0 or more, found "${text}"`);
  }
  return days;
}

export function parsePositiveInteger(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw new InvalidArgumentError(`expected a whole number, 1 or more, found "${text}"`);
  }
  return Number(text);
}

/** `--ephemeral-ports 32768-65535`. */
export function parsePortRange(text: string): PortRange {
  const match = /^(\d{1,5})-(\d{1,5})$/.exec(text);
  const from = Number(match?.[1]);
  const to = Number(match?.[2]);
  if (match === null || from > to || to > 65535) {
    throw new InvalidArgumentError(`expected a port range such as 32768-65535, found "${text}"`);
  }
  return { from, to };
}

/** `--memory-limit 512MB`: a size DuckDB takes, in KB, MB, GB or TB (or KiB ... TiB). */
export function parseMemoryLimit(text: string): string {
  if (!/^\d+(\.\d+)?\s*(K|M|G|T)i?B$/i.test(text)) {
    throw new InvalidArgumentError(`expected a size such as 512MB or 2GB, found "${text}"`);
  }
  return text.replace(/\s+/g, '');
}

/** `--memory-limit`, as `analyze` and `run` take it. */
export function memoryLimitOption(): Option {
  return new Option(
    '--memory-limit <size>',
    "the engine's memory (default 512MB); past it, work spills to --temp-dir",
  ).argParser(parseMemoryLimit);
}

/**
 * Field names from one or more arguments, separated by spaces or commas,
 * with or without the `${...}` that the flow log's LogFormat wraps them in.
 */
export function collectFields(value: string, previous: string[] | undefined): string[] {
  const names = value
    .replace(/\$\{([^}]*)\}/g, ' $1 ')
    .split(/[\s,]+/)
    .filter((name) => name !== '');
  return [...(previous ?? []), ...names];
}
