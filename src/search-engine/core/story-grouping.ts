/**
 * "The same story once": whether an arriving article is a copy of one already stored — the wire
 * story every paper runs under its own headline, standfirst and boilerplate — decided from a
 * small fingerprint, so the app decides inside the transaction that stores the article (looking
 * candidates up through an exact-match key index, never a scan) and the CLI decides alike.
 *
 * Precision comes first: two different events that share a topic, or a story and its follow-up
 * that repeats its background paragraphs, must never merge; a missed copy only costs a row.
 * So an article joins a story when:
 * - its canonical URL is a copy's (the same page, reached through different links); or
 * - its normalized title is a copy's, informative (not "Live updates"), published within
 *   WINDOW_MS, and the texts do not contradict it (two rich texts that share almost nothing are
 *   two events that happen to share a headline); or
 * - its text is a copy's within WINDOW_MS: each one's lead (first LEAD_WORDS words) lies near
 *   the top of the other (a paper's credit line and standfirst push it down, never out), and
 *   the texts are nearly the same (Jaccard) or one is mostly contained in the other. Papers trim
 *   wire copy from the bottom and add a standfirst on top but keep the wire's lead; a follow-up,
 *   or the week's second earthquake report, repeats the background but opens with its own news.
 * Two articles of one source (feed; without one, the site) are one story only by URL: a feed's
 * items share its boilerplate, and a feed does not run the same story twice.
 *
 * The thresholds were set on the labelled set (tests/unit/search-engine/core/
 * story-labelled-set.ts: no false pair among the ~800 candidate pairs of different stories its
 * keys find) and are measured by `scripts/bench-stories.ts`.
 */
import {
  bandKeys,
  containmentEstimate,
  jaccardEstimate,
  minHash,
  shingles,
  wordHashes,
} from './near-duplicates';
import { STOPWORDS } from './stopwords';
import { terms } from './tokenize';

export interface StoryInput {
  id: string;
  /** The canonical URL (src/shared/canonical-url.ts), when the article has one. */
  url?: string;
  title: string;
  /** Plain text of the article (the search index's HTML→text). */
  text: string;
  publishedAt: number;
  /**
   * The feed (or other source) it came from: two items of one source merge only by URL. Absent,
   * the URL's host stands for it.
   */
  source?: string;
}

/** What the grouping keeps of an article: plain data, structured-cloneable, a few hundred bytes. */
export interface StoryFingerprint {
  id: string;
  publishedAt: number;
  source?: string;
  url?: string;
  /** The normalized title when it is informative, else ''. */
  title: string;
  /** The title's informative words (folded, stemmed), whatever their number. */
  headline: string[];
  /** Exact-match keys for candidate lookup (a multi-entry index): url, title, text bands, lead. */
  keys: string[];
  /** MinHash of the text's word shingles (each minimum's top 16 bits). */
  signature: Uint16Array;
  /** MinHash of the shingles of the text's first LEAD_WORDS words: how it opens. */
  lead: Uint16Array;
  /** MinHash of the shingles of its first TOP_WORDS words: where another's lead should be. */
  top: Uint16Array;
  /** Distinct shingles of the text, of its lead and of its top. */
  shingles: number;
  leadShingles: number;
  topShingles: number;
  /**
   * How full the copy is (words of text, counted in its first MAX_CHARS characters): the
   * fullest copy leads its story.
   */
  words: number;
}

export interface StoryCandidate {
  fingerprint: StoryFingerprint;
  /** The story the candidate belongs to; absent while it is alone. */
  storyId?: string;
}

const DAY = 86_400_000;
/** Copies of one story arrive within days; the same headline a week apart is another event. */
export const WINDOW_MS = 3 * DAY;
/** Keys carry a time bucket of WINDOW_MS; lookups probe the neighbouring buckets too. */
export const BUCKET_MS = WINDOW_MS;
const SHINGLE = 4;
const SIGNATURE = 64;
const BANDS = 14;
const ROWS = 2;
/**
 * A wire story's lead (its first sentence or two), and how far down a paper's copy it may
 * start (below a credit line and a standfirst of up to ~100 words).
 */
