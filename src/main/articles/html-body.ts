/**
 * Article HTML to a DOM to read its text and images from.
 *
 * Not JSDOM.fragment or `template.innerHTML`: jsdom 29 parses a fragment in time quadratic in
 * its top-level nodes (each node moved out of the parse root looks up its index for live
 * ranges), so a long article stalled it (docs/bench/2026-12-06-hostile-inputs.md). A whole
 * document parses in linear time, so the HTML becomes the body of one, parsed by parse-page.ts
 * in its reused window (building a window per call cost more than the parse). Like a page from
 * parsePage, the body is valid only until the next parse.
 */
import { parsePage } from './parse-page';

/** Only attributes and text are read from the body, so no page address is needed. */
const NO_ADDRESS = 'https://broadsheet.invalid/';

export function parseHtmlBody(html: string): HTMLElement {
  return parsePage(`<!DOCTYPE html><body>${html}`, NO_ADDRESS).body;
}
