/** What every format reader needs besides the document itself. */
export interface ParseContext {
  /** The URL the document was fetched from, as given. */
  url: string;
  /** Epoch ms used to clamp dates from the future. */
  now: number;
  /** Most items to keep, the newest (item-builder.ts ItemSelection); no cap when absent. */
  maxItems?: number;
}

/** A feed with no title still needs a name in the sidebar: its site's host name will do. */
export function fallbackTitle(...urls: (string | undefined)[]): string {
  for (const url of urls) {
    try {
      if (url) return new URL(url).hostname.replace(/^www\./, '');
    } catch {
      // Not a URL; try the next.
    }
  }
  return '';
}