const LEAD_WORDS = 40;
const TOP_WORDS = 160;
const LEAD_SIGNATURE = 64;
const TOP_KEYS = 4;
/**
 * Shingled words at most, and characters analyzed at most: copies are found by how they open
 * and what they share, which the first few thousand words settle; a book-length page would
 * otherwise cost a second.
 */
const MAX_WORDS = 2_000;
const MAX_CHARS = 40_000;
/** Fewer shingles than this say too little for the text to decide (a teaser, a caption). */
const MIN_TEXT_SHINGLES = 25;
/** Texts this long that share nearly nothing are two different articles. */
const RICH_TEXT_SHINGLES = 60;
/** A title of fewer informative words than this is generic ("Live updates", "Letters"). */
const TITLE_MIN_WORDS = 4;

export function fingerprint(input: StoryInput): StoryFingerprint {
  const words = wordHashes(input.text.slice(0, MAX_CHARS));
  const text = shingles(words, SHINGLE, MAX_WORDS);
  const leadText = shingles(words, SHINGLE, LEAD_WORDS);
  const topText = shingles(words, SHINGLE, TOP_WORDS);
  const signature = minHash(text, SIGNATURE);
  const lead = minHash(leadText, LEAD_SIGNATURE);
  const top = minHash(topText, LEAD_SIGNATURE);
  // The keys take the whole 32-bit minima; the estimates only need their top 16 bits (two
  // unrelated positions agree by chance once in 65,536), which halves what is stored.
  const title = normalizeTitle(input.title);
  const bucket = Math.floor(input.publishedAt / BUCKET_MS);
  const keys: string[] = [];
  // `kind|bucket|value`: a copy is looked up in its own time bucket and the two beside it.
  if (usableUrl(input.url)) keys.push(`u||${input.url}`);
  if (title) keys.push(`t|${bucket}|${title}`);
  if (text.length >= MIN_TEXT_SHINGLES) {
    for (const [i, key] of bandKeys(signature, BANDS, ROWS).entries()) {
      keys.push(`b${i}|${bucket}|${key}`);
    }
    // Single top positions: a copy under a new standfirst still shares much of its top.
    for (let i = 0; i < TOP_KEYS; i++) keys.push(`l${i}|${bucket}|${top[i]!.toString(36)}`);
  }
  const fp: StoryFingerprint = {
    id: input.id,
    publishedAt: input.publishedAt,
    title,
    headline: headlineWords(input.title),
    keys,
    signature: highHalves(signature),
    lead: highHalves(lead),
    top: highHalves(top),
    shingles: text.length,
    leadShingles: leadText.length,
    topShingles: topText.length,
    words: words.length,
  };
  if (input.url) fp.url = input.url;
  // Without a feed, the site stands for the source: a site does not run one story twice.
  const source = input.source ?? siteOf(input.url);
  if (source !== undefined) fp.source = source;
  return fp;
}

/**
 * The keys to look candidates up with: the fingerprint's own, and its time-bucketed keys in the
 * buckets before and after, so a copy published across a bucket boundary is found.
 */
export function lookupKeys(fp: StoryFingerprint): string[] {
  const out: string[] = [];
  for (const key of fp.keys) {
    const first = key.indexOf('|');
    const second = key.indexOf('|', first + 1);
    const bucketText = key.slice(first + 1, second);
    if (!bucketText) {
      out.push(key);
      continue;
    }
    const kind = key.slice(0, first);
    const value = key.slice(second + 1);
    const bucket = Number(bucketText);
    for (const near of [bucket - 1, bucket, bucket + 1]) out.push(`${kind}|${near}|${value}`);
  }
  return out;
}

export type StoryReason = 'url' | 'title' | 'text';

export interface StoryMatch {
  reason: StoryReason;
  /** Higher is surer; compares matches of one article against several stories. */
  score: number;
}

