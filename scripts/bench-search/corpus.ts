/**
 * The benchmark corpus: documents assembled from real sentences of the real-feeds corpus, the
 * same on every run and in every runtime (the page builds it from the same code and pool as
 * Node, so SQLite FTS5 and our engine index identical text).
 *
 * Reusing ~36k sentences for 100k × 600 words would repeat every rare word of the pool dozens
 * of times, so words that are rare in the pool are replaced, per occurrence, by synthetic words
 * drawn from a Zipf distribution over two million ranks, and ~3% more synthetic words are
 * sprinkled in: the vocabulary keeps growing with N and rare words stay rare.
 *
 * No transcendental functions are used, so Node and Chromium draw the very same numbers.
 */
import { seededRandom } from '../../tests/e2e/support/seeded-random';

export interface SentencePool {
  /** Latin-script sentences; `\u0001` marks a word rare in the pool, replaced when drawn. */
  latin: string[];
  /** Sentences in Chinese (and other scripts without spaces). */
  cjk: string[];
  titles: string[];
  authors: string[];
  /** Content words by pool frequency, most frequent first (for the query set). */
  frequentWords: string[];
}

export interface BenchDoc {
  id: string;
  feedId: string;
  title: string;
  authors: string[];
  publishedAt: number;
  body: string;
  lang: string;
  bookmarked: boolean;
  unread: boolean;
}

export const RARE_MARK = '\u0001';
export const FEED_COUNT = 200;
export const BASE_TIME = Date.UTC(2025, 0, 1);
const DAY = 86_400_000;
const ZIPF_RANKS = 1 << 21;
const CJK_SHARE = 0.05;
const SYNTHETIC_SHARE = 0.03;
/** Names planted in CJK documents so the CJK queries have something real to find. */
export const CJK_ENTITIES = [
  '石破',
  '总统',
  '이재명',
  '北京',
  '東京都',
  '대통령',
  '习近平',
  '经济',
];

function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35);
  h ^= h >>> 16;
  return Math.imul(h, 0x7feb352d) >>> 0;
}

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ne',
  'ru',
  'ta',
  'vo',
  'si',
  'de',
  'ga',
  'pu',
  're',
  'bi',
  'zo',
  'fa',
  'lu',
  'ko',
  'na',
  'te',
  'vi',
  'mo',
  'sa',
  'di',
  'go',
  'pe',
  'ra',
  'bu',
  'ze',
  'fo',
  'li',
  'ku',
  'ma',
];

/** The synthetic word of a Zipf rank: a pronounceable string no real feed uses. */
export function syntheticWord(rank: number): string {
  let word = 'qu';
  let k = rank;
  do {
    word += SYLLABLES[k % 32];
    k = Math.floor(k / 32);
  } while (k > 0);
  return `${word}x`;
}

export class CorpusGenerator {
  private readonly cdf: Float64Array;

  constructor(
    private readonly pool: SentencePool,
    private readonly seed = 20250101,
  ) {
    // Zipf with s = 1: weight 1/k, cumulative by plain additions (deterministic everywhere).
    this.cdf = new Float64Array(ZIPF_RANKS);
    let sum = 0;
    for (let k = 0; k < ZIPF_RANKS; k++) {
      sum += 1 / (k + 1);
      this.cdf[k] = sum;
    }
  }

