import { jsonText, unicodeEscape } from '../json-text.js';

/**
 * JSON that can sit inside `<script type="application/json">` whatever the
 * account's text holds. The HTML parser ends a script element at the first
 * `</script`, so `<` and `>` are written as `\u` escapes, which `JSON.parse`
 * reads back as the same characters; `&` is escaped too, so the text never
 * forms an entity. Controls, bidi controls, U+2028 and U+2029 are escaped as
 * in every JSON the tool writes (see `jsonText`), so the page's source holds
 * none of them raw either.
 */
export function scriptJson(value: unknown): string {
  return jsonText(value).replace(/[<>&]/g, unicodeEscape);
}
