/**
 * JSON that can sit inside `<script type="application/json">` whatever the
 * account's text holds. The HTML parser ends a script element at the first
 * `</script`, and U+2028 and U+2029 break older JavaScript parsers, so those
 * characters are written as `\u` escapes, which `JSON.parse` reads back as
 * the same string. `&` is escaped too, so the text never forms an entity.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, unicodeEscape);
}

function unicodeEscape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
