import type { FlowLogTableLayout } from './flow-log-table.js';

/**
 * How the `log_date` partition column spells a day or an hour: exactly as
 * the S3 key's date folders do, so that partition projection can put the
 * value into the location template as it is.
 *
 * ```
 * plain, daily    2026/11/30                    yyyy/MM/dd
 * plain, hourly   2026/11/30/05                 yyyy/MM/dd/HH
 * hive, daily     year=2026/month=11/day=30     'year='yyyy'/month='MM'/day='dd
 * hive, hourly    year=2026/month=11/day=30/hour=05
 * ```
 *
 * Athena reads the pattern with Java's DateTimeFormatter, where letters are
 * pattern letters and text in single quotes is literal; that is how the
 * Hive-compatible `year=` folders fit into one projected date column.
 * https://docs.aws.amazon.com/athena/latest/ug/partition-projection-supported-types.html
 */
export interface LogDateFormat {
  /** For `projection.log_date.format`. */
  readonly pattern: string;
  /** For `projection.log_date.interval.unit`; the interval is always 1. */
  readonly unit: 'DAYS' | 'HOURS';
  /** The length of one partition. */
  readonly stepMs: number;
  /** The value of the partition that holds `instant` (UTC). */
  format(instant: Date): string;
}

interface DatePart {
  /** The key of a Hive-compatible folder: `year=2026`. */
  readonly name: string;
  readonly letters: string;
  readonly value: (instant: Date) => string;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

const PARTS: readonly DatePart[] = [
  { name: 'year', letters: 'yyyy', value: (at) => pad(at.getUTCFullYear(), 4) },
  { name: 'month', letters: 'MM', value: (at) => pad(at.getUTCMonth() + 1, 2) },
  { name: 'day', letters: 'dd', value: (at) => pad(at.getUTCDate(), 2) },
  { name: 'hour', letters: 'HH', value: (at) => pad(at.getUTCHours(), 2) },
];

export function logDateFormat(
  layout: Pick<FlowLogTableLayout, 'layout' | 'partitioning'>,
): LogDateFormat {
  const hourly = layout.partitioning === 'hourly';
  const parts = hourly ? PARTS : PARTS.slice(0, 3);
  const literals = parts.map((part, index) => literalBefore(part, index, layout.layout === 'hive'));

  return {
    pattern: parts.map((part, index) => quoted(literals[index] ?? '') + part.letters).join(''),
    unit: hourly ? 'HOURS' : 'DAYS',
    stepMs: hourly ? HOUR_MS : DAY_MS,
    format: (instant) =>
      parts.map((part, index) => (literals[index] ?? '') + part.value(instant)).join(''),
  };
}

/** The fixed text before a part's digits: `/`, or `/month=` in the Hive-compatible layout. */
function literalBefore(part: DatePart, index: number, hive: boolean): string {
  return (index === 0 ? '' : '/') + (hive ? `${part.name}=` : '');
}

/** Letters must be quoted to be literal; a lone `/` needs no quotes. */
function quoted(literal: string): string {
  return /[A-Za-z]/.test(literal) ? `'${literal}'` : literal;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
