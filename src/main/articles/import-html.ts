/**
 * A saved web page (a browser's "Save page as…", or any .html file) to an article: decode the
 * bytes the way a browser would, find the address the page came from so relative links and
 * images resolve, and hand the text to the article extractor.
 */
import type { ExtractedArticle } from '../../shared/article-model';
import { AppError } from '../../shared/result';
import { canonicalCharset, isWide } from '../text/charset-labels';
import { charsetFromContentType, decodeBytes } from '../text/decode-bytes';
import { hostNames, isNotATitle, titleFromUrl } from './choose-title';
import { titleFromFileName } from './file-title';
import { decodeEntities } from '../html/entities';
import { sanitizeHtml } from '../html/sanitize-html';
import { isWebUrl, resolveWebUrl } from '../../shared/web-url';

export type ArticleExtractor = (html: string, options: { url: string }) => ExtractedArticle;

export interface HtmlFileOptions {
  fileName?: string;
  /** The page's address when the reader knows it (the CLI's --url); beats anything in the file. */
  baseUrl?: string;
  /** The HTTP Content-Type of a fetched page: its charset beats the page's own `<meta>`. */
  contentType?: string;
  extract: ArticleExtractor;
}

// Browsers look for a charset declaration in the first 1024 bytes; saved pages sometimes put a
// long comment first, so look a little further.
const PRESCAN_BYTES = 4096;

export function importHtmlFile(bytes: Uint8Array, options: HtmlFileOptions): ExtractedArticle {
  const { text: html } = decodeBytes(bytes, [pageCharset(bytes, options.contentType)]);
  const url = pageUrl(html, options);
  const article = options.extract(html, { url });
  // The extractor sanitizes too; stored HTML must be safe whichever extractor was passed in.
  const result: ExtractedArticle = { ...article, contentHtml: sanitizeHtml(article.contentHtml) };
  // A page with no web address of its own is "file:///page.html" to the extractor; that is no
  // article address (the renderer keys a saved article by it, so two saved pages named
  // page.html were one article, the second import replacing the first).
  if (result.url !== undefined && !isWebUrl(result.url)) delete result.url;
  if (!result.url && /^https?:/i.test(url)) result.url = url;
  // Whichever extractor ran, a file's article is never titled with a host name or nothing.
  if (isNotATitle(result.title, hostNames(url))) {
    result.title = titleFromFileName(options.fileName) || titleFromUrl(url) || 'Untitled';
  }
  return result;
}

/**
 * The charset label the page is in, by the HTML standard's order: the HTTP Content-Type's, else
 * the page's own declaration. (A byte order mark beats both; decodeBytes looks for it first, and
 * valid UTF-8 beats any label there.) A label nobody knows, or a UTF-16 one on bytes without a
 * BOM, is passed over for the next.
 */
function pageCharset(bytes: Uint8Array, contentType: string | undefined): string | undefined {
  return [charsetFromContentType(contentType), declaredCharset(bytes)].find((label) => {
    const charset = canonicalCharset(label);
    return charset !== undefined && !isWide(charset);
  });
}

/** The charset a `<meta charset>` or `<meta http-equiv="Content-Type">` declares. */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, PRESCAN_BYTES)).toString('latin1');
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const attrs = attributes(tag);
    if (attrs.charset) return attrs.charset;
    if (attrs['http-equiv']?.toLowerCase() === 'content-type' && attrs.content) {
      const match = /charset\s*=\s*["']?([\w.:-]+)/i.exec(attrs.content);
      if (match?.[1]) return match[1];
    }
  }
  return undefined;
}

/**
 * Where the page lives, to resolve its relative URLs: the reader's --url; the address a browser
 * noted when saving it (`<!-- saved from url=(0042)https://… -->`, or a `<base href>`); the
 * page's canonical or og:url; else the file itself.
 */
export function pageUrl(html: string, options: { baseUrl?: string; fileName?: string }): string {
  if (options.baseUrl !== undefined) return checkedUrl(options.baseUrl);
  const head = html.slice(0, 200_000);
  const savedFrom = /<!--\s*saved from url=\(\d+\)\s*(\S+?)\s*-->/i.exec(head)?.[1];
  const candidates = [savedFrom, tagHref(head, 'base', () => true)];
  candidates.push(
    tagHref(head, 'link', (attrs) => /(?:^|\s)canonical(?:\s|$)/i.test(attrs.rel ?? '')),
    metaContent(head, 'og:url'),
  );
  for (const candidate of candidates) {
    const url = webUrl(candidate);
    if (url) return url;
  }
  const name = (options.fileName ?? 'article.html').replace(/^.*[\\/]/, '');
  return `file:///${encodeURIComponent(name)}`;
}

function checkedUrl(value: string): string {
  const url = webUrl(value);
  if (!url) {
    throw new AppError('invalid-params', 'main.import.notWebAddress', { address: value });
  }
  return url;
}

/**
 * An attribute's value as an absolute web address; entities decoded, as a parser would (the
 * shared decoder: `&#99999999;` is no code point, and String.fromCodePoint threw on it).
 */
function webUrl(value: string | undefined): string | undefined {
  return value ? resolveWebUrl(decodeEntities(value.trim())) : undefined;
}

function tagHref(
  html: string,
  tag: string,
  accept: (attrs: Record<string, string>) => boolean,
): string | undefined {
  for (const match of html.matchAll(new RegExp(`<${tag}\\b[^>]*>`, 'gi'))) {
    const attrs = attributes(match[0]);
    if (attrs.href && accept(attrs)) return attrs.href;
  }
  return undefined;
}

function metaContent(html: string, property: string): string | undefined {
  for (const match of html.matchAll(/<meta\b[^>]*>/gi)) {
    const attrs = attributes(match[0]);
    if ((attrs.property ?? attrs.name)?.toLowerCase() === property) return attrs.content;
  }
  return undefined;
}

/** The attributes of one start tag, names lower-cased. */
function attributes(tag: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const body = tag.replace(/^<[\w:-]+/, '').replace(/\/?>$/, '');
  for (const match of body.matchAll(
    /([^\s"'=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g,
  )) {
    const name = (match[1] ?? '').toLowerCase();
    if (!(name in attrs)) attrs[name] = match[2] ?? match[3] ?? match[4] ?? '';
  }
  return attrs;
}
