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
 * docs/bench/2026-12-06-hostile-inputs.md). For the same reason it is replaced once it has
 * parsed BYTES_PER_WINDOW of HTML: one big page's DOM is tens of MB, which sixteen pages' worth
 * of reuse would keep alive long after the page was read (docs/bench/2026-12-06-memory.md).
 * A Document from parsePage is therefore only valid until the next call, or until `done()`.
 */
import { JSDOM, VirtualConsole, type DOMWindow } from 'jsdom';
import { resolveWebUrl } from '../../shared/web-url';

/**
 * Bounds what a window holds on to, while building windows stays a small cost a page
 * (docs/bench/2026-12-06-hostile-inputs.md).
 */
const PAGES_PER_WINDOW = 16;
/** About sixteen news pages; a page bigger than this has its window to itself. */
const BYTES_PER_WINDOW = 2 * 1024 * 1024;

export interface PageParser {
  /** Parses a page; the Document is valid until the next parse or `done()`. */
  parse(html: string, pageUrl: string): Document;
  /**
   * The caller has finished with what it parsed (after an extraction, whether it succeeded or
   * threw): a window that has held its share of pages or bytes is closed now, not at the next
   * page, which may be a minute away.
   */
  done(): void;
  /** Closes the window, if one is open. */
  close(): void;
}

export interface PageParserOptions {
  /** Builds a window; tests pass one that counts the windows left open. */
  createWindow?: () => DOMWindow;
  pagesPerWindow?: number;
  bytesPerWindow?: number;
}

const newWindow = (): DOMWindow =>
  new JSDOM('<!DOCTYPE html>', {
    url: 'https://broadsheet.invalid/',
    virtualConsole: new VirtualConsole(),
  }).window;

export function createPageParser(options: PageParserOptions = {}): PageParser {
  const createWindow = options.createWindow ?? newWindow;
  const pagesPerWindow = options.pagesPerWindow ?? PAGES_PER_WINDOW;
  const bytesPerWindow = options.bytesPerWindow ?? BYTES_PER_WINDOW;
  let window: DOMWindow | undefined;
  let pages = 0;
  let bytes = 0;

  const full = () => pages >= pagesPerWindow || bytes >= bytesPerWindow;
  const close = () => {
    const closing = window;
    window = undefined;
    pages = 0;
    bytes = 0;
    closing?.close();
  };

  return {
    parse(html, pageUrl) {
      if (window && full()) close();
      window ??= createWindow();
      pages++;
      // UTF-16 length: a cheap measure, and only the order of magnitude matters here.
      bytes += html.length;
      const document = new window.DOMParser().parseFromString(html, 'text/html');
      const pageBase = document.querySelector('base[href]')?.getAttribute('href');
      const base = document.createElement('base');
      base.setAttribute('href', absoluteBase(pageBase, pageUrl));
      document.head.prepend(base);
      return document;
    },
    done() {
      if (full()) close();
    },
    close,
  };
}

/** The parser of this thread (each extraction worker has its own). */
export const pageParser = createPageParser();

export function parsePage(html: string, pageUrl: string): Document {
  return pageParser.parse(html, pageUrl);
}

function absoluteBase(pageBase: string | null | undefined, pageUrl: string): string {
  if (!pageBase?.trim()) return pageUrl;
  return resolveWebUrl(pageBase.trim(), pageUrl) ?? pageUrl;
}
