/**
 * Takes the page furniture out of extracted article content: tracking pixels and scripts,
 * tracking parameters on links, share bars, "Related stories" and newsletter boxes, ad labels,
 * comment prompts and stray tracker badges. Readability already drops much of this by class
 * name; this pass also works by what the reader would see, because plenty of sites give their
 * junk no telling class.
 *
 * The rule of thumb is to remove only what is clearly not the article: a label on its own, or
 * a short, link-heavy block under such a label. A real paragraph that merely mentions sharing or
 * related events is long, and mostly not links, and stays.
 */
import { linkDensity, normalizedText } from './dom-text';
import { DATE_LINE } from './page-metadata';
import { parsePage } from './parse-page';
import { replaceEmbeds } from './replace-embeds';
import { resolveLazyImages } from './resolve-images';
import {
  isTrackerElement,
  TRACKED_URL_ATTRIBUTES,
  withoutTrackingParams,
} from '../privacy/tracker-markup';
import { isTrackerLink, isTrackerName } from '../privacy/trackers';

const REMOVED_TAGS = [
  'script',
  'style',
  'noscript',
  'template',
  'link',
  'meta',
  'form',
  'button',
  'input',
  'select',
  'textarea',
  'label',
  'svg',
  'canvas',
  'dialog',
  'amp-pixel',
  'amp-analytics',
  'amp-ad',
].join(',');

