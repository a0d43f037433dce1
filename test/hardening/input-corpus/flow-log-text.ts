/** The header of the default (version 2) format, as AWS writes it at the top of a file. */
export const HEADER =
  'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';

/** The interface of the corpus's inventory (`good-inventory/`), with 10.0.0.5 and 2001:db8::5. */
export const ENI = 'eni-0a1b2c3d4e5f60718';

/** 2023-11-14T22:13:20Z, the start of every corpus record. */
export const START = 1_700_000_000;

type RecordFields = Partial<
  Record<'srcaddr' | 'dstaddr' | 'srcport' | 'dstport' | 'start' | 'end' | 'action', string>
>;

/** An accepted HTTPS request to the corpus's interface, in the default format. */
export function record(fields: RecordFields = {}): string {
  return [
    '2 123456789012',
    ENI,
    fields.srcaddr ?? '198.51.100.7',
    fields.dstaddr ?? '10.0.0.5',
    fields.srcport ?? '50123',
    fields.dstport ?? '443',
    '6 10 1000',
    fields.start ?? String(START),
    fields.end ?? String(START + 60),
    fields.action ?? 'ACCEPT',
    'OK',
  ].join(' ');
}

/** Lines joined with LF, with a final LF. */
export function lines(...rows: readonly string[]): string {
  return rows.join('\n') + '\n';
}
