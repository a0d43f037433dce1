/// <reference lib="dom" />
/**
 * HTML as a browser parses it: Chromium's DOMParser, which builds the
 * document the page would have and runs none of its scripts. What the tests
 * compare is what a browser would make of the markup, not what a regular
 * expression finds in the text.
 */
import type { Browser } from 'playwright-core';

export interface ParsedElement {
  readonly tag: string;
  /** `name=value`, in document order. */
  readonly attributes: readonly string[];
}

export interface ParsedHtml {
  /** Every element, in document order. */
  readonly elements: readonly ParsedElement[];
  /** The text of each table row's cells, in document order. */
  readonly rows: readonly (readonly string[])[];
  /** The text of the element with this id, or null. */
  readonly textOf: Readonly<Record<string, string | null>>;
  /** The body's text. */
  readonly text: string;
}

/** Parses `html` in a blank page of `browser`; `ids` name the elements whose text to return. */
export async function parseHtml(
  browser: Browser,
  html: string,
  ids: readonly string[] = [],
): Promise<ParsedHtml> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(
      ([source, wanted]) => {
        const doc = new DOMParser().parseFromString(source, 'text/html');
        return {
          elements: Array.from(doc.querySelectorAll('*')).map((node) => ({
            tag: node.tagName.toLowerCase(),
            attributes: Array.from(node.attributes).map((a) => `${a.name}=${a.value}`),
          })),
          rows: Array.from(doc.querySelectorAll('tr')).map((row) =>
            Array.from(row.children).map((cell) => cell.textContent ?? ''),
          ),
          textOf: Object.fromEntries(
            wanted.map((id) => [id, doc.getElementById(id)?.textContent ?? null]),
          ),
          text: doc.body.textContent ?? '',
        };
      },
      [html, ids] as const,
    );
  } finally {
    await page.close();
  }
}
