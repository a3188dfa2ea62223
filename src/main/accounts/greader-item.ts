/**
 * One item of `stream/items/contents` as the app stores it: the same clean-up feed items get
 * (feeds/feed-service.ts): HTML through the shared sanitizer with trackers taken out, links and
 * pictures without tracking parameters, teasers marked for the offline pass. The server's
 * categories are split into its state (read, starred), the reader's labels (tags) and the
 * feed's own categories; folder labels are dropped, the subscription already carries them.
 */
import type { AccountService, RemoteItem } from '../../shared/account-model';
import type { Enclosure } from '../../shared/feed-model';
import { resolveWebUrl } from '../../shared/web-url';
import { clampFuture } from '../dates/parse-date';
import { sanitizeHtml } from '../html/sanitize-html';
import { collapseWhitespace, htmlToText } from '../html/text';
import { isTrackerUrl, stripTrackingParams } from '../privacy/trackers';
import { needsFullText } from '../text/needs-full-text';
import { unescapeFreshRssItemTitle } from './freshrss-text';
import { normalizeItemId } from './item-id';
import { isObject, numberAt, stringAt, type JsonObject } from './greader-json';
import { labelName, stateName } from './stream-id';

export interface ItemContext {
  now: number;
  /** Whether a label is one of the server's folders: those on an item are not tags. */
  isFolder: (name: string) => boolean;
  service?: AccountService;
}

/** The item as the app keeps it, or undefined when it has no usable id. */
export function toRemoteItem(raw: unknown, context: ItemContext): RemoteItem | undefined {
  if (!isObject(raw)) return undefined;
  const rawId = stringAt(raw, 'id');
  if (!rawId) return undefined;
  let id: string;
  try {
    id = normalizeItemId(rawId);
  } catch {
    return undefined;
  }
  const origin = isObject(raw.origin) ? raw.origin : {};
  const url = firstHref(raw.canonical) ?? firstHref(raw.alternate);
  const content = htmlOf(raw.content);
  const summary = htmlOf(raw.summary);
  // Servers put the body in `content`, in `summary`, or the same text in both.
  const contentHtml = content ?? summary;
  const teaser = content && summary && summary !== content ? summary : undefined;
  const enclosures = readEnclosures(raw.enclosure);
  const item: RemoteItem = {
    id,
    streamId: stringAt(origin, 'streamId') ?? '',
    title: titleOf(raw, context.service),
    authors: authorsOf(raw),
    images: enclosures
      // FreshRSS types an image enclosure whose feed gave no media type plain `image`.
      .filter((enclosure) => /^image(?:\/|$)/.test(enclosure.type ?? ''))
      .map((enclosure) => enclosure.url),
    enclosures,
    categories: [],
    labels: [],
    read: false,
    starred: false,
  };
  if (url) item.url = stripTrackingParams(url);
  const published = seconds(raw, 'published', context.now);
  const updated = seconds(raw, 'updated', context.now);
  if (published !== undefined) item.published = published;
  else if (updated !== undefined) item.published = updated;
  if (updated !== undefined) item.updated = updated;
  if (contentHtml) item.contentHtml = sanitizeHtml(withoutEnclosureFigures(contentHtml, context));
  if (teaser) item.summary = sanitizeHtml(teaser);
  readCategories(raw.categories, context.isFolder, item);
  if (needsFullText(item)) item.summaryOnly = true;
  return item;
}

/**
 * FreshRSS appends each enclosure to the HTML as `<figure class="enclosure">` holding an
 * `<audio>`/`<video>` (which the sanitizer removes) and a 💾 download link (which would stay,
 * alone). The enclosures travel in their own field, so the figures go.
 */
function withoutEnclosureFigures(html: string, context: ItemContext): string {
  if (context.service !== 'freshrss' || !html.includes('class="enclosure"')) return html;
  return html.replace(/<figure class="enclosure">[\s\S]*?<\/figure>/g, '');
}

function titleOf(raw: JsonObject, service: AccountService | undefined): string {
  const title = htmlToText(stringAt(raw, 'title') ?? '');
  return service === 'freshrss' ? unescapeFreshRssItemTitle(title) : title;
}

function readCategories(
  value: unknown,
  isFolder: (name: string) => boolean,
  item: RemoteItem,
): void {
  if (!Array.isArray(value)) return;
  const categories = new Set<string>();
  const labels = new Set<string>();
  for (const category of value) {
    if (typeof category !== 'string') continue;
    const state = stateName(category);
    if (state === 'read') item.read = true;
    else if (state === 'starred') item.starred = true;
    if (state !== undefined) continue;
    const label = labelName(category);
    if (label !== undefined) {
      if (!isFolder(label)) labels.add(label);
      continue;
    }
    // Other `user/…` streams (broadcast, tags of other users) are server state, not categories.
    if (category.startsWith('user/')) continue;
    const text = collapseWhitespace(category);
    if (text) categories.add(text);
  }
  item.categories = [...categories];
  item.labels = [...labels];
}

function htmlOf(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  const html = stringAt(value, 'content')?.trim();
  return html ? html : undefined;
}

function firstHref(value: unknown): string | undefined {
  if (!Array.isArray(value)) return undefined;
  for (const link of value) {
    const href = isObject(link) ? resolveWebUrl(stringAt(link, 'href')) : undefined;
    if (href) return href;
  }
  return undefined;
}

function authorsOf(raw: JsonObject): string[] {
  const author = htmlToText(stringAt(raw, 'author') ?? '');
  return author ? [author] : [];
}

/** Reader API dates are Unix seconds. */
function seconds(raw: JsonObject, key: string, now: number): number | undefined {
  const value = numberAt(raw, key);
  if (value === undefined || value <= 0) return undefined;
  return clampFuture(value * 1000, now);
}

function readEnclosures(value: unknown): Enclosure[] {
  if (!Array.isArray(value)) return [];
  const seen = new Set<string>();
  const enclosures: Enclosure[] = [];
  for (const entry of value) {
    if (!isObject(entry)) continue;
    const href = resolveWebUrl(stringAt(entry, 'href') ?? stringAt(entry, 'url'));
    if (!href || isTrackerUrl(href)) continue;
    const url = stripTrackingParams(href);
    if (seen.has(url)) continue;
    seen.add(url);
    const enclosure: Enclosure = { url };
    const type = stringAt(entry, 'type');
    if (type) enclosure.type = type.toLowerCase();
    const length = numberAt(entry, 'length');
    if (length !== undefined && length > 0) enclosure.length = length;
    enclosures.push(enclosure);
  }
  return enclosures;
}