/** Why `a` and `b` are one story, or undefined when they are not (or not surely). */
export function storyMatch(a: StoryFingerprint, b: StoryFingerprint): StoryMatch | undefined {
  const oneSource = a.source !== undefined && a.source === b.source;
  if (a.url !== undefined && a.url === b.url && usableUrl(a.url)) {
    // One address, one article, unless the titles or texts say otherwise: a day page whose
    // posts are anchors (the fragment is not part of the canonical URL), a podcast whose every
    // episode links to the show's page, two link posts about one product. Within one source a
    // re-post keeps its title; elsewhere a title may be reworded or carry the paper's name.
    const titled = oneSource ? sameWords(a.headline, b.headline) : sameHeadline(a, b);
    if (titled && !textsDisagree(a, b, compareText(a, b))) return { reason: 'url', score: 3 };
  }
  if (oneSource) return undefined;
  // Written so that a date that is not a number is outside every window.
  if (!(Math.abs(a.publishedAt - b.publishedAt) <= WINDOW_MS)) return undefined;
  const text = compareText(a, b);
  if (a.title && a.title === b.title) {
    if (!gainsaysTitle(a, b, text)) return { reason: 'title', score: 2 + text.containment };
  }
  if (Math.min(a.shingles, b.shingles) < MIN_TEXT_SHINGLES) return undefined;
  // Copies keep the wire's lead: each one's opening lies in the other's top, past a paper's
  // credit line and standfirst. Another event told with the same background opens with its own
  // news, however much of the rest it shares.
  if (text.lead < 0.5) return undefined;
  if (text.jaccard >= 0.9) return { reason: 'text', score: 1 + text.jaccard };
  if (text.containment >= 0.6 && text.leadBoth >= 0.2) {
    return { reason: 'text', score: text.jaccard + text.containment / 2 + text.leadBoth / 4 };
  }
  return undefined;
}

export function sameStory(a: StoryFingerprint, b: StoryFingerprint): boolean {
  return storyMatch(a, b) !== undefined;
}

export interface TextComparison {
  jaccard: number;
  containment: number;
  /** How much of one's lead lies in the other's top, the larger of the two ways. */
  lead: number;
  /** The smaller of the two ways. */
  leadBoth: number;
}

export function compareText(a: StoryFingerprint, b: StoryFingerprint): TextComparison {
  const jaccard = a.shingles && b.shingles ? jaccardEstimate(a.signature, b.signature) : 0;
  return {
    jaccard,
    containment: containmentEstimate(jaccard, a.shingles, b.shingles),
    lead: Math.max(leadWithin(a, b), leadWithin(b, a)),
    leadBoth: Math.min(leadWithin(a, b), leadWithin(b, a)),
  };
}

/** How much of `a`'s lead lies within the top of `b`. */
function leadWithin(a: StoryFingerprint, b: StoryFingerprint): number {
  if (!a.leadShingles || !b.topShingles) return 0;
  const jaccard = jaccardEstimate(a.lead, b.top);
  const common = (jaccard * (a.leadShingles + b.topShingles)) / (1 + jaccard);
  return Math.min(1, common / a.leadShingles);
}

/** Two texts long enough to tell that share next to nothing: not one page's text. */
function textsDisagree(a: StoryFingerprint, b: StoryFingerprint, text: TextComparison): boolean {
  return Math.min(a.shingles, b.shingles) >= MIN_TEXT_SHINGLES && text.containment < 0.3;
}

/** Two rich texts that share next to nothing: different articles. */
function contradicts(a: StoryFingerprint, b: StoryFingerprint, text: TextComparison): boolean {
  return Math.min(a.shingles, b.shingles) >= RICH_TEXT_SHINGLES && text.containment < 0.3;
}

/**
 * Whether the texts gainsay a shared headline: when both say enough, they must share their
 * text and open alike (a follow-up or another event under the same headline opens with its
 * own news); a teaser cannot tell.
 */
function gainsaysTitle(a: StoryFingerprint, b: StoryFingerprint, text: TextComparison): boolean {
  return (
    contradicts(a, b, text) ||
    (Math.min(a.shingles, b.shingles) >= RICH_TEXT_SHINGLES && text.lead < 0.5)
  );
}

/**
 * The story an arriving article joins, or undefined when it starts its own. `candidates`: the
 * fingerprints its lookup keys found, AND every other member of their stories (the app reads
 * them by the fingerprints' storyId index), each with its story; a candidate alone stands for
 * the story named by its id. The best-matching story wins, unless a member of it is of this
 * article's source (a source runs a story once) or clearly another article (so a chain of loose
 * matches cannot pull a follow-up into the story it follows).
 */
