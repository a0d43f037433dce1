/**
 * Quoting for the few values that go into Athena statements as text. The
 * values are validated before (`validateFlowLogTableLayout`); these refuse
 * anything that could end the quotes all the same, so that a missed check
 * fails loudly instead of changing the statement.
 */

/** `` `name` ``: a Hive DDL identifier. */
export function quoteIdentifier(name: string): string {
  return `\`${refuse(name, '`')}\``;
}

/**
 * A string literal. Hive DDL takes single or double quotes, with backslash
 * escapes; Trino takes single quotes, with `''` for a quote. Text without
 * its quote character and without backslashes reads the same in all three.
 */
export function quoteString(value: string, quote: "'" | '"' = "'"): string {
  return `${quote}${refuse(value, quote)}${quote}`;
}

function refuse(value: string, quote: string): string {
  if (value.includes(quote) || value.includes('\\')) {
    throw new Error(`unsafe text for a SQL statement: ${value}`);
  }
  return value;
}
