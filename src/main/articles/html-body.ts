/**
 * Article HTML to a DOM to read its text and images from.
 *
 * Not JSDOM.fragment or `template.innerHTML`: jsdom 29 parses a fragment in time quadratic in
 * its top-level nodes (each node moved out of the parse root looks up its index for live
 * ranges), so a long article stalled it (docs/bench/2026-12-06-hostile-inputs.md). A whole
 * document parses in linear time, so the HTML becomes the body of one, in a window used for
 * this alone.
 */
import { JSDOM } from 'jsdom';

export function parseHtmlBody(html: string): HTMLElement {
  const { document } = new JSDOM('').window;
  const parsed = new document.defaultView!.DOMParser().parseFromString(
    `<!DOCTYPE html><body>${html}`,
    'text/html',
  );
  return parsed.body;
}
