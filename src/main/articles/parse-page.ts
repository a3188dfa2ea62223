/**
 * HTML text to a Document whose relative URLs resolve against the page's address.
 *
 * One jsdom window serves every page: building a window (all of the DOM's interfaces, a CSS
 * engine) cost a third of extraction time, parsing a document into an existing one does not.
 * DOMParser documents have scripting disabled, load nothing and take their URL from the window,
 * so the page's own address goes in as a `<base href>`, ahead of any base the page has (which
 * is kept, made absolute against the page's address as a browser would).
 */
import { JSDOM, VirtualConsole, type DOMWindow } from 'jsdom';

let window: DOMWindow | undefined;

function parserWindow(): DOMWindow {
  window ??= new JSDOM('<!DOCTYPE html>', {
    url: 'https://broadsheet.invalid/',
    virtualConsole: new VirtualConsole(),
  }).window;
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
  try {
    const url = new URL(pageBase.trim(), pageUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : pageUrl;
  } catch {
    return pageUrl;
  }
}
