/**
 * A saved web page to an article Broadsheet can keep for offline reading. The pipeline:
 * read the page's own metadata → resolve lazy images and turn embeds into links → Readability
 * finds the article → clean out furniture and trackers → the shared sanitizer → text, counts and
 * the final metadata. Pure: HTML in, ExtractedArticle out; throws only AppError.
 *
 * The page is parsed by jsdom's DOMParser (parse-page.ts): scripting disabled, nothing loaded.
 */
import { Readability } from '@mozilla/readability';
import type { ExtractedArticle } from '../../shared/article-model';
import { AppError } from '../../shared/result';
import { clampFuture, parseDate } from '../dates/parse-date';
import { truncate } from '../html/text';
import { chooseTitle } from './choose-title';
import { cleanArticleElement } from './clean-article';
import { measureText, readingMinutes, type TextMeasure } from '../text/count-words';
import { blockText, normalizedText } from './dom-text';
import { cleanByline, sameName } from './metadata-text';
import { languageTag, readPageMetadata, type PageMetadata } from './page-metadata';
import { checkPageShape } from '../html/page-shape';
import { pageParser, type PageParser } from './parse-page';
import { MAX_PAGE_BYTES } from './max-page-bytes';
import { replaceEmbeds } from './replace-embeds';
import { resolveLazyImages } from './resolve-images';
import { revealVisibleContent } from './reveal-visible';
import { sanitizeHtml } from '../html/sanitize-html';
import { isTrackerUrl, stripTrackingParams } from '../privacy/trackers';

export interface ExtractOptions {
  /** Where the page came from: the base for relative links and the fallback canonical URL. */
  url: string;
  /** Epoch ms; publication dates more than a day after it are not believed. */
  now?: number;
  /** The jsdom parser: this thread's own unless a test passes one that counts its windows. */
  parser?: PageParser;
}

/** Readability's own guard against pathological documents. */
const MAX_ELEMENTS = 100_000;
/** Below this many words outside links, what Readability found is a teaser or a link list. */
export const MIN_ARTICLE_WORDS = 60;
/** Above this share of words inside links, it is navigation, not prose. */
const MAX_LINK_SHARE = 0.5;
const EXCERPT_LENGTH = 300;
/** Images narrower than this are icons and avatars, not a lead picture. */
const MIN_LEAD_IMAGE_WIDTH = 150;

const RTL_SCRIPT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}]/gu;
const LETTER = /\p{L}/gu;

export function extractArticle(html: string, options: ExtractOptions): ExtractedArticle {
  const pageUrl = checkUrl(options.url);
  if (Buffer.byteLength(html, 'utf8') > MAX_PAGE_BYTES) {
    throw new AppError('too-large', 'main.article.pageTooLarge', {
      megabytes: MAX_PAGE_BYTES / 1024 / 1024,
    });
  }
  // Before jsdom: its cost grows with depth × elements, and a hostile page is cheap to write.
  checkPageShape(html);
  const parser = options.parser ?? pageParser;
  try {
    const document = parser.parse(html, pageUrl);
    return extractFromDocument(document, { url: pageUrl, now: options.now ?? Date.now() });
  } catch (error) {
    if (error instanceof AppError) throw error;
    // A bug or a pathological page: still an answer the reader can act on, not a stack trace.
    const detail = error instanceof Error ? error.message : String(error);
    throw new AppError('parse', 'main.article.unreadable', { detail });
  } finally {
    // Whatever happened, the page's DOM is no longer needed: a full window goes now.
    parser.done();
  }
}

function extractFromDocument(
  document: Document,
  options: { url: string; now: number },
): ExtractedArticle {
  const baseUrl = document.baseURI || options.url;
  const meta = readPageMetadata(document, { now: options.now });

  if (document.body) {
    revealVisibleContent(document.body);
    resolveLazyImages(document.body, baseUrl);
    replaceEmbeds(document.body, baseUrl);
    keepPullQuotes(document.body);
  }

  const count = document.getElementsByTagName('*').length;
  if (count > MAX_ELEMENTS) {
    throw new AppError('too-large', 'main.article.tooManyElements');
  }
  const parsed = new Readability<Element>(document, {
    keepClasses: true, // the cleaner still needs them; the sanitizer drops them afterwards
    serializer: (node) => node as Element,
    maxElemsToParse: MAX_ELEMENTS,
  }).parse();
  const content = parsed?.content;
  if (!parsed || !content) throw notAnArticle();

  const siteName = meta.siteName ?? (parsed.siteName?.trim() || undefined);
  const title = chooseTitle({
    ...meta.titles,
    ...(parsed.title ? { readabilityTitle: parsed.title } : {}),
    ...(siteName ? { siteName } : {}),
    url: options.url,
    ...(meta.canonicalUrl ? { canonicalUrl: meta.canonicalUrl } : {}),
  });
  const byline = chooseByline(meta, parsed.byline, siteName);
  cleanArticleElement(content, { url: baseUrl, title, ...(byline ? { byline } : {}) });
  const contentHtml = sanitizeHtml(content.innerHTML);

  const template = document.createElement('template');
  template.innerHTML = contentHtml;
  const fragment = template.content;
  const textContent = blockText(fragment);
  const lang = meta.lang ?? languageTag(parsed.lang);
  const measure = measureText(textContent, lang);
  if (!looksLikeArticle(fragment, measure, lang)) throw notAnArticle();

  const contentImages = Array.from(fragment.querySelectorAll('img'));
  const leadImageUrl = meta.leadImageUrl ?? firstLargeImage(contentImages);
  const images = unique([
    ...(leadImageUrl ? [leadImageUrl] : []),
    ...contentImages
      .map((image) => image.getAttribute('src') ?? '')
      .filter((src) => /^https?:/i.test(src) && !isTrackerUrl(src)),
  ]);

  const article: ExtractedArticle = {
    title,
    contentHtml,
    textContent,
    wordCount: measure.words,
    readingMinutes: readingMinutes(measure),
    images,
    url: meta.canonicalUrl ?? stripTrackingParams(options.url),
  };
  const published =
    meta.published ?? clampFuture(parseDate(parsed.publishedTime ?? undefined), options.now);
  const excerpt = chooseExcerpt(meta.description ?? parsed.excerpt, fragment);
  const dir = meta.dir ?? directionOf(textContent, lang, parsed.dir);
  if (byline) article.byline = byline;
  if (published !== undefined) article.published = published;
  if (siteName) article.siteName = siteName;
  if (meta.section) article.section = meta.section;
  if (lang) article.lang = lang;
  if (dir) article.dir = dir;
  if (leadImageUrl) article.leadImageUrl = leadImageUrl;
  if (excerpt) article.excerpt = excerpt;
  return article;
}

