/**
 * JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1). Every field is optional in
 * practice: a value of the wrong type is ignored, never an error.
 */
import type { Enclosure, ParsedFeed } from '../../../shared/feed-model';
import { AppError } from '../../../shared/result';
import { fallbackTitle, type ParseContext } from './context';
import { parseDate } from '../../dates/parse-date';
import { resolveHtmlUrls } from './html-urls';
import { ItemSelection, type ItemDraft } from './item-builder';
import { isImageType, makeEnclosure } from './media';
import { escapeHtml, htmlToText, languageTag, plainTitle } from '../../html/text';
import { resolveUrl } from './urls';

type JsonObject = Record<string, unknown>;

/** Reads a JSON document that is known to start like JSON (`{` or `[`). */
export function readJsonFeed(text: string, context: ParseContext): ParsedFeed {
  const document = parseJson(text);
  if (!isObject(document) || !isJsonFeed(document)) throw notAJsonFeed(document);

  // Relative URLs: the feed's own URL is relative to where it was fetched from, everything
  // else to the site (the spec names no base; these are what publishers mean).
  const fetched = resolveUrl(context.url, undefined);
  const feedUrl = resolveUrl(string(document.feed_url), fetched) ?? context.url;
  const siteUrl = resolveUrl(string(document.home_page_url), fetched ?? feedUrl);
  const base = siteUrl ?? resolveUrl(feedUrl, undefined);
  const feedAuthors = authorsOf(document);
  // JSON.parse has built every item already; the selection still spares the work (and the
  // sanitizing and storing downstream) of the ones beyond the cap.
  const selection = new ItemSelection(context.now, context.maxItems);
  if (Array.isArray(document.items)) {
    for (const item of document.items as unknown[]) {
      if (isObject(item)) selection.add(readItem(item, base, feedAuthors));
    }
  }

  const feed: ParsedFeed = {
    format: 'json',
    title: plainTitle(string(document.title) ?? '') || fallbackTitle(siteUrl, feedUrl),
    feedUrl,
    items: selection.finish(),
  };
  if (siteUrl) feed.siteUrl = siteUrl;
  const description = htmlToText(string(document.description) ?? '');
  if (description) feed.description = description;
  const language = languageTag(string(document.language));
  if (language) feed.language = language;
  const iconUrl =
    resolveUrl(string(document.icon), base) ?? resolveUrl(string(document.favicon), base);
  if (iconUrl) feed.iconUrl = iconUrl;
  return feed;
}

function readItem(item: JsonObject, base: string | undefined, feedAuthors: string[]): ItemDraft {
  // `url` is the item's permalink; `external_url` what it links to (a linked-list post).
  const url = resolveUrl(string(item.url), base) ?? resolveUrl(string(item.external_url), base);
  const itemAuthors = authorsOf(item);
  const summary = string(item.summary)?.trim();
  const enclosures = readAttachments(item.attachments, base);
  const images: string[] = [];
  for (const value of [item.image, item.banner_image]) {
    const image = resolveUrl(string(value), base);
    if (image) images.push(image);
  }
  for (const enclosure of enclosures) if (isImageType(enclosure.type)) images.push(enclosure.url);
  const html = string(item.content_html);
  return {
    id: idOf(item.id),
    url,
    title: plainTitle(string(item.title) ?? ''),
    language: string(item.language),
    // RFC 4287-like inheritance, as JSON Feed 1.1 specifies for authors.
    authors: itemAuthors.length ? itemAuthors : feedAuthors,
    published: parseDate(string(item.date_published)),
    updated: parseDate(string(item.date_modified)),
    summary: summary ? escapeHtml(summary) : undefined,
    // Relative links in a post are relative to the post's page.
    contentHtml:
      html !== undefined
        ? resolveHtmlUrls(html, url ?? base)
        : textToHtml(string(item.content_text)),
    images,
    enclosures,
    categories: Array.isArray(item.tags) ? item.tags.filter(isString) : [],
  };
}

function readAttachments(value: unknown, base: string | undefined): Enclosure[] {
  const enclosures: Enclosure[] = [];
  if (!Array.isArray(value)) return enclosures;
  for (const attachment of value) {
    if (!isObject(attachment)) continue;
    const url = resolveUrl(string(attachment.url), base);
    if (!url) continue;
    const size = attachment.size_in_bytes;
    const length = typeof size === 'number' || typeof size === 'string' ? String(size) : undefined;
    enclosures.push(makeEnclosure(url, string(attachment.mime_type), length));
  }
  return enclosures;
}

/** 1.1's `authors` array, else 1.0's single `author`. */
function authorsOf(object: JsonObject): string[] {
  const names: string[] = [];
  const list: unknown = object.authors ?? object.author;
  for (const author of Array.isArray(list) ? list : [list]) {
    const name = isObject(author) ? string(author.name)?.trim() : undefined;
    if (name) names.push(name);
  }
  return names;
}

function idOf(value: unknown): string | undefined {
  // The spec says string; a few generators write numbers.
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return string(value)?.trim() || undefined;
}

/** Plain `content_text` as HTML: escaped, blank lines as paragraphs, line breaks kept. */
function textToHtml(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  if (!trimmed) return undefined;
  return trimmed
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => `<p>${escapeHtml(paragraph.trim()).replace(/\r?\n/g, '<br>')}</p>`)
    .join('');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError(
      'parse',
      isCutOff(text, error) ? 'main.feed.jsonCutOff' : 'main.feed.badJson',
    );
  }
}

/** Whether JSON.parse gave up at the very end: a download cut short, not a malformed one. */
function isCutOff(text: string, error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  if (/end of (?:json )?input|unterminated/i.test(message)) return true;
  const position = /\bposition (\d+)/.exec(message)?.[1];
  return position !== undefined && Number(position) >= text.trimEnd().length;
}

function isJsonFeed(document: JsonObject): boolean {
  const version = string(document.version) ?? '';
  if (/jsonfeed\.org\/version\//i.test(version)) return true;
  // Some generators write a bare `1.1`, or no version at all; items and a title still say it.
  return Array.isArray(document.items) && !('rss' in document);
}

function notAJsonFeed(document: unknown): AppError {
  if (isObject(document) && isObject(document.rss)) {
    return new AppError('not-a-feed', 'main.feed.rssAsJson');
  }
  return new AppError('not-a-feed', 'main.feed.jsonData');
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function string(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
