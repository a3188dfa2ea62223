/**
 * Word counts and reading time that hold up beyond space-separated languages. Words come from
 * Intl.Segmenter (dictionary-based for Chinese, Japanese and Thai, where spaces do not separate
 * words); reading time for Chinese, Japanese and Korean goes by characters, the unit reading
 * speed is measured in for those scripts.
 */

/** Typical silent reading speed for English prose. */
export const WORDS_PER_MINUTE = 230;
/** Typical reading speed for Chinese, Japanese and Korean, in characters. */
export const CJK_CHARACTERS_PER_MINUTE = 500;

export interface TextMeasure {
  /** Word-like segments, as Intl.Segmenter finds them. */
  words: number;
  /** Han, kana and Hangul characters. */
  cjkCharacters: number;
  /** Word-like segments without any CJK character. */
  otherWords: number;
}

const CJK_CHARACTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const HAS_CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

const CHUNK_LENGTH = 1000;

const segmenters = new Map<string, Intl.Segmenter>();

function segmenter(lang: string | undefined): Intl.Segmenter {
  const key = lang ?? '';
  let found = segmenters.get(key);
  if (!found) {
    try {
      found = new Intl.Segmenter(lang || undefined, { granularity: 'word' });
    } catch {
      // An invalid language tag from a page should cost accuracy, not the article.
      found = new Intl.Segmenter(undefined, { granularity: 'word' });
    }
    segmenters.set(key, found);
  }
  return found;
}

/** `maxWords` stops counting early, for callers that only need to know "at least this many". */
export function measureText(text: string, lang?: string, maxWords = Infinity): TextMeasure {
  let words = 0;
  let otherWords = 0;
  const wordSegmenter = segmenter(lang);
  outer: for (const chunk of chunks(text)) {
    for (const segment of wordSegmenter.segment(chunk)) {
      if (!segment.isWordLike) continue;
      words++;
      if (!HAS_CJK.test(segment.segment)) otherWords++;
      if (words >= maxWords) break outer;
    }
  }
  const cjkCharacters = text.match(CJK_CHARACTER)?.length ?? 0;
  return { words, cjkCharacters, otherWords };
}

/**
 * Pieces of at most CHUNK_LENGTH characters, cut after whitespace or CJK punctuation. V8's
 * segment iterator slows down with the length of the string it walks (one long string is many
 * times slower than the same words in pieces: docs/bench/2026-12-06-hostile-inputs.md), so long
 * texts are fed in pieces.
 */
function* chunks(text: string): Generator<string> {
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + CHUNK_LENGTH);
    if (end < text.length) {
      const window = text.slice(start, end);
      const cut = Math.max(window.search(/\s\S*$/), lastBreak(window));
      if (cut > 0) end = start + cut + 1;
    }
    yield text.slice(start, end);
    start = end;
  }
}

function lastBreak(window: string): number {
  let last = -1;
  for (const mark of ['。', '！', '？', '、', '，'])
    last = Math.max(last, window.lastIndexOf(mark));
  return last;
}

/** Whole minutes, at least one. */
export function readingMinutes(measure: TextMeasure): number {
  const minutes =
    measure.otherWords / WORDS_PER_MINUTE + measure.cjkCharacters / CJK_CHARACTERS_PER_MINUTE;
  return Math.max(1, Math.round(minutes));
}
