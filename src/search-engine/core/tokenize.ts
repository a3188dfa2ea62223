/**
 * Text → index terms. Space-delimited scripts (Latin, Cyrillic, Greek, Arabic, Hebrew, Indic…)
 * split on runs of letters, digits and marks, are folded, and English words are stemmed. Scripts
 * written without spaces (Chinese, Japanese, Korean, Thai, Lao, Khmer, Myanmar) become
 * overlapping character bigrams, which need no dictionary and match however a query is cut:
 * "石破" and "总统" are bigrams themselves, "이재명" is 이재 + 재명; every character is also a
 * unigram, so a one-character query finds it inside any word, as CJK search engines do.
 *
 * No Intl.Segmenter: on space-delimited scripts it splits exactly like the letter-run rule, only
 * far slower, and finding the one-character words of Chinese and Japanese with it made indexing
 * those runs slower than indexing every character, enough to show in a whole rebuild. Measured in
 * docs/bench/2026-11-27-search-format-2.md ("Morning") and
 * docs/bench/2026-11-28-search-cold-start.md ("Format 3").
 */
import { foldTerm } from './fold';
import { stem } from './stem';

export type Emit = (term: string, start: number, end: number) => void;

/** Longer runs are URLs, hashes or base64, never something a person types. */
const MAX_TERM_LENGTH = 40;

const WORD_RE = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]+)*/gu;
const BIGRAM_SCRIPT_RE =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\u3005\u30fc\uff9e\uff9f]/u;

/**
 * Raw word → term. Two generations: when the young one fills up, it becomes the old one and
 * the words still in use are copied forward on their next lookup, so a stream of one-off words
 * (names, numbers) never flushes the common ones.
 */
let young = new Map<string, string>();
let old = new Map<string, string>();
const GENERATION_LIMIT = 100_000;

/** One space-delimited word as typed or written → its index term ('' when it is not one). */
export function normalizeWord(word: string): string {
  let term = young.get(word);
  if (term !== undefined) return term;
  term = old.get(word);
  if (term === undefined) {
    term = '';
    if (word.length <= MAX_TERM_LENGTH) {
      term = stem(foldTerm(word));
      if (term.includes("'")) term = term.replace(/'/g, '');
    }
  }
  if (young.size >= GENERATION_LIMIT) {
    old = young;
    young = new Map();
  }
  young.set(word, term);
  return term;
}

/** Code points of scripts written without spaces (indexed as bigrams). */
function isBigramCode(code: number): boolean {
  if (code < 0x0e00) return false;
  return (
    (code >= 0x4e00 && code <= 0x9fff) || // CJK unified ideographs
    (code >= 0xac00 && code <= 0xd7af) || // Hangul syllables
    (code >= 0x3040 && code <= 0x30ff) || // Hiragana, Katakana
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x0e00 && code <= 0x0eff) || // Thai, Lao
    (code >= 0x1000 && code <= 0x109f) || // Myanmar
    (code >= 0x1780 && code <= 0x17ff) || // Khmer
    (code >= 0x1100 && code <= 0x11ff) || // Hangul jamo
    (code >= 0x3130 && code <= 0x318f) ||
    (code >= 0x31f0 && code <= 0x31ff) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xff66 && code <= 0xff9f) || // half-width katakana
    (code >= 0x20000 && code <= 0x3ffff) ||
    code === 0x3005
  );
}

/** Code points whose NFKC form differs (compatibility forms), folded one by one. */
function needsFold(code: number): boolean {
  return (
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xff00 && code <= 0xffef) ||
    (code >= 0x2f800 && code <= 0x2fa1f) ||
    (code >= 0x3300 && code <= 0x33ff) ||
    (code >= 0x2e80 && code <= 0x2fdf)
  );
}

const charCache = new Map<string, string>();
function foldChar(ch: string): string {
  let folded = charCache.get(ch);
  if (folded === undefined) {
    folded = ch.normalize('NFKC').toLowerCase();
    if ([...folded].length !== 1) folded = ch;
    charCache.set(ch, folded);
  }
  return folded;
}

export interface AnalyzeOptions {
  /**
   * One-character terms in runs of scripts written without spaces:
   * - 'all' (index, highlighting): every character;
   * - 'none' (queries): only a run of one character; longer runs are their bigrams, which
   *   find the same documents more precisely.
   */
  unigrams?: 'all' | 'none';
  /**
   * Takes plain ASCII words (text[start, end)) instead of `emit` taking their terms, with a
   * hash of their characters (wordHash): the segment builder maps words it has seen straight
   * to term ids without making a string, and must give the terms normalizeWord gives.
   */
  plainWord?: PlainWord;
}

export type PlainWord = (text: string, start: number, end: number, hash: number) => void;

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** The hash `plainWord` receives: FNV-1a over the UTF-16 code units. */
export function wordHash(word: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), FNV_PRIME);
  return hash;
}

