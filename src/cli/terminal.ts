import { stripControl } from '../report/sanitize.js';

/**
 * Colour only on a terminal, and never when NO_COLOR is set to anything
 * (https://no-color.org).
 */
export function useColor(stream: NodeJS.WriteStream): boolean {
  const noColor = process.env['NO_COLOR'];
  return stream.isTTY === true && (noColor === undefined || noColor === '');
}

/**
 * A message for the terminal: each line stripped of escape sequences and
 * control characters (see `stripControl`), the line breaks between lines
 * kept. Error messages and warnings quote file names and account text, and
 * neither may move the cursor, retitle the window or reorder what is shown.
 */
export function terminalText(text: string): string {
  return text
    .split('\n')
    .map((line) => stripControl(line))
    .join('\n');
}
