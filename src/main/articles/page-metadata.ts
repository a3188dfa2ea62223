/**
 * What a page says about itself, read before Readability rearranges the document: Open Graph
 * and other meta tags, JSON-LD, the canonical link, `<html lang dir>`, a `<time>` in the
 * article header and breadcrumbs. Raw facts only; choosing between them and Readability's
 * guesses happens in extract-article.
 */
import { clampFuture, parseDate } from '../dates/parse-date';
import type { TitleCandidates } from './choose-title';
import { normalizedText } from './dom-text';
import { readJsonLd } from './json-ld';
import { sameName } from './metadata-text';
import { absoluteImageUrl } from './resolve-images';
import { isTrackerUrl, stripTrackingParams } from '../privacy/trackers';
import { resolveWebUrl } from '../../shared/web-url';

export interface PageMetadata {
  /** Every title the page gives, for choose-title.ts (the URL and site name are added there). */
  titles: Omit<TitleCandidates, 'url' | 'canonicalUrl' | 'siteName' | 'readabilityTitle'>;
  /** People named as authors, JSON-LD first. */
  authors: string[];
  /** Organizations named as authors (news agencies, the publication itself). */
  organizationAuthors: string[];
  /**
   * A byline as the page shows it ("By Jane Doe"), for pages that name authors nowhere else;
   * looked for only when `authors` names nobody but the site.
   */
  visibleByline?: string;
  published?: number;
  siteName?: string;
  section?: string;
  lang?: string;
  dir?: 'ltr' | 'rtl';
  leadImageUrl?: string;
  description?: string;
  canonicalUrl?: string;
}

export interface MetadataOptions {
  /** Epoch ms; publication dates more than a day after it are not believed. */
  now: number;
}

/** The first crumb of a trail, in the languages we have seen; never a section. */
const HOME =
  /^(?:home|homepage|start|startseite|accueil|inicio|início|news|index|首页|首頁|ホーム|トップ|홈|الرئيسية|דף הבית|ראשי|главная)$/i;

const RTL_LANGUAGES = new Set(['ar', 'he', 'iw', 'fa', 'ur', 'yi', 'ps', 'sd', 'ug', 'dv', 'ckb']);