/** Labels that stand for a block of links to elsewhere, in the languages we have seen. */
const RELATED_LABEL =
  /^(?:related(?: (?:stories|articles|content|coverage|links|reading|topics|posts|news|video))?|read more|read next|read also|also read|more (?:on|about) this(?: story| topic)?|more from [\p{L}\s.'’&-]{1,40}|more stories|more news|recommended(?: for you| stories| reading)?|you (?:may|might) also (?:like|be interested in)|most (?:read|popular|viewed|shared|watched)|top stories|trending(?: now)?|don['’]t miss|editor['’]s picks|lesen sie auch|mehr zum thema|à lire aussi|lire aussi|leia também|lee también|관련\s?기사|많이 본 뉴스|関連記事|関連ニュース|おすすめ記事|اقرأ أيضا|اقرأ أيضاً|مواضيع ذات صلة|כתבות נוספות|עוד באתר)$/iu;

const SHARE_LABEL =
  /^(?:share(?: (?:this|on|via))?(?: (?:article|story|page|post|link))?|share article|tweet|공유하기|シェア|شارك|שתפו)$/iu;

const AD_LABEL =
  /^(?:advertisements?|advert|ads?|sponsored(?: content)?|paid content|(?:story|article) continues (?:below|after) (?:this )?advertisement|continue reading (?:the main story|below)|skip advertisement|광고|広告|إعلان|פרסומת|anzeige|publicité)$/iu;

const COMMENT_LABEL =
  /^(?:comments?|\d+ comments?|leave a (?:comment|reply)|post a comment|add a comment|join the conversation|show comments|view comments|have your say|comment on this (?:article|story)|be the first to comment|댓글|コメント|التعليقات|תגובות)$/iu;

/** "Read more: <a>Another story</a>" and friends, set off by a colon or arrow. */
const INLINE_LINK_LABEL =
  /^(?:read more|read also|also read|related|see also|more|watch|listen|read next|recommended|lesen sie auch|lire aussi|leia também|lee también|관련\s?기사|関連記事|اقرأ أيضا|اقرأ أيضاً|קראו גם)\s*[:：|»›>–—-]/iu;

const COPYRIGHT = /^(?:©|ⓒ|\(c\)\s|copyright\b)/i;
const NEWSLETTER = /newsletter|mailing list|sign up for (?:our|the)/i;
const NEWSLETTER_ACTION = /sign ?up|subscribe|inbox|e-?mail|register/i;
const COOKIE = /\bcookies?\b/i;
const COOKIE_ACTION = /accept|consent|privacy|agree|manage|settings/i;

const SHARE_HOSTS =
  /(?:^|\.)(?:facebook\.com|twitter\.com|x\.com|linkedin\.com|pinterest\.com|reddit\.com|wa\.me|whatsapp\.com|t\.me|telegram\.me|vk\.com|line\.me|tumblr\.com|news\.ycombinator\.com|getpocket\.com|flipboard\.com)$/i;
const SHARE_PATH =
  /share|sharer|intent|submit|send|pin\/create|shareArticle|add|[?&](?:text|url|u)=/i;

const JUNK_CLASS =
  /(?:^|[\s_-])(?:share|sharing|sharebar|social|newsletter|signup|subscribe|related|recommended|read-?more|more-stories|most-(?:read|popular)|outbrain|taboola|advert|advertisement|ad-?slot|ad-?container|adunit|sponsored|promo|cookie|consent|gdpr|comments?|disqus)(?:$|[\s_-])/i;

/** Short blocks are what furniture looks like; longer ones are left alone. */
const SHORT_BLOCK = 300;
const NOTICE_BLOCK = 600;

const CANDIDATE_BLOCKS = 'section,aside,nav,div,ul,ol,p,h2,h3,h4,h5,h6,li,footer,header';

export interface CleanOptions {
  /** The page URL: the base for relative links. */
  url: string;
  /** The article's title and byline, when known: the content's own copies of them go. */
  title?: string;
  byline?: string;
}

/** Cleans `root` in place. */
export function cleanArticleElement(root: Element, options: CleanOptions): void {
  const baseUrl = root.ownerDocument.baseURI || options.url;
  replaceEmbeds(root, baseUrl);
  for (const element of Array.from(root.querySelectorAll(REMOVED_TAGS))) element.remove();
  removeTrackers(root, baseUrl);
  removeHidden(root);
  removeJunkBlocks(root);
  removeHeaderEcho(root, options);
  stripParams(root);
  removeEmptyBlocks(root);
  collapseWhitespace(root);
}

/**
 * The same for an HTML fragment, for callers that have a string (imported files, feed content).
 * Lazy images are resolved first, as the extraction pipeline does before Readability.
 */
export function cleanArticleHtml(html: string, options: CleanOptions): string {
  const document = parsePage(`<!DOCTYPE html><body>${html}`, options.url);
  resolveLazyImages(document.body, document.baseURI);
  cleanArticleElement(document.body, options);
  return document.body.innerHTML;
}

function removeTrackers(root: Element, baseUrl: string): void {
  for (const element of Array.from(
    root.querySelectorAll('img, source, iframe, embed, object, video, audio, picture, track'),
  )) {
    if (!root.contains(element)) continue;
    if (isTrackerElement(element.localName, (name) => element.getAttribute(name), baseUrl)) {
      element.remove();
    }
  }
  // A link to a tracker (a badge's "Web Analytics" link) keeps its words, not its address.
  for (const link of Array.from(root.querySelectorAll('a[href]'))) {
    if (isTrackerLink(link.getAttribute('href') ?? '', baseUrl)) {
      link.replaceWith(...link.childNodes);
    }
  }
}

function removeHidden(root: Element): void {
  for (const element of Array.from(root.querySelectorAll('[hidden], [style]'))) {
    if (element.hasAttribute('hidden') || hiddenByStyle(element.getAttribute('style') ?? '')) {
      element.remove();
    }
  }
}

function hiddenByStyle(style: string): boolean {
  return /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i.test(style);
}

function removeJunkBlocks(root: Element): void {
  for (const element of Array.from(root.querySelectorAll(CANDIDATE_BLOCKS))) {
    if (!root.contains(element)) continue;
    if (element.closest('blockquote, figcaption, pre, table, code')) {
      if (isTrackerName(normalizedText(element))) element.remove();
      continue;
    }
    const junk = junkExtent(element);
    if (!junk) continue;
    for (const node of junk) node.remove();
  }
}

/** The elements to remove when `element` is furniture, else undefined. */
function junkExtent(element: Element): Element[] | undefined {
  const text = normalizedText(element);
  if (!text) return undefined;
  const label = stripLabelPunctuation(text);

  if (isTrackerName(text) || AD_LABEL.test(label)) return [element];
  if (COPYRIGHT.test(text) && text.length <= 200) return [element];
  if (SHARE_LABEL.test(label) || COMMENT_LABEL.test(label)) {
    return [element, ...followingLinkList(element)];
  }
  if (RELATED_LABEL.test(label)) return [element, ...followingLinkList(element)];

  const short = text.length <= SHORT_BLOCK;
  const density = linkDensity(element);
  if (short && INLINE_LINK_LABEL.test(text) && density >= 0.4) return [element];
  if (isShareList(element)) return [element];

  if (isContainer(element)) {
    const heading = stripLabelPunctuation(firstLine(element));
    const labelled =
      RELATED_LABEL.test(heading) || SHARE_LABEL.test(heading) || COMMENT_LABEL.test(heading);
    if (labelled && (density >= 0.5 || short)) return [element];
    // A short box with a junk class goes, unless it holds a picture: "promo-image" wrappers
    // and the like carry the article's own photos.
    const pictured = Boolean(element.querySelector('img, picture, figure'));
    const junkClass = JUNK_CLASS.test(classAndId(element));
    if (junkClass && (density >= 0.6 || (short && !pictured))) return [element];
  }
  if (text.length <= NOTICE_BLOCK) {
    if (NEWSLETTER.test(text) && NEWSLETTER_ACTION.test(text)) return [element];
    if (COOKIE.test(text) && COOKIE_ACTION.test(text) && hasControlsOrFewWords(element)) {
      return [element];
    }
  }
  return undefined;
}

function stripLabelPunctuation(text: string): string {
  return text
    .replace(/^[\s\p{P}\p{S}]+|[\s:：|»›>…–—.!-]+$/gu, '')
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/** A share bar's or "Related" heading's list: the next sibling, when it is a list of links. */
function followingLinkList(element: Element): Element[] {
  const next = element.nextElementSibling;
  if (!next) return [];
  const isList = /^(?:UL|OL|NAV|DIV|SECTION|ASIDE|P)$/.test(next.tagName);
  return isList && linkDensity(next) >= 0.5 && normalizedText(next).length <= 1500 ? [next] : [];
}

function isContainer(element: Element): boolean {
  return /^(?:SECTION|ASIDE|NAV|DIV|UL|OL|FOOTER|HEADER)$/.test(element.tagName);
}

/** The text of the first heading or first child: what a box says it is. */
function firstLine(element: Element): string {
  const heading = element.querySelector('h1,h2,h3,h4,h5,h6,strong,b,p,li,span');
  return normalizedText(heading ?? element).slice(0, 120);
}

function classAndId(element: Element): string {
  return `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
}

/** A list whose every link is a "share on …" link, whatever its words say. */
function isShareList(element: Element): boolean {
  if (!/^(?:UL|OL|DIV|P|NAV|SECTION)$/.test(element.tagName)) return false;
  const links = Array.from(element.querySelectorAll('a[href]'));
  if (links.length < 2 || normalizedText(element).length > SHORT_BLOCK) return false;
  return links.every((link) => isShareLink(link.getAttribute('href') ?? ''));
}

function isShareLink(href: string): boolean {
  if (/^mailto:\?/i.test(href)) return true;
  try {
    const url = new URL(href);
    return SHARE_HOSTS.test(url.hostname) && SHARE_PATH.test(url.pathname + url.search);
  } catch {
    return false;
  }
}

function hasControlsOrFewWords(element: Element): boolean {
  return normalizedText(element).split(' ').length <= 60 || linkDensity(element) > 0.2;
}

function stripParams(root: Element): void {
  const selector = [...TRACKED_URL_ATTRIBUTES, 'srcset'].map((name) => `[${name}]`).join(', ');
  for (const element of Array.from(root.querySelectorAll(selector))) {
    for (const name of [...TRACKED_URL_ATTRIBUTES, 'srcset']) {
      const value = element.getAttribute(name);
      if (!value) continue;
      const stripped = withoutTrackingParams(name, value);
      if (stripped !== value) element.setAttribute(name, stripped);
    }
  }
}

const LEAF_BLOCKS = 'h1,h2,h3,h4,p,div,time,address';
const BLOCK_CHILD = 'h1,h2,h3,h4,h5,h6,p,div,section,article,figure,ul,ol,table,blockquote';
/** Once a block this long appears, the article's prose has begun. */
const PROSE_LENGTH = 200;
/** Headline, standfirst, byline, date, section, kicker: the header is never longer. */
const HEADER_BLOCKS = 6;

/**
 * The page header Readability sometimes keeps: the headline again, and the byline and date
 * line. Only leading, short blocks are looked at, and a byline block only goes when little else
 * is in it (a date, a job title); a date line only when it says "Published" or the like.
 */
function removeHeaderEcho(root: Element, options: CleanOptions): void {
  const title = options.title && comparable(options.title);
  const byline = options.byline && comparable(options.byline);
  let seen = 0;
  for (const block of Array.from(root.querySelectorAll(LEAF_BLOCKS))) {
    if (!root.contains(block) || block.querySelector(BLOCK_CHILD)) continue;
    const text = normalizedText(block);
    if (!text) continue;
    if (text.length >= PROSE_LENGTH || ++seen > HEADER_BLOCKS) return;
    const value = comparable(text);
    const sentence = /[.!?。！？]$/.test(text);
    if (title && /^H[1-4]$/.test(block.tagName) && value === title) {
      block.remove();
    } else if (
      byline &&
      !sentence &&
      value.startsWith(byline) &&
      value.length - byline.length <= 60
    ) {
      block.remove();
    } else if (DATE_LINE.test(text) && /\d/.test(text)) {
      block.remove();
    }
  }
}

function comparable(text: string): string {
  return text
    .toLowerCase()
    .replace(/^(?:(?:written\s+)?by|von|par|por|מאת|بقلم)\s*:?\s+/i, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const KEEP_EMPTY = 'img, picture, video, audio, hr, br, table, iframe';

/** Containers left with nothing in them after the removals above. */
function removeEmptyBlocks(root: Element): void {
  const candidates = Array.from(
    root.querySelectorAll('p, div, section, aside, figure, ul, ol, li, span, header, footer'),
  ).reverse();
  for (const element of candidates) {
    if (!root.contains(element)) continue;
    if (normalizedText(element) || element.querySelector(KEEP_EMPTY)) continue;
    element.remove();
  }
}

/**
 * Source indentation is bytes on disk and nothing on screen. Only HTML's own whitespace is
 * collapsed (not no-break spaces), and never inside pre or code.
 */
function collapseWhitespace(root: Element): void {
  const walker = root.ownerDocument.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  const texts: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node as Text);
  for (const text of texts) {
    if (text.parentElement?.closest('pre, code, textarea')) continue;
    const value = text.nodeValue ?? '';
    const collapsed = /^[ \t\n\r\f]+$/.test(value) ? '\n' : value.replace(/[ \t\n\r\f]+/g, ' ');
    if (collapsed !== value) text.nodeValue = collapsed;
  }
}
