import { stripControl } from '../report/sanitize.js';

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes the five characters that HTML gives a meaning, so that text can sit
 * in an element or in a quoted attribute value and never becomes markup:
 * `<script>` stays text, and a quote cannot close an attribute.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/**
 * Account text (group names, descriptions, peers, rule ids) for the HTML
 * body: controls stripped first, as on every other medium (bidi controls
 * would reorder what the reader sees), then escaped.
 */
export function htmlText(text: string): string {
  return escapeHtml(stripControl(text));
}
