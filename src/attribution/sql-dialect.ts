/**
 * The few places where the attribution plan's SQL differs between the two
 * engines: DuckDB (the embedded engine) and Trino (Athena engine version 3).
 * Everything else in the plan is SQL that both read the same way; these
 * hooks keep it one description rather than two copies.
 */
export interface SqlDialect {
  readonly name: 'duckdb' | 'trino';
  /** 4 or 6 for an address text (the text is already known to be non-NULL). */
  addressFamily(text: string): string;
  /** An address text as a comparable value, NULL when it is not an address. */
  addressValue(text: string): string;
  /** The first address of the /24 (IPv4) or /64 (IPv6) around a value. */
  peerNetwork(family: string, value: string): string;
  /** An aggregate: the texts of a group, sorted, joined by one space. */
  joinSorted(text: string): string;
  /** A DATE as `YYYY-MM-DD`. */
  dayText(day: string): string;
  /** A whole-number setting of the query, such as the ephemeral port range. */
  setting(name: QuerySetting): string;
}

export type QuerySetting = 'ephemeral_from' | 'ephemeral_to';

/**
 * DuckDB: addresses as (family, UHUGEINT) through the macros in
 * `address-sql.ts`, settings as bound parameters.
 */
export const DUCKDB_DIALECT: SqlDialect = {
  name: 'duckdb',
  addressFamily: (text) => `ip_family(${text})`,
  addressValue: (text) => `ip_value(${text})`,
  peerNetwork: (family, value) =>
    `CASE WHEN ${family} = 4 THEN ${value} // 256 * 256 ` +
    `ELSE ${value} // (1::UHUGEINT << 64) * (1::UHUGEINT << 64) END`,
  joinSorted: (text) => `string_agg(${text}, ' ' ORDER BY ${text})`,
  dayText: (day) => `strftime(${day}, '%Y-%m-%d')`,
  setting: (name) => `$${name}`,
};

/**
 * Trino: addresses as its IPADDRESS type, which orders IPv4 and IPv6 values
 * on one scale (IPv4 as IPv4-mapped IPv6), so range checks are comparisons
 * as in DuckDB. Settings are validated whole numbers, written as literals:
 * a StartQueryExecution for the state machine's native integration carries
 * only the query text.
 */
export function trinoDialect(settings: Readonly<Record<QuerySetting, number>>): SqlDialect {
  return {
    name: 'trino',
    addressFamily: (text) => `CASE WHEN strpos(${text}, ':') > 0 THEN 6 ELSE 4 END`,
    addressValue: (text) => `TRY_CAST(${text} AS IPADDRESS)`,
    peerNetwork: (family, value) =>
      `ip_subnet_min(ip_prefix(${value}, CASE WHEN ${family} = 4 THEN 24 ELSE 64 END))`,
    joinSorted: (text) => `listagg(${text}, ' ') WITHIN GROUP (ORDER BY ${text})`,
    dayText: (day) => `date_format(${day}, '%Y-%m-%d')`,
    setting: (name) => wholeNumber(settings[name], name),
  };
}

function wholeNumber(value: number, name: string): string {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(`${name} must be a whole number, found ${value}`);
  }
  return String(value);
}
