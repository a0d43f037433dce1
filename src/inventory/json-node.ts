import { StaleSgError } from '../errors.js';

/** Found values longer than this are cut, so that a message never dumps a whole document. */
const MAX_FOUND_LENGTH = 60;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * A value inside a parsed JSON file, with the file and the JSON path that lead
 * to it. Readers walk AWS CLI output through it so that every error can say
 * `<file>: $.SecurityGroups[3].IpPermissions[0].FromPort: expected ..., found ...`
 * without threading paths through each parser by hand.
 *
 * `null` counts as absent for optional fields: the AWS CLI never prints it,
 * but exports made with other tools sometimes do.
 */
export class JsonNode {
  private constructor(
    readonly file: string,
    readonly path: string,
    readonly value: unknown,
  ) {}

  static root(file: string, value: unknown): JsonNode {
    return new JsonNode(file, '$', value);
  }

  /** The field `key` of this object; its value is undefined when it is absent. */
  field(key: string): JsonNode {
    const value =
      isObject(this.value) && Object.hasOwn(this.value, key) ? this.value[key] : undefined;
    const step = IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
    return new JsonNode(this.file, this.path + step, value);
  }

  isAbsent(): boolean {
    return this.value === undefined || this.value === null;
  }

  /** Throws unless this is an object; returns the node for chaining. */
  object(): this {
    if (!isObject(this.value)) throw this.error('an object');
    return this;
  }

  /** A string that must be present and non-empty, such as an id. */
  string(): string {
    if (typeof this.value !== 'string' || this.value === '') throw this.error('a non-empty string');
    return this.value;
  }

  /** A string that may be absent or empty (descriptions, names); undefined then. */
  optionalString(): string | undefined {
    if (this.isAbsent()) return undefined;
    if (typeof this.value !== 'string') throw this.error('a string');
    return this.value === '' ? undefined : this.value;
  }

  boolean(): boolean {
    if (typeof this.value !== 'boolean') throw this.error('true or false');
    return this.value;
  }

  optionalInteger(): number | undefined {
    if (this.isAbsent()) return undefined;
    if (typeof this.value !== 'number' || !Number.isInteger(this.value)) {
      throw this.error('an integer');
    }
    return this.value;
  }

  /** The elements of an array that must be present. */
  items(): JsonNode[] {
    if (!Array.isArray(this.value)) throw this.error('an array');
    return this.value.map((value: unknown, index) => this.element(index, value));
  }

  /** The elements of an array that may be absent (an empty list then). */
  optionalItems(): JsonNode[] {
    return this.isAbsent() ? [] : this.items();
  }

  /**
   * An INVALID_INVENTORY error at this node: what was expected, what was found
   * (this node's value unless `found` says otherwise), and an optional note
   * that explains the mismatch.
   */
  error(expected: string, options: { found?: string; note?: string } = {}): StaleSgError {
    const found = options.found ?? describeFound(this.value);
    const suffix = options.note === undefined ? '' : ` (${options.note})`;
    return new StaleSgError(
      'INVALID_INVENTORY',
      `${this.file}: ${this.path}: expected ${expected}, found ${found}${suffix}`,
    );
  }

  private element(index: number, value: unknown): JsonNode {
    return new JsonNode(this.file, `${this.path}[${index}]`, value);
  }
}

/** A JSON object: not null, not an array. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short description of a found value: scalars as JSON, containers by kind only. */
function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : 'an array';
  if (isObject(value)) return 'an object';
  if (typeof value !== 'string') return String(value);

  if (value.length <= MAX_FOUND_LENGTH) return JSON.stringify(value);
  const cut = JSON.stringify(value.slice(0, MAX_FOUND_LENGTH));
  return `${cut.slice(0, -1)}..." (${value.length} characters)`;
}
