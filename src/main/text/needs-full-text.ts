/**
 * Whether a feed item carries only a teaser, so the article page has to be fetched and
 * extracted to keep the whole story offline.
 *
 * Signals: how much text the item has (the longer of content and summary, in word-like segments,
 * so Chinese and Japanese count sensibly), and whether it ends the way teasers end ("…", "[…]",
 * "Continue reading…", "Read more", "Read full article >>").
 *
 * Calibrated on ../shared/corpora/real-feeds/full, full-text and summary-only feeds labelled by
 * hand in tests/unit/main/feeds/needs-full-text.test.ts ("needs full text" is the positive
 * class): MIN_FULL_TEXT_WORDS was swept over a range and the best kept. The corpus, the sweep
 * and the agreement, precision, recall and cross-validation it scored are in
 * docs/bench/2026-12-06-hostile-inputs.md ("Calibration on a corpus").
 *
 * Where it is wrong: short full-text posts (link-blog entries, micro-posts of a sentence or
 * two, a conference announcement) look like teasers; and a few summary feeds write long teasers
 * with no marker at all (NPR; FZ.se, whose cut-off descriptions run to 100 words and more).
 * A wrong "yes" costs one page fetch whose extraction finds the same short text; a wrong "no"
 * keeps the teaser, which the reader can still open online.
 */
import { htmlToText } from '../html/text';
import { measureText } from '../text/count-words';

/** Fewer words than this and the item is a teaser. */
export const MIN_FULL_TEXT_WORDS = 60;
/** Every threshold is below this; counting further is wasted time on long posts. */
const WORD_COUNT_CAP = 200;
/** Footers are short; looking further back only costs time. */
const BOILERPLATE_WINDOW = 600;
/** How far from the end a "Read more" or "Continue reading" may sit (boilerplate may follow). */
const MARKER_WINDOW = 120;

export interface FeedItemText {
  summary?: string;
  contentHtml?: string;
  url?: string;
}

export interface FullTextSignals {
  /** Word-like segments of the longer of content and summary. */
  words: number;
  /** Ends with an ellipsis or a "read more" link. */
  truncated: boolean;
}

const ELLIPSIS_END = /(?:\.{3}|…)\s*$/u;
const BRACKETED_ELLIPSIS_END = /[[(]\s*(?:…|\.{3})\s*[\])]\s*$/u;
/** Above this many words an ending "…" is the writer's style, not a cut. */
const ELLIPSIS_MAX_WORDS = 150;

const MORE_MARKER =
  /(?:read more|read the (?:full|rest|whole)|read full (?:article|story|post)|continue reading|keep reading|full (?:story|article) »|view full coverage|read more of this story|read at \S+|weiterlesen|mehr lesen|lire la suite|leia mais|seguir leyendo|sigue leyendo|continua a leggere|lees verder|läs mer|czytaj dalej|читать далее|подробнее|続きを読む|더보기|阅读全文|阅读更多|閱讀全文)/iu;

/**
 * Footers that follow full posts and teasers alike (WordPress's "The post … appeared first on
 * …", link-blog permalinks); they hide the real ending, so they are cut before looking at it.
 */
const TRAILING_BOILERPLATE = [
  /\s(?:∞ )?permalink\.?$/iu,
  /\s(?:source|via \S+)$/iu,
  /\s[★☆◉∞⚓↩]$/u,
  /\((?:image|photo|picture) credit:[^)]*\)$/iu,
];

export function measureFeedItem(item: FeedItemText): FullTextSignals {
  const texts = [item.contentHtml, item.summary]
    .filter((html): html is string => Boolean(html?.trim()))
    .map((html) => withoutBoilerplate(htmlToText(html)));
  let best = { text: '', words: 0 };
  for (const text of texts) {
    const words = measureText(text, undefined, WORD_COUNT_CAP).words;
    if (words > best.words) best = { text, words };
  }
  return { words: best.words, truncated: endsTruncated(best.text, best.words) };
}

/**
 * True when the item's own text is a teaser worth replacing with the extracted article.
 * Items without a link are never sent for extraction: there is nothing to fetch.
 */
export function needsFullText(item: FeedItemText): boolean {
  if (!item.url) return false;
  const signals = measureFeedItem(item);
  return signals.truncated || signals.words < MIN_FULL_TEXT_WORDS;
}

/** "The post <title> appeared first on <site>." and its translations; the title is free text. */
const FOOTER_MARKERS = [' appeared first on ', ' first appeared on ', ' erschien zuerst auf '];
const FOOTER_LEADS = ['the post ', 'der beitrag '];
const FOOTER_TITLE_LENGTH = 300;
const FOOTER_SITE_LENGTH = 120;

/** Only the tail is searched: the patterns are anchored at the end, and posts can be long. */
function withoutBoilerplate(text: string): string {
  const trimmed = text.trim();
  const cut = Math.max(0, trimmed.length - BOILERPLATE_WINDOW);
  let ending = withoutFooter(trimmed.slice(cut));
  for (const pattern of TRAILING_BOILERPLATE) ending = ending.replace(pattern, '').trim();
  return `${trimmed.slice(0, cut)}${ending}`.trim();
}

/**
 * Cuts a "<title> appeared first on <site>" sentence. Found by its fixed words rather than one
 * regular expression, which would try every starting point for the free-text title.
 */
function withoutFooter(text: string): string {
  const lower = text.toLowerCase();
  for (const marker of FOOTER_MARKERS) {
    const at = lower.lastIndexOf(marker);
    if (at < 0 || lower.length - at - marker.length > FOOTER_SITE_LENGTH) continue;
    const earliest = Math.max(0, at - FOOTER_TITLE_LENGTH);
    const thePost = Math.max(...FOOTER_LEADS.map((lead) => lower.lastIndexOf(lead, at)));
    const sentenceEnd = Math.max(
      ...['. ', '! ', '? ', '] ', '… '].map((end) => lower.lastIndexOf(end, at)),
    );
    const start =
      thePost >= earliest ? thePost : sentenceEnd >= earliest ? sentenceEnd + 2 : earliest;
    return text.slice(0, start).trim();
  }
  return text;
}

function endsTruncated(text: string, words: number): boolean {
  if (BRACKETED_ELLIPSIS_END.test(text)) return true;
  if (MORE_MARKER.test(text.slice(-MARKER_WINDOW))) return true;
  // Writers end posts with "…" too; a teaser cut with one is short.
  return words < ELLIPSIS_MAX_WORDS && ELLIPSIS_END.test(text);
}
