/**
 * What Athena charges for a query: $5 per TB scanned, each query's scan
 * rounded up to a whole megabyte and counted as 10 MB at least. DDL
 * statements and failed queries are free; cancelled ones are charged for
 * what they scanned until then.
 * https://aws.amazon.com/athena/pricing/
 */
export const USD_PER_TB = 5;

/** Decimal units, as AWS prices them: a TB is 10^12 bytes. */
const MB = 1e6;
const TB = 1e12;
const MINIMUM_BYTES = 10 * MB;

/** The price in US dollars of a query that scanned `bytes`. */
export function athenaCostUsd(bytes: number): number {
  const billed = Math.max(MINIMUM_BYTES, Math.ceil(bytes / MB) * MB);
  return (billed / TB) * USD_PER_TB;
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** `1.23 GB`: three significant digits, decimal units. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 999.5 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 ? String(Math.round(value)) : String(Number(value.toPrecision(3)));
  return `${digits} ${UNITS[unit]}`;
}

/** `scanned 1.23 GB, about $0.0062`; `no charge` for free statements. */
export function describeScan(bytes: number, costUsd: number): string {
  return `scanned ${formatBytes(bytes)}, ${costUsd === 0 ? 'no charge' : `about ${formatUsd(costUsd)}`}`;
}

/** Cents above a dollar, two significant digits below: `$12.35`, `$0.0062`. */
function formatUsd(usd: number): string {
  return usd >= 1 ? `$${usd.toFixed(2)}` : `$${Number(usd.toPrecision(2))}`;
}
