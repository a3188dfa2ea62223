/**
 * Result snippets: the passage of an article where the searched words cluster (not its first
 * lines), as plain-text segments marked match / no match. The UI renders segments as text
 * nodes, so no HTML is ever built from article content here.
 */
import { STEM_PREFIX_EXCEPTIONS } from './stem';
import { analyze, normalizeWord } from './tokenize';

export interface SnippetSegment {
  text: string;
  match: boolean;
}

export const SNIPPET_CHARS = 220;
/** Longer bodies are cut before scanning: a snippet from the first 60k characters will do. */
const SCAN_LIMIT = 60_000;
const LEAD_CHARS = 50;

interface Range {
  start: number;
  end: number;
  term: string;
}

/** A search highlights ~40 texts (titles, snippets) with one term set, fixed once planned. */
const startsOf = new WeakMap<ReadonlySet<string>, Set<string>>();

/**
 * The first two letters a plain ASCII word must have to stem into one of `terms`: stemming
 * rewrites only the end of a word (STEM_PREFIX_EXCEPTIONS aside). In a cold worker, stemming
 * every word of twenty articles was most of a first search's snippet time.
 */
function wordStarts(terms: ReadonlySet<string>): Set<string> {
  let starts = startsOf.get(terms);
  if (starts) return starts;
  starts = new Set<string>();
  for (const term of terms) {
    starts.add(term.slice(0, 2));
    for (const word of STEM_PREFIX_EXCEPTIONS.get(term) ?? []) starts.add(word.slice(0, 2));
  }
  startsOf.set(terms, starts);
  return starts;
}

