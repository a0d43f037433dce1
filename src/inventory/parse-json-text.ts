import { StaleSgError } from '../errors.js';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX4 = /[0-9a-fA-F]{4}/y;

/**
 * Parses the text of a JSON file. On a syntax error the message names the
 * file, line and column: Node 20's own messages often carry no position
 * (`Unexpected token '}', ... is not valid JSON`), so the text is scanned
 * again to find it.
 */
export function parseJsonText(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw syntaxError(file, text, error);
  }
}

function syntaxError(file: string, text: string, cause: unknown): StaleSgError {
  const problem = findSyntaxProblem(text);
  if (problem === undefined) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new StaleSgError('INVALID_INVENTORY', `${file}: not valid JSON: ${reason}`, { cause });
  }

  const { line, column } = lineAndColumn(text, problem.offset);
  const found =
    problem.offset < text.length ? JSON.stringify(text[problem.offset]) : 'the end of the file';
  return new StaleSgError(
    'INVALID_INVENTORY',
    `${file}:${line}:${column}: not valid JSON: expected ${problem.expected}, found ${found}`,
    { cause },
  );
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return { line, column };
}

interface SyntaxProblem {
  readonly offset: number;
  readonly expected: string;
}

/** The first syntax error in `text` (RFC 8259), or undefined when there is none. */
function findSyntaxProblem(text: string): SyntaxProblem | undefined {
  const scanner = new Scanner(text);
  try {
    scanner.document();
    return undefined;
  } catch (problem) {
    // Anything else (a stack overflow on absurdly deep nesting) leaves the
    // caller with JSON.parse's own message, which is still right.
    return problem instanceof ScanFailure ? problem : undefined;
  }
}

class ScanFailure implements SyntaxProblem {
  constructor(
    readonly offset: number,
    readonly expected: string,
  ) {}
}

/** A recogniser only: it builds no values, JSON.parse has done that already. */
class Scanner {
  private offset = 0;

  constructor(private readonly text: string) {}

  document(): void {
    this.value();
    this.skipWhitespace();
    if (this.offset < this.text.length) this.fail('the end of the file');
  }

  private value(): void {
    this.skipWhitespace();
    const char = this.text[this.offset];

    if (char === '{') return this.object();
    if (char === '[') return this.array();
    if (char === '"') return this.string();
    if (char === 't' || char === 'f' || char === 'n') return this.literal();
    if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) return this.number();
    this.fail('a JSON value');
  }

  private object(): void {
    this.offset++;
    this.skipWhitespace();
    if (this.text[this.offset] === '}') {
      this.offset++;
      return;
    }

    for (;;) {
      this.skipWhitespace();
      if (this.text[this.offset] !== '"') this.fail('a property name in double quotes');
      this.string();

      this.skipWhitespace();
      this.expect(':');
      this.value();

      this.skipWhitespace();
      if (this.text[this.offset] === '}') break;
      this.expect(',', "',' or '}'");
    }
    this.offset++;
  }

  private array(): void {
    this.offset++;
    this.skipWhitespace();
    if (this.text[this.offset] === ']') {
      this.offset++;
      return;
    }

    for (;;) {
      this.value();
      this.skipWhitespace();
      if (this.text[this.offset] === ']') break;
      this.expect(',', "',' or ']'");
    }
    this.offset++;
  }

  private string(): void {
    this.offset++;
    for (;;) {
      const char = this.text[this.offset];
      if (char === undefined) this.fail('a closing double quote');
      if (char === '"') break;
      if (char < ' ') this.fail('an escaped control character');
      if (char === '\\') this.escape();
      else this.offset++;
    }
    this.offset++;
  }

  private escape(): void {
    this.offset++;
    const char = this.text[this.offset] ?? '';
    if (ESCAPES.has(char)) {
      this.offset++;
      return;
    }

    if (char !== 'u') this.fail('an escape sequence');
    this.offset++;
    this.sticky(HEX4, 'four hexadecimal digits');
  }

  private literal(): void {
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.offset)) {
        this.offset += word.length;
        return;
      }
    }
    this.fail('a JSON value');
  }

  private number(): void {
    this.sticky(NUMBER, 'a number');
  }

  private sticky(pattern: RegExp, expected: string): void {
    pattern.lastIndex = this.offset;
    const match = pattern.exec(this.text);
    if (match === null || match[0] === '') this.fail(expected);
    this.offset += match[0].length;
  }

  private skipWhitespace(): void {
    WHITESPACE.lastIndex = this.offset;
    this.offset += WHITESPACE.exec(this.text)?.[0].length ?? 0;
  }

  private expect(char: string, expected = `'${char}'`): void {
    if (this.text[this.offset] !== char) this.fail(expected);
    this.offset++;
  }

  private fail(expected: string): never {
    throw new ScanFailure(this.offset, expected);
  }
}