export function readPageMetadata(document: Document, options: MetadataOptions): PageMetadata {
  const base = document.baseURI;
  const meta = readMetaTags(document);
  const get = (...keys: string[]) => {
    for (const key of keys) {
      const value = meta.get(key);
      if (value) return value;
    }
    return undefined;
  };
  const jsonLd = readJsonLd(
    Array.from(document.querySelectorAll('script[type*="ld+json" i]')).map(
      (script) => script.textContent ?? '',
    ),
  );

  const result: PageMetadata = { titles: {}, authors: [], organizationAuthors: [] };
  const set = <K extends keyof PageMetadata>(key: K, value: PageMetadata[K] | undefined) => {
    if (value !== undefined && value !== '') result[key] = value;
  };

  const titles: PageMetadata['titles'] = {
    jsonLdHeadline: jsonLd?.headline,
    jsonLdName: jsonLd?.name,
    jsonLdTypes: jsonLd?.types,
    ogTitle: get('og:title'),
    twitterTitle: get('twitter:title'),
    documentTitle: normalizedText(document.querySelector('head > title') ?? emptyNode(document)),
    firstHeading: normalizedText(document.querySelector('body h1') ?? emptyNode(document)),
  };
  for (const [key, value] of Object.entries(titles)) {
    if (value !== undefined && value !== '') Object.assign(result.titles, { [key]: value });
  }
  set('siteName', get('og:site_name') ?? jsonLd?.publisher ?? get('application-name'));

  const people = jsonLd?.authors.filter((author) => author.person).map((author) => author.name);
  const metaAuthors = [
    get('author'),
    get('article:author'),
    get('parsely-author'),
    get('dc.creator'),
  ]
    .filter((value): value is string => Boolean(value) && !/^https?:\/\//i.test(value ?? ''))
    .map((value) => value.replace(/\s+/g, ' ').trim());
  result.authors = unique([...(people ?? []), ...metaAuthors]);
  result.organizationAuthors = unique(
    jsonLd?.authors.filter((author) => !author.person).map((author) => author.name) ?? [],
  );

  // Searching the page itself costs more than reading meta tags: only when they say nothing.
  if (!result.authors.some((author) => !sameName(author, result.siteName))) {
    set('visibleByline', visibleByline(document));
  }

  const dates: (() => string | undefined)[] = [
    () => jsonLd?.datePublished,
    () => get('article:published_time', 'og:article:published_time', 'article:published'),
    () => headerTime(document),
    () =>
      get(
        'datepublished',
        'pubdate',
        'publishdate',
        'publish-date',
        'date',
        'dc.date',
        'dc.date.issued',
        'dcterms.created',
        'sailthru.date',
        'parsely-pub-date',
      ),
    () => visibleDateLine(document),
  ];
  for (const date of dates) {
    const parsed = clampFuture(parseDate(date()), options.now);
    if (parsed !== undefined) {
      result.published = parsed;
      break;
    }
  }

  set(
    'section',
    get('article:section') ?? jsonLd?.section ?? breadcrumbSection(document, jsonLd?.breadcrumb),
  );

  const lang = languageTag(
    document.documentElement.getAttribute('lang') ??
      document.documentElement.getAttribute('xml:lang') ??
      get('og:locale', 'content-language', 'language', 'dc.language') ??
      jsonLd?.inLanguage,
  );
  set('lang', lang);
  const dir = (document.documentElement.getAttribute('dir') ?? document.body?.getAttribute('dir'))
    ?.trim()
    .toLowerCase();
  if (dir === 'rtl' || dir === 'ltr') result.dir = dir;
  else if (lang) result.dir = RTL_LANGUAGES.has(lang.split('-')[0] ?? '') ? 'rtl' : 'ltr';

  const image = [
    get('og:image:secure_url', 'og:image:url', 'og:image'),
    jsonLd?.image,
    get('twitter:image', 'twitter:image:src'),
    document.querySelector('link[rel~="image_src"]')?.getAttribute('href'),
  ]
    .map((candidate) => absoluteImageUrl(candidate, base))
    .find((url) => url && !isTrackerUrl(url));
  set('leadImageUrl', image && stripTrackingParams(image));

  set(
    'description',
    get('description', 'og:description', 'twitter:description') ?? jsonLd?.description,
  );

  const canonical = [
    document.querySelector('link[rel~="canonical" i]')?.getAttribute('href'),
    get('og:url'),
    jsonLd?.url,
  ]
    .map((candidate) => webUrl(candidate, base))
    .find(Boolean);
  set('canonicalUrl', canonical && stripTrackingParams(canonical));
  return result;
}

/** Meta tags by lower-cased property, name, itemprop or http-equiv; the first one wins. */
function readMetaTags(document: Document): Map<string, string> {
  const tags = new Map<string, string>();
  for (const element of Array.from(document.querySelectorAll('meta[content]'))) {
    const content = (element.getAttribute('content') ?? '').replace(/\s+/g, ' ').trim();
    if (!content) continue;
    for (const attribute of ['property', 'name', 'itemprop', 'http-equiv']) {
      for (const key of (element.getAttribute(attribute) ?? '').toLowerCase().split(/\s+/)) {
        if (key && !tags.has(key)) tags.set(key, content);
      }
    }
  }
  return tags;
}

/**
 * The byline shown on the page. Readability finds one too, but not when it sits in a header it
 * discards as furniture, nor when a meta author (often just the site's name) came first.
 */
function visibleByline(document: Document): string | undefined {
  const shortText = (element: Element | null) => {
    const text = element ? normalizedText(element) : '';
    return text && text.length <= 100 ? text : undefined;
  };
  const joined = (selector: string) => {
    const names = unique(Array.from(document.querySelectorAll(selector)).map(normalizedText));
    return names.length && names.join(', ').length <= 100 ? names.join(', ') : undefined;
  };
  return (
    shortText(document.querySelector('.byline, .by-line, [class*="byline" i]')) ??
    joined('[itemprop~="author"] [itemprop~="name"]') ??
    joined('[itemprop~="author"]') ??
    joined('a[rel~="author"]') ??
    shortText(document.querySelector('.author, .author-name, .writer, .reporter')) ??
    bylineLine(document)
  );
}

/** "By AP" on a line of its own, as saved pages with no markup to go by have it. */
const BYLINE_LINE = /^(?:by|von|par|por|מאת|بقلم)\s+[^\s.!?][^.!?]{0,60}$/i;

function bylineLine(document: Document): string | undefined {
  const candidates = document.querySelectorAll('p, div, span');
  const limit = Math.min(candidates.length, 300);
  for (let index = 0; index < limit; index++) {
    const element = candidates[index];
    if (!element || element.children.length > 3) continue;
    const text = normalizedText(element);
    if (BYLINE_LINE.test(text) && text.split(' ').length <= 7) return text;
  }
  return undefined;
}

/** "Published: 23 Aug 2025 05:21 PM": the last resort, for pages with no machine-readable date. */
export const DATE_LINE =
  /^(?:first published|published|posted|publication date|date)\s*(?:on|at)?\s*[:：]?\s*(\S.{4,60})$/i;

function visibleDateLine(document: Document): string | undefined {
  const candidates = document.querySelectorAll('p, div, span, small, time, li');
  const limit = Math.min(candidates.length, 300);
  for (let index = 0; index < limit; index++) {
    const element = candidates[index];
    if (!element || element.children.length > 3) continue;
    const text = normalizedText(element);
    const match = text.length <= 80 ? DATE_LINE.exec(text) : null;
    if (match?.[1]) return match[1];
  }
  return undefined;
}

/** The publication time a page shows in its article header. */
const TIME_SELECTORS = [
  '[itemprop~="datePublished"][datetime]',
  '[itemprop~="datePublished"][content]',
  'time[pubdate][datetime]',
  'article header time[datetime]',
  'header time[datetime]',
  'article time[datetime]',
  'main time[datetime]',
];

/** One walk over the page for all the places a date may be, then the best of what it found. */
function headerTime(document: Document): string | undefined {
  const found = Array.from(document.querySelectorAll(TIME_SELECTORS.join(', ')));
  for (const selector of TIME_SELECTORS) {
    for (const element of found) {
      if (!element.matches(selector)) continue;
      const value = (element.getAttribute('datetime') ?? element.getAttribute('content'))?.trim();
      if (value) return value;
    }
  }
  return undefined;
}

/** The top-level section from a breadcrumb trail ("Home › World › Europe" gives "World"). */
function breadcrumbSection(
  document: Document,
  fromJsonLd: string[] | undefined,
): string | undefined {
  let crumbs = fromJsonLd ?? [];
  if (!crumbs.length) {
    const trail = document.querySelector(
      '[aria-label*="breadcrumb" i], [class*="breadcrumb" i], [itemtype*="BreadcrumbList"]',
    );
    crumbs = trail
      ? Array.from(trail.querySelectorAll('a, [itemprop="name"]')).map((node) =>
          normalizedText(node),
        )
      : [];
  }
  const title = normalizedText(document.querySelector('h1') ?? emptyNode(document)).toLowerCase();
  return crumbs.find(
    (crumb) => crumb && crumb.length <= 40 && !HOME.test(crumb) && crumb.toLowerCase() !== title,
  );
}

/** A canonical BCP 47 tag ("en_GB" becomes "en-GB"), or undefined when it is not one. */
export function languageTag(value: string | null | undefined): string | undefined {
  const candidate = value?.split(',')[0]?.trim().replace(/_/g, '-');
  if (!candidate) return undefined;
  try {
    return Intl.getCanonicalLocales(candidate)[0];
  } catch {
    return undefined;
  }
}

function webUrl(value: string | null | undefined, base: string): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? resolveWebUrl(trimmed, base) : undefined;
}

function unique(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = value.toLowerCase();
    if (!value || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function emptyNode(document: Document): Node {
  return document.createTextNode('');
}
