/**
 * Attribute values as the document client returns them. Items are written
 * only by this store, so a missing or mistyped attribute reads as empty
 * rather than failing a whole report.
 */

export function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function optionalText(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

export function count(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

export function optionalNumber(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

export function texts(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

export function least(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.min(a, b);
}

export function greatest(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}
