/**
 * HTML text to a Document whose relative URLs resolve against the page's address.
 *
 * Building a jsdom window (every DOM interface, a CSS engine) cost a third of extraction time,
 * so a window is reused for several pages, each parsed into it with DOMParser: scripting
 * disabled, nothing loaded. DOMParser documents take their URL from the window, so the page's
 * own address goes in as a `<base href>`, ahead of any base the page has (which is kept, made
 * absolute against the page's address as a browser would).
 *
 * The window is replaced every PAGES_PER_WINDOW pages, because it never lets go of a document
 * that has run a selector query: jsdom's selector engine registers listeners on the window for
 * each document (measured: memory kept per news page, without end, on a single window; see
 * docs/bench/2026-12-06-hostile-inputs.md).
 * A Document from parsePage is therefore only valid until the next call.
 */
import { JSDOM, VirtualConsole, type DOMWindow } from 'jsdom';
import { resolveWebUrl } from '../../shared/web-url';

/**
 * Bounds what a window holds on to, while building windows stays a small cost a page
 * (docs/bench/2026-12-06-hostile-inputs.md).
 */
const PAGES_PER_WINDOW = 16;

let window: DOMWindow | undefined;
let pagesInWindow = 0;

function parserWindow(): DOMWindow {
  if (!window || pagesInWindow >= PAGES_PER_WINDOW) {
    window?.close();
    window = new JSDOM('<!DOCTYPE html>', {
      url: 'https://broadsheet.invalid/',
      virtualConsole: new VirtualConsole(),
    }).window;
    pagesInWindow = 0;
  }
  pagesInWindow++;
  return window;
}

export function parsePage(html: string, pageUrl: string): Document {
  const document = new (parserWindow().DOMParser)().parseFromString(html, 'text/html');
  const pageBase = document.querySelector('base[href]')?.getAttribute('href');
  const base = document.createElement('base');
  base.setAttribute('href', absoluteBase(pageBase, pageUrl));
  document.head.prepend(base);
  return document;
}

function absoluteBase(pageBase: string | null | undefined, pageUrl: string): string {
  if (!pageBase?.trim()) return pageUrl;
  return resolveWebUrl(pageBase.trim(), pageUrl) ?? pageUrl;
}
