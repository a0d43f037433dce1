/**
 * Characters that `JSON.stringify` leaves raw but a terminal, an editor or a
 * browser may act on: DEL, the C1 controls (U+009B alone is a CSI to some
 * terminals), the bidi controls, which show text in another order than it is
 * stored (CVE-2021-42574), and U+2028 and U+2029, which end a line for some
 * editors and older JavaScript parsers. Outside strings JSON has only ASCII
 * punctuation, so every match is inside a string, where a `\u` escape means
 * the same character.
 */
const RAW_CONTROL = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text of a value with no control character raw in it: `JSON.stringify`
 * escapes C0 controls itself, and the rest are escaped here. Account text
 * stays exact (JSON is data: `JSON.parse` gives back the original string),
 * and `cat`, `curl` or a log viewer show it without acting on it. Every JSON
 * that stale-sg writes or serves goes through here.
 */
export function jsonText(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(RAW_CONTROL, unicodeEscape);
}

/** `\u001b`: the JSON (and JavaScript) escape of one UTF-16 code unit. */
export function unicodeEscape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