type Unigrams = NonNullable<AnalyzeOptions['unigrams']>;

/**
 * Bigrams over a run of characters from scripts written without spaces, then (unless
 * `unigrams` is 'none') each character as a unigram; a run of one character is its unigram.
 */
function emitBigrams(run: string, offset: number, emit: Emit, unigrams: Unigrams): void {
  const chars: string[] = [];
  const starts: number[] = [];
  for (let i = 0; i < run.length;) {
    const code = run.codePointAt(i)!;
    const width = code > 0xffff ? 2 : 1;
    if ((code === 0xff9e || code === 0xff9f) && chars.length) {
      // Half-width voicing mark: one letter with the kana before it (ｶﾞ is ガ).
      chars[chars.length - 1] = foldChar(run.slice(starts.at(-1)! - offset, i + width));
    } else {
      const ch = width === 1 ? run[i]! : run.slice(i, i + 2);
      chars.push(needsFold(code) ? foldChar(ch) : ch);
      starts.push(offset + i);
    }
    i += width;
  }
  const end = offset + run.length;
  const endOf = (i: number) => (i + 1 < starts.length ? starts[i + 1]! : end);
  if (chars.length === 1) {
    emit(chars[0]!, offset, end);
    return;
  }
  for (let i = 0; i + 1 < chars.length; i++)
    emit(chars[i]! + chars[i + 1]!, starts[i]!, endOf(i + 1));
  if (unigrams === 'none') return;
  for (let i = 0; i < chars.length; i++) emit(chars[i]!, starts[i]!, endOf(i));
}

/** Splits a word with non-ASCII characters at script changes between bigram and word scripts. */
function emitMixed(word: string, offset: number, emit: Emit, unigrams: Unigrams): void {
  let start = 0;
  let bigram: boolean | undefined;
  const flush = (end: number) => {
    if (end <= start) return;
    const part = word.slice(start, end);
    if (bigram) emitBigrams(part, offset + start, emit, unigrams);
    else {
      const term = normalizeWord(part);
      if (term) emit(term, offset + start, offset + end);
    }
  };
  for (let i = 0; i < word.length;) {
    const code = word.codePointAt(i)!;
    const isBigram = isBigramCode(code);
    if (bigram !== undefined && isBigram !== bigram) {
      flush(i);
      start = i;
    }
    bigram = isBigram;
    i += code > 0xffff ? 2 : 1;
  }
  flush(word.length);
}

/** Letters, digits, and everything from U+00AA up (sorted out by the slow path). */
function isRunChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code >= 0xaa
  );
}

function emitRun(
  text: string,
  start: number,
  end: number,
  ascii: boolean,
  emit: Emit,
  unigrams: Unigrams,
): void {
  const run = text.slice(start, end);
  if (ascii) {
    const term = normalizeWord(run);
    if (term) emit(term, start, end);
    return;
  }
  for (const word of run.matchAll(WORD_RE)) {
    const offset = start + word.index;
    if (BIGRAM_SCRIPT_RE.test(word[0])) emitMixed(word[0], offset, emit, unigrams);
    else {
      const term = normalizeWord(word[0]);
      if (term) emit(term, offset, offset + word[0].length);
    }
  }
}

/**
 * Every term of `text`, in order, with its code-unit offsets in `text`. A hand-written scan
 * (no regex match objects) finds runs; runs with non-ASCII characters are split properly by
 * WORD_RE. This loop is the indexing hot path.
 */
export function analyze(text: string, emit: Emit, options: AnalyzeOptions = {}): void {
  const unigrams = options.unigrams ?? 'all';
  const plainWord = options.plainWord;
  const length = text.length;
  let i = 0;
  while (i < length) {
    let code = text.charCodeAt(i);
    if (!isRunChar(code)) {
      i++;
      continue;
    }
    const start = i;
    let ascii = true;
    let hash = FNV_OFFSET;
    while (i < length) {
      code = text.charCodeAt(i);
      if (isRunChar(code)) {
        if (code >= 0x80) ascii = false;
      } else if (
        (code === 39 || code === 0x2019) &&
        i + 1 < length &&
        isRunChar(text.charCodeAt(i + 1))
      ) {
        // An apostrophe inside a word (don't, Ishiba's).
        if (code >= 0x80) ascii = false;
      } else break;
      hash = Math.imul(hash ^ code, FNV_PRIME);
      i++;
    }
    if (ascii && plainWord) plainWord(text, start, i, hash);
    else emitRun(text, start, i, ascii, emit, unigrams);
  }
}

/** The terms of a text, in order (duplicates kept). */
export function terms(text: string): string[] {
  const out: string[] = [];
  analyze(text, (term) => out.push(term));
  return out;
}

/** Whether a term came from a script written without spaces (so it is a bigram or unigram). */
export function isBigramTerm(term: string): boolean {
  return BIGRAM_SCRIPT_RE.test(term);
}
