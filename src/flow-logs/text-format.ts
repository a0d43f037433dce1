import {
  DEFAULT_FORMAT,
  REQUIRED_FIELDS,
  isFlowLogField,
  type FlowLogField,
} from './flow-log-fields.js';

/**
 * The layout of a text flow log: which field each space-separated column
 * holds (null for fields stale-sg does not know, which are read and ignored).
 */
export interface TextFormat {
  readonly columns: readonly (FlowLogField | null)[];
  readonly hasHeader: boolean;
  /** Files with equal keys are read together. */
  readonly key: string;
}

export type TextFormatResult =
  | { readonly ok: true; readonly format: TextFormat }
  | { readonly ok: false; readonly reason: string };

const FIELD_NAME = /^[a-z][a-z0-9-]*$/;

/**
 * Reads a file's layout from its first line. Files that AWS delivers to S3
 * start with a header naming the fields of the flow log's format, in order;
 * a file without one is read as the default format if its first line has the
 * 14 fields of that format.
 */
export function detectTextFormat(firstLine: string): TextFormatResult {
  const tokens = firstLine.trim().split(/\s+/);
  if (tokens[0] !== undefined && /^\d+$/.test(tokens[0])) return headerless(tokens);
  if (!tokens.every((token) => FIELD_NAME.test(token))) {
    return fail('the first line is neither a header of field names nor a default-format record');
  }

  const duplicate = tokens.find((token, index) => tokens.indexOf(token) !== index);
  if (duplicate !== undefined) return fail(`the header names the field ${duplicate} twice`);

  const missing = REQUIRED_FIELDS.filter((field) => !tokens.includes(field));
  if (missing.length > 0) {
    return fail(`the header lacks ${missing.join(', ')}, which attribution needs`);
  }

  const columns = tokens.map((token) => (isFlowLogField(token) ? token : null));
  return { ok: true, format: { columns, hasHeader: true, key: `header:${tokens.join(' ')}` } };
}

function headerless(tokens: readonly string[]): TextFormatResult {
  if (tokens.length !== DEFAULT_FORMAT.length) {
    return fail(
      `there is no header line, and the first line has ${tokens.length} fields, ` +
        `not the ${DEFAULT_FORMAT.length} of the default format`,
    );
  }
  return { ok: true, format: { columns: DEFAULT_FORMAT, hasHeader: false, key: 'default' } };
}

function fail(reason: string): TextFormatResult {
  return { ok: false, reason };
}
