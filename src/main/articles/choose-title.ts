/**
 * The one place an article's title is chosen from what a page offers. Pages offer a lot that is
 * not a title: schema.org JSON-LD whose `headline` is a type description (Wikipedia's lists
 * say "Wikimedia list article"), a host name where a test page or a saved copy has no `<title>`
 * ("fakehost"), the site's own name, or nothing at all. Candidates are tried in order, each
 * with the site's name cut off, and the first that is a title wins:
 *
 *   JSON-LD headline (then name), when it resembles what the page calls itself elsewhere;
 *   og:title, twitter:title; Readability's guess (the `<title>` checked against the headings);
 *   `<title>` without its site suffix; the first `<h1>`.
 *
 * A title equal to the site's name is kept only when nothing else is left; a host name, a type
 * name or an empty string never. The last resort is the page's address (its path's last part,
 * "lee-in-tokyo.html" read as "lee in tokyo", as file-title.ts reads file names), then
 * "Untitled".
 */
import { getDomain, getDomainWithoutSuffix } from 'tldts';
import { decodeEntities } from '../html/entities';
import { titleFromFileName } from './file-title';
import { sameName, stripSiteName } from './metadata-text';

export interface TitleCandidates {
  jsonLdHeadline?: string;
  jsonLdName?: string;
  /** The JSON-LD article node's `@type`s: a title equal to one is a type, not a title. */
  jsonLdTypes?: string[];
  ogTitle?: string;
  twitterTitle?: string;
  /** Readability's pick, when extraction ran it. */
  readabilityTitle?: string;
  /** The `<title>` element. */
  documentTitle?: string;
  firstHeading?: string;
  siteName?: string;
  /** The page's address: its host is never a title, its path is the last resort. */
  url: string;
  /** The address the page gives as its own, whose host is no title either. */
  canonicalUrl?: string;
}

/** Below this likeness to every other title the page gives, a JSON-LD headline describes. */
const MIN_JSON_LD_SIMILARITY = 0.5;

/** schema.org types pages put in `@type`, and so sometimes in `name` or `headline`. */
const SCHEMA_TYPES = new Set(
  [
    'Thing',
    'CreativeWork',
    'Article',
    'NewsArticle',
    'AnalysisNewsArticle',
    'BackgroundNewsArticle',
    'OpinionNewsArticle',
    'ReportageNewsArticle',
    'ReviewNewsArticle',
    'BlogPosting',
    'LiveBlogPosting',
    'SocialMediaPosting',
    'ScholarlyArticle',
    'TechArticle',
    'Report',
    'Blog',
    'WebPage',
    'WebSite',
    'ItemPage',
    'CollectionPage',
    'AboutPage',
    'ProfilePage',
    'Organization',
    'NewsMediaOrganization',
    'Person',
  ].map(typeKey),
);

/**
 * Wikidata's descriptions of Wikimedia pages, which Wikipedia gives as JSON-LD headline:
 * "Wikimedia list article", "Wikimedia disambiguation page", "Wikimedia category".
 */
const WIKIMEDIA_DESCRIPTION =
  /^wikimedia(?: [\p{L}-]+){0,3} (?:article|page|category|template|module|portal|list)$/iu;

export function chooseTitle(candidates: TitleCandidates): string {
  const names = siteNames(candidates.siteName, candidates.url);
  const hosts = new Set([
    ...hostNames(candidates.url),
    ...hostNames(candidates.canonicalUrl ?? ''),
  ]);
  const types = new Set([...(candidates.jsonLdTypes ?? [])].map(typeKey));
  const elsewhere = [
    candidates.ogTitle,
    candidates.twitterTitle,
    candidates.documentTitle,
    candidates.firstHeading,
  ].filter((value): value is string => Boolean(value?.trim()));
  const resemblesElsewhere = (value: string) =>
    !elsewhere.length ||
    elsewhere.some((other) => textSimilarity(other, value) >= MIN_JSON_LD_SIMILARITY);

  const ordered: (string | undefined)[] = [
    // JSON is not HTML, but publishers write entities into it ("Tom &amp; Jerry").
    ...[candidates.jsonLdHeadline, candidates.jsonLdName]
      .map((value) => value && decodeEntities(value))
      .map((value) => (value && resemblesElsewhere(value) ? value : undefined)),
    candidates.ogTitle,
    candidates.twitterTitle,
    candidates.readabilityTitle,
    candidates.documentTitle && withoutSiteSuffix(candidates.documentTitle, candidates),
    candidates.firstHeading,
  ];
  let siteNameOnly: string | undefined;
  for (const candidate of ordered) {
    const title = candidate && stripSiteName(candidate, names);
    if (!title || isNotATitle(title, hosts, types)) continue;
    if (candidates.siteName && sameName(title, candidates.siteName)) {
      siteNameOnly ??= title;
      continue;
    }
    return title;
  }
  return siteNameOnly ?? (titleFromUrl(candidates.url) || 'Untitled');
}

