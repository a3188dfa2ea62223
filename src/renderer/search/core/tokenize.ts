/**
 * Text → index terms. Space-delimited scripts (Latin, Cyrillic, Greek, Arabic, Hebrew, Indic…)
 * split on runs of letters, digits and marks, are folded, and English words are stemmed. Scripts
 * written without spaces (Chinese, Japanese, Korean, Thai, Lao, Khmer, Myanmar) become
 * overlapping character bigrams, which need no dictionary and match however a query is cut:
 * "石破" and "总统" are bigrams themselves, "이재명" is 이재 + 재명. Intl.Segmenter marks the
 * one-character words there, indexed as unigrams.
 *
 * Intl.Segmenter splits space-delimited scripts exactly like the letter-run rule but is ~40×
 * slower (and superlinear on long strings), so it runs only on the runs that need it.
 */
import { foldTerm } from './fold';
import { stem } from './stem';

export type Emit = (term: string, start: number, end: number) => void;

/** Longer runs are URLs, hashes or base64, never something a person types. */
const MAX_TERM_LENGTH = 40;

// Broad first pass without the `u` flag (4× faster on mostly-ASCII text); runs with non-ASCII
// characters are split properly by WORD_RE.
const RUN_RE = /[A-Za-z0-9\u00aa-\uffff]+(?:['’][A-Za-z0-9\u00aa-\uffff]+)*/g;
const WORD_RE = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]+)*/gu;
const ASCII_RE = /^[\x00-\x7f]*$/;
const BIGRAM_SCRIPT_RE =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\u3005\u30fc]/u;
const SEGMENTED_SCRIPT_RE =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

const termCache = new Map<string, string>();
const TERM_CACHE_LIMIT = 200_000;

/** One space-delimited word as typed or written → its index term ('' when it is not one). */
export function normalizeWord(word: string): string {
  const cached = termCache.get(word);
  if (cached !== undefined) return cached;
  let term = '';
  if (word.length <= MAX_TERM_LENGTH) {
    const folded = foldTerm(word);
    term = stem(folded).replace(/'/g, '');
  }
  if (termCache.size >= TERM_CACHE_LIMIT) termCache.clear();
  termCache.set(word, term);
  return term;
}

let segmenter: Intl.Segmenter | undefined;

/**
 * Bigrams over a run of characters from scripts written without spaces, plus unigrams for the
 * one-character words the segmenter finds (and for a run of one character).
 */
function emitBigrams(run: string, offset: number, emit: Emit): void {
  const chars: string[] = [];
  const starts: number[] = [];
  let position = 0;
  for (const ch of run) {
    chars.push(foldChar(ch));
    starts.push(offset + position);
    position += ch.length;
  }
  const end = offset + run.length;
  const endOf = (i: number) => (i + 1 < starts.length ? starts[i + 1]! : end);
  if (chars.length === 1) {
    emit(chars[0]!, offset, end);
    return;
  }
  for (let i = 0; i + 1 < chars.length; i++)
    emit(chars[i]! + chars[i + 1]!, starts[i]!, endOf(i + 1));
  if (!SEGMENTED_SCRIPT_RE.test(run)) return;
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
  let index = 0;
  let cursor = offset;
  for (const part of segmenter.segment(run)) {
    // Map the segment's code-unit offset to our character index.
    while (index < starts.length && starts[index]! < offset + part.index) index++;
    cursor = offset + part.index;
    if (part.isWordLike && [...part.segment].length === 1 && starts[index] === cursor)
      emit(chars[index]!, cursor, cursor + part.segment.length);
  }
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

/** Splits a word with non-ASCII characters at script changes between bigram and word scripts. */
function emitMixed(word: string, offset: number, emit: Emit): void {
  let start = 0;
  let bigram: boolean | undefined;
  let position = 0;
  const flush = (end: number) => {
    if (end <= start) return;
    const part = word.slice(start, end);
    if (bigram) emitBigrams(part, offset + start, emit);
    else {
      const term = normalizeWord(part);
      if (term) emit(term, offset + start, offset + end);
    }
  };
  for (const ch of word) {
    const isBigram = BIGRAM_SCRIPT_RE.test(ch);
    if (bigram !== undefined && isBigram !== bigram) {
      flush(position);
      start = position;
    }
    bigram = isBigram;
    position += ch.length;
  }
  flush(word.length);
}

/** Every term of `text`, in order, with its code-unit offsets in `text`. */
export function analyze(text: string, emit: Emit): void {
  RUN_RE.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = RUN_RE.exec(text))) {
    const run = match[0];
    if (ASCII_RE.test(run)) {
      const term = normalizeWord(run);
      if (term) emit(term, match.index, match.index + run.length);
      continue;
    }
    const base = match.index;
    for (const word of run.matchAll(WORD_RE)) {
      const offset = base + word.index;
      if (BIGRAM_SCRIPT_RE.test(word[0])) emitMixed(word[0], offset, emit);
      else {
        const term = normalizeWord(word[0]);
        if (term) emit(term, offset, offset + word[0].length);
      }
    }
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
