/**
 * Colour only on a terminal, and never when NO_COLOR is set to anything
 * (https://no-color.org).
 */
export function useColor(stream: NodeJS.WriteStream): boolean {
  const noColor = process.env['NO_COLOR'];
  return stream.isTTY === true && (noColor === undefined || noColor === '');
}