function checkUrl(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    throw new AppError('invalid-params', 'main.article.notAnAddress', { address: url });
  }
}

function notAnArticle(): AppError {
  return new AppError('parse', 'main.article.noText');
}

/**
 * Pull quotes often sit in an `<aside>`, which Readability drops with sidebars. A quote is the
 * article's own words, so it becomes a blockquote.
 */
function keepPullQuotes(body: Element): void {
  for (const aside of Array.from(body.querySelectorAll('aside'))) {
    const classes = `${aside.getAttribute('class') ?? ''} ${aside.getAttribute('id') ?? ''}`;
    if (!/pull-?quote|pullout|quote/i.test(classes)) continue;
    const quote = aside.ownerDocument.createElement('blockquote');
    quote.append(...aside.childNodes);
    aside.replaceWith(quote);
  }
}

/** Enough words that are not links: a home page or link list has its words in links. */
function looksLikeArticle(
  fragment: DocumentFragment,
  measure: TextMeasure,
  lang: string | undefined,
): boolean {
  if (!measure.words) return false;
  let linkWords = 0;
  for (const link of Array.from(fragment.querySelectorAll('a'))) {
    linkWords += measureText(normalizedText(link), lang).words;
  }
  const ownWords = measure.words - linkWords;
  return ownWords >= MIN_ARTICLE_WORDS && linkWords / measure.words <= MAX_LINK_SHARE;
}

/**
 * People over organizations, and never the site's own name, which says nothing a reader does
 * not already see.
 */
function chooseByline(
  meta: PageMetadata,
  readabilityByline: string | null | undefined,
  siteName: string | undefined,
): string | undefined {
  const notSite = (name: string) => !sameName(name, siteName);
  const people = meta.authors
    .map((name) => cleanByline(name))
    .filter((name): name is string => Boolean(name) && notSite(name ?? ''));
  if (people.length) return people.join(', ');
  for (const shown of [readabilityByline, meta.visibleByline]) {
    const fromPage = cleanByline(shown);
    if (fromPage && notSite(fromPage)) return fromPage;
  }
  const organizations = meta.organizationAuthors.filter(notSite);
  return organizations.length ? organizations.join(', ') : undefined;
}

function chooseExcerpt(
  description: string | null | undefined,
  fragment: DocumentFragment,
): string | undefined {
  let text = description?.replace(/\s+/g, ' ').trim();
  if (!text) {
    const paragraph = Array.from(fragment.querySelectorAll('p'))
      .map((element) => normalizedText(element))
      .find((value) => value.length >= 40);
    text = paragraph;
  }
  // truncate() adds an ellipsis after the cut, so leave it a character.
  return text ? truncate(text, EXCERPT_LENGTH - 1) : undefined;
}

function directionOf(
  text: string,
  lang: string | undefined,
  readabilityDir: string | null | undefined,
): 'ltr' | 'rtl' | undefined {
  if (readabilityDir === 'rtl' || readabilityDir === 'ltr') return readabilityDir;
  const sample = text.slice(0, 5000);
  const letters = sample.match(LETTER)?.length ?? 0;
  if (!letters) return lang ? 'ltr' : undefined;
  const rtl = sample.match(RTL_SCRIPT)?.length ?? 0;
  return rtl / letters > 0.5 ? 'rtl' : 'ltr';
}

function firstLargeImage(images: Element[]): string | undefined {
  for (const image of images) {
    const src = image.getAttribute('src') ?? '';
    if (!/^https?:/i.test(src) || isTrackerUrl(src)) continue;
    const width = Number(image.getAttribute('width'));
    if (!width || width >= MIN_LEAD_IMAGE_WIDTH) return src;
  }
  return undefined;
}

function unique(values: string[]): string[] {
  return Array.from(new Set(values));
}