/**
 * A string that cannot be an article's title: empty, a host name (whole, without "www.", its
 * registrable domain or that domain's name alone: "fakehost", "example.com", "example"), or a
 * schema.org type or type description.
 */
export function isNotATitle(
  title: string,
  hosts: Set<string>,
  types: Set<string> = new Set(),
): boolean {
  const text = title.replace(/\s+/g, ' ').trim();
  if (!/[\p{L}\p{N}]/u.test(text)) return true;
  if (hosts.has(text.toLowerCase())) return true;
  const key = typeKey(text);
  return SCHEMA_TYPES.has(key) || types.has(key) || WIKIMEDIA_DESCRIPTION.test(text);
}

/** The forms of a page's host that are no title: "www.news.example.com", "example", … */
export function hostNames(url: string): Set<string> {
  const hosts = new Set<string>();
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return hosts;
  }
  if (!host) return hosts;
  // Without "www." first: siteNames tries them in this order when it cuts a site suffix.
  hosts.add(host.replace(/^www\./, ''));
  hosts.add(host);
  const domain = getDomain(host);
  if (domain) hosts.add(domain);
  const label = getDomainWithoutSuffix(host);
  if (label) hosts.add(label);
  return hosts;
}

/** The last part of the address's path, as a person would read it; empty when there is none. */
export function titleFromUrl(url: string): string {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return '';
  }
  const last = path.split('/').filter(Boolean).pop() ?? '';
  let decoded = last;
  try {
    decoded = decodeURIComponent(last);
  } catch {
    // A malformed escape: read it as written.
  }
  return /^(?:index|default)\.\w+$/i.test(decoded) ? '' : titleFromFileName(decoded);
}

/** Names a site goes by in titles: its stated name, then the forms of its host. */
function siteNames(siteName: string | undefined, url: string): string[] {
  return [...new Set([...(siteName ? [siteName] : []), ...hostNames(url)])];
}

const SUFFIX = /^(.+?)\s+[|·–—-]\s+([^|·–—]+)$/u;

/**
 * `<title>` without the site's name after " | ", " - ", " – ", " — " or " · ". stripSiteName
 * cuts a suffix that names the site or its host; a suffix that names neither is cut only when
 * the first heading confirms what is left.
 */
function withoutSiteSuffix(title: string, candidates: TitleCandidates): string {
  const match = SUFFIX.exec(title.replace(/\s+/g, ' ').trim());
  const head = match?.[1]?.trim();
  const heading = candidates.firstHeading?.replace(/\s+/g, ' ').trim();
  if (head && heading && head.toLowerCase() === heading.toLowerCase()) return head;
  return title;
}

/**
 * How much of `b` is also in `a`, by the length of its words, from 0 to 1: the measure
 * Readability uses to choose between JSON-LD name and headline. A headline's words are in the
 * page's other titles; a description's ("Wikimedia list article") mostly are not.
 */
function textSimilarity(a: string, b: string): number {
  const words = (text: string) =>
    text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
  const wordsA = new Set(words(a));
  const wordsB = words(b);
  const total = wordsB.join(' ').length;
  if (!total) return 0;
  const unique = wordsB.filter((word) => !wordsA.has(word)).join(' ').length;
  return 1 - unique / total;
}

function typeKey(value: string): string {
  return value.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}