  /** A Zipf rank (0 is the most frequent). */
  zipf(random: () => number): number {
    const target = random() * this.cdf[ZIPF_RANKS - 1]!;
    let lo = 0;
    let hi = ZIPF_RANKS - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cdf[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private pick<T>(random: () => number, list: T[]): T {
    return list[Math.floor(random() * list.length)]!;
  }

  /** Document `index`: generated on its own seed, so any document can be made alone. */
  doc(index: number): BenchDoc {
    const random = seededRandom(mix(this.seed, index));
    const cjk = random() < CJK_SHARE;
    const feed = Math.min(FEED_COUNT - 1, Math.floor(random() * random() * FEED_COUNT));
    const publishedAt = BASE_TIME - Math.floor(random() * 730 * DAY);
    const authors = [this.pick(random, this.pool.authors)];
    const bookmarked = random() < 0.02;
    const unread = random() < 0.6;
    if (cjk) {
      const parts: string[] = [];
      let length = 0;
      const target = 600 + Math.floor(random() * 1200);
      while (length < target) {
        let sentence = this.pick(random, this.pool.cjk);
        if (random() < 0.3) {
          const entity = CJK_ENTITIES[Math.min(CJK_ENTITIES.length - 1, this.zipf(random) % 16)]!;
          const at = Math.floor(random() * sentence.length);
          sentence = sentence.slice(0, at) + entity + sentence.slice(at);
        }
        parts.push(sentence);
        length += sentence.length;
      }
      const title = parts[0]!.slice(0, 24);
      return {
        id: `d${index}`,
        feedId: `feed-${feed}`,
        title,
        authors,
        publishedAt,
        body: parts.join(''),
        lang: 'zh',
        bookmarked,
        unread,
      };
    }
    const words: string[] = [];
    const target = 300 + Math.floor(random() * 600);
    while (words.length < target) {
      for (const word of this.pick(random, this.pool.latin).split(' ')) {
        words.push(word === RARE_MARK ? syntheticWord(this.zipf(random)) : word);
        if (random() < SYNTHETIC_SHARE) words.push(syntheticWord(this.zipf(random)));
      }
    }
    const titleWords = this.pick(random, this.pool.titles)
      .split(' ')
      .map((word) => (word === RARE_MARK ? syntheticWord(this.zipf(random)) : word))
      .slice(0, 12);
    titleWords.push(syntheticWord(this.zipf(random)));
    return {
      id: `d${index}`,
      feedId: `feed-${feed}`,
      title: titleWords.join(' '),
      authors,
      publishedAt,
      body: words.join(' '),
      lang: 'en',
      bookmarked,
      unread,
    };
  }
}

export type QueryKind = 'common' | 'and' | 'rare' | 'prefix' | 'phrase' | 'cjk';

export interface BenchQuery {
  kind: QueryKind;
  /** As typed in "Search articles". */
  text: string;
  /** Whether the last word is still being typed. */
  prefix: boolean;
}

/** The fixed query set (from the pool and fixed seeds, so it does not depend on N). */
export function querySet(pool: SentencePool): BenchQuery[] {
  const random = seededRandom(42);
  const frequent = pool.frequentWords;
  const queries: BenchQuery[] = [];
  const add = (kind: QueryKind, text: string, prefix = false) =>
    queries.push({ kind, text, prefix });
  for (let i = 0; i < 12; i++) add('common', frequent[i * 4]!);
  const content = (word: string) => /^[a-z]{4,}$/.test(word) && frequent.indexOf(word) >= 0;
  let guard = 0;
  while (queries.filter((q) => q.kind === 'and').length < 15 && guard++ < 10_000) {
    const words = pool.latin[Math.floor(random() * pool.latin.length)]!.toLowerCase()
      .split(' ')
      .filter(content);
    if (words.length < 4) continue;
    const a = words[Math.floor(random() * words.length)]!;
    const b = words[Math.floor(random() * words.length)]!;
    if (a !== b) add('and', `${a} ${b}`);
  }
  for (const rank of [300, 1000, 3000, 8000, 20000, 50000, 120000, 300000, 700000, 1500000])
    add('rare', syntheticWord(rank));
  for (let i = 0; i < 7; i++) {
    const word = frequent.filter((w) => w.length >= 7)[i * 3]!;
    add('prefix', word.slice(0, 4 + (i % 3)), true);
  }
  for (let i = 0; i < 3; i++) {
    const [a, b] = [frequent[i * 5 + 1]!, frequent.filter((w) => w.length >= 6)[i * 5 + 2]!];
    add('prefix', `${a} ${b.slice(0, 3)}`, true);
  }
  guard = 0;
  while (queries.filter((q) => q.kind === 'phrase').length < 10 && guard++ < 10_000) {
    const words = pool.latin[Math.floor(random() * pool.latin.length)]!.split(' ');
    const at = Math.floor(random() * Math.max(1, words.length - 3));
    const length = 2 + (queries.length % 2);
    const phrase = words.slice(at, at + length);
    if (
      phrase.length === length &&
      phrase.every((w) => /^[A-Za-z]{3,}$/.test(w)) &&
      phrase.some((w) => content(w.toLowerCase()))
    )
      add('phrase', `"${phrase.join(' ')}"`);
  }
  for (const entity of ['石破', '总统', '이재명', '北京']) add('cjk', entity);
  guard = 0;
  while (queries.filter((q) => q.kind === 'cjk').length < 8 && guard++ < 10_000) {
    const sentence = pool.cjk[Math.floor(random() * pool.cjk.length)]!;
    const chars = [...sentence];
    const at = Math.floor(random() * Math.max(1, chars.length - 2));
    const word = chars.slice(at, at + 2).join('');
    if (/^[\p{Script=Han}]{2}$/u.test(word)) add('cjk', word);
  }
  return queries;
}