export function assignStory(
  fp: StoryFingerprint,
  candidates: readonly StoryCandidate[],
): string | undefined {
  const stories = new Map<string, { best: number; conflict: boolean }>();
  for (const { fingerprint: other, storyId } of candidates) {
    if (other.id === fp.id) continue;
    const story = storyId ?? other.id;
    const entry = stories.get(story) ?? { best: -1, conflict: false };
    const match = storyMatch(fp, other);
    if (match?.reason === 'url') entry.best = Math.max(entry.best, match.score);
    // A source runs a story once: a story that has one of this source's articles is another.
    else if (fp.source !== undefined && fp.source === other.source) entry.conflict = true;
    else if (match) entry.best = Math.max(entry.best, match.score);
    else if (contradicts(fp, other, compareText(fp, other))) entry.conflict = true;
    stories.set(story, entry);
  }
  let chosen: string | undefined;
  let best = -1;
  for (const [story, entry] of stories) {
    if (entry.best < 0 || entry.conflict) continue;
    if (entry.best > best) {
      best = entry.best;
      chosen = story;
    }
  }
  return chosen;
}

/**
 * Groups articles as the app would, processing them in arrival order (the given order) with the
 * same key lookup and decision: ids grouped by story, stories in order of first arrival.
 */
export function groupAll(inputs: readonly StoryInput[]): string[][] {
  const byKey = new Map<string, number[]>();
  const fps: StoryFingerprint[] = [];
  const storyOf: string[] = [];
  /** Story → its members' indexes (in arrival order); the map's order is the stories'. */
  const members = new Map<string, number[]>();
  for (const input of inputs) {
    const fp = fingerprint(input);
    const index = fps.length;
    fps.push(fp);
    const found = new Set<number>();
    for (const key of lookupKeys(fp)) for (const other of byKey.get(key) ?? []) found.add(other);
    // With the other members of the stories found, as the app reads them by storyId.
    for (const other of [...found])
      for (const member of members.get(storyOf[other]!)!) found.add(member);
    const candidates = [...found].map((other) => ({
      fingerprint: fps[other]!,
      storyId: storyOf[other]!,
    }));
    const story = assignStory(fp, candidates) ?? fp.id;
    storyOf.push(story);
    const group = members.get(story);
    if (group) group.push(index);
    else members.set(story, [index]);
    for (const key of fp.keys) {
      const list = byKey.get(key);
      if (list) list.push(index);
      else byKey.set(key, [index]);
    }
  }
  return [...members.values()].map((group) => group.map((index) => fps[index]!.id));
}

/**
 * A title as compared: folded and stemmed words, a trailing " | Site name" dropped (papers add
 * their own); '' when too few informative words are left to tell one story from another.
 */
export function normalizeTitle(title: string): string {
  const words = terms(title.replace(/\s+\|\s+[^|]{1,60}$/u, ''));
  return headlineWords(title).length >= TITLE_MIN_WORDS ? words.join(' ') : '';
}

function highHalves(values: Uint32Array): Uint16Array {
  return Uint16Array.from(values, (value) => value >>> 16);
}

function headlineWords(title: string): string[] {
  const words = terms(title.replace(/\s+\|\s+[^|]{1,60}$/u, ''));
  return [...new Set(words.filter((word) => !STOPWORDS.has(word) && !/^\d{1,2}$/.test(word)))];
}

/**
 * Whether two titles name one article: most informative words of the shorter in the longer
 * ("Lee in Tokyo" and a paper's "Lee in Tokyo to strengthen Japan ties - Herald"); titles
 * without an informative word ("Untitled", "12") only when identical.
 */
function sameHeadline(a: StoryFingerprint, b: StoryFingerprint): boolean {
  if (a.headline.length === 0 || b.headline.length === 0) return sameWords(a.headline, b.headline);
  const other = new Set(b.headline);
  const common = a.headline.filter((word) => other.has(word)).length;
  return common / Math.min(a.headline.length, b.headline.length) >= 0.6;
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((word, i) => word === b[i]);
}

function siteOf(url: string | undefined): string | undefined {
  const host = url && /^[a-z]+:\/\/([^/?#]+)/i.exec(url)?.[1];
  return host ? `site:${host.toLowerCase()}` : undefined;
}

/** A URL that names one article: not a site's front page (some feeds link every item there). */
function usableUrl(url: string | undefined): url is string {
  if (!url) return false;
  const path = url.replace(/^[a-z]+:\/\/[^/?#]*/i, '');
  return path !== '' && path !== '/';
}