function matches(text: string, terms: ReadonlySet<string>): Range[] {
  const found: Range[] = [];
  const starts = wordStarts(terms);
  analyze(
    text,
    (term, start, end) => {
      if (terms.has(term)) found.push({ start, end, term });
    },
    {
      unigrams: 'all',
      plainWord: (source, start, end) => {
        // An apostrophe second ("o'clock") is dropped from the term, shifting its letters.
        const shifted = source.charCodeAt(start + 1) === 39;
        const first = source.slice(start, Math.min(end, start + 2)).toLowerCase();
        if (!shifted && !starts.has(first)) return;
        const term = normalizeWord(source.slice(start, end));
        if (terms.has(term)) found.push({ start, end, term });
      },
    },
  );
  // Overlapping bigrams (石破 + 破茂) become one highlighted range.
  const merged: Range[] = [];
  for (const range of found) {
    const last = merged.at(-1);
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

function segmentsOf(text: string, ranges: Range[], from: number, to: number): SnippetSegment[] {
  const out: SnippetSegment[] = [];
  let at = from;
  for (const range of ranges) {
    if (range.end <= from || range.start >= to) continue;
    const start = Math.max(range.start, from);
    const end = Math.min(range.end, to);
    if (start > at) out.push({ text: text.slice(at, start), match: false });
    out.push({ text: text.slice(start, end), match: true });
    at = end;
  }
  if (at < to) out.push({ text: text.slice(at, to), match: false });
  return out;
}

/** Every occurrence highlighted (titles). */
export function highlightAll(text: string, terms: ReadonlySet<string>): SnippetSegment[] {
  if (!text) return [];
  return segmentsOf(text, matches(text, terms), 0, text.length);
}

/** Moves `index` back to the start of a word (or of a sentence, if one starts nearby). */
function snapStart(text: string, index: number, floor: number): number {
  if (index <= 0) return 0;
  const sentence = text.lastIndexOf('. ', index);
  if (sentence >= floor && sentence >= 0) return sentence + 2;
  let i = index;
  while (i > 0 && !/\s/.test(text[i - 1]!)) i--;
  // A run of text without spaces (CJK) has no word boundary to snap to.
  return index - i > 20 ? index : i;
}

function snapEnd(text: string, index: number): number {
  if (index >= text.length) return text.length;
  let i = index;
  while (i < text.length && !/\s/.test(text[i]!)) i++;
  return i - index > 20 ? index : i;
}

/**
 * Where to look, found cheaply: index terms are folded stems, so in lower-cased text they are
 * usually substrings of the words they came from ("elect" in "Elections"). The densest spot of
 * such hits is tokenized properly; texts where nothing is found this way (accents folded away,
 * say) are scanned whole.
 */
function likelyRegion(
  text: string,
  terms: ReadonlySet<string>,
  maxChars: number,
): [number, number] | undefined {
  const lower = text.toLowerCase();
  if (lower.length !== text.length) return undefined;
  const hits: { at: number; term: string }[] = [];
  for (const term of terms) {
    if (!term || term.charCodeAt(0) < 32) continue;
    for (let at = lower.indexOf(term), n = 0; at >= 0 && n < 64; n++) {
      hits.push({ at, term });
      at = lower.indexOf(term, at + term.length);
    }
  }
  if (!hits.length) return undefined;
  hits.sort((a, b) => a.at - b.at);
  let best = 0;
  let bestScore = -1;
  for (let left = 0; left < hits.length; left++) {
    const distinct = new Set<string>();
    let count = 0;
    for (
      let right = left;
      right < hits.length && hits[right]!.at - hits[left]!.at < maxChars;
      right++
    ) {
      distinct.add(hits[right]!.term);
      count++;
    }
    const score = distinct.size * 100 + count;
    if (score > bestScore) {
      bestScore = score;
      best = hits[left]!.at;
    }
  }
  return [Math.max(0, best - LEAD_CHARS * 3), Math.min(text.length, best + maxChars * 2)];
}

/**
 * The window of about `maxChars` characters with the most distinct searched terms (then the
 * most matches), with a little lead-in; `…` marks where the text was cut.
 */
export function snippet(
  fullText: string,
  terms: ReadonlySet<string>,
  maxChars = SNIPPET_CHARS,
): SnippetSegment[] {
  const text = fullText.length > SCAN_LIMIT ? fullText.slice(0, SCAN_LIMIT) : fullText;
  if (!text) return [];
  let ranges: Range[] = [];
  const region = text.length > maxChars * 4 ? likelyRegion(text, terms, maxChars) : undefined;
  if (region) {
    // Start the region at a word boundary so the first word is whole.
    let start = region[0];
    while (start > 0 && !/\s/.test(text[start - 1]!)) start--;
    ranges = matches(text.slice(start, region[1]), terms).map((range) => ({
      ...range,
      start: range.start + start,
      end: range.end + start,
    }));
  }
  if (!ranges.length) ranges = matches(text, terms);
  let from = 0;
  if (ranges.length) {
    let best = 0;
    let bestScore = -1;
    let right = 0;
    const counts = new Map<string, number>();
    for (let left = 0; left < ranges.length; left++) {
      while (
        right < ranges.length &&
        ranges[right]!.end - ranges[left]!.start <= maxChars - LEAD_CHARS
      ) {
        const term = ranges[right]!.term;
        counts.set(term, (counts.get(term) ?? 0) + 1);
        right++;
      }
      const score = counts.size * 100 + (right - left);
      if (score > bestScore) {
        bestScore = score;
        best = left;
      }
      const term = ranges[left]!.term;
      const count = (counts.get(term) ?? 1) - 1;
      if (count) counts.set(term, count);
      else counts.delete(term);
    }
    const anchor = ranges[best]!.start;
    from = anchor <= LEAD_CHARS ? 0 : snapStart(text, anchor - LEAD_CHARS, anchor - LEAD_CHARS * 2);
  }
  const to = snapEnd(text, Math.min(fullText.length, from + maxChars));
  const segments = segmentsOf(text, ranges, from, Math.min(to, text.length));
  if (from > 0) segments.unshift({ text: '…', match: false });
  if (to < fullText.length) segments.push({ text: '…', match: false });
  return segments;
}
