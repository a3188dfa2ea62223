/**
 * Find in article: where a typed phrase occurs in the article's text, case- and
 * diacritic-insensitive as search is ("elysee" finds "Élysée"), and blind to how whitespace
 * runs. The folding is the search engine's own (foldTerm), applied one character at a time so
 * every folded character still knows where it came from in the text the reader sees.
 */
import { foldTerm } from '../../../search-engine/core/fold';

export interface TextMatch {
  /** Offsets into the original text, end exclusive. */
  start: number;
  end: number;
}

interface Folded {
  text: string;
  /** For each UTF-16 unit of `text`: the original offset where its character starts. */
  from: number[];
  /** For each UTF-16 unit of `text`: the original offset just past its character. */
  to: number[];
}

const SPACE = /\s/u;
const folded1 = new Map<string, string>();

/** One character (code point) folded, cached: articles repeat a small alphabet. */
function foldChar(ch: string): string {
  let out = folded1.get(ch);
  if (out === undefined) {
    out = foldTerm(ch);
    folded1.set(ch, out);
  }
  return out;
}

/** The text folded, whitespace runs made one space, with a map back to the original. */
export function foldWithMap(text: string): Folded {
  let out = '';
  const from: number[] = [];
  const to: number[] = [];
  let at = 0;
  let lastSpace = false;
  for (const ch of text) {
    const end = at + ch.length;
    if (SPACE.test(ch)) {
      if (lastSpace) {
        to[to.length - 1] = end;
      } else {
        out += ' ';
        from.push(at);
        to.push(end);
        lastSpace = true;
      }
    } else {
      const f = foldChar(ch);
      if (f === '' && to.length > 0 && !lastSpace) {
        // A combining mark folded away belongs to the letter before it.
        to[to.length - 1] = end;
      }
      for (let i = 0; i < f.length; i++) {
        from.push(at);
        to.push(end);
      }
      out += f;
      if (f !== '') lastSpace = false;
    }
    at = end;
  }
  return { text: out, from, to };
}

/** The query as the text is folded, trimmed; '' when there is nothing to look for. */
export function foldQuery(query: string): string {
  return foldWithMap(query.trim()).text.trim();
}

/** Every occurrence of `query` in `text`, in order, not overlapping. */
export function findMatches(text: string, query: string, limit = 10_000): TextMatch[] {
  const needle = foldQuery(query);
  if (!needle) return [];
  const hay = foldWithMap(text);
  const out: TextMatch[] = [];
  for (let at = hay.text.indexOf(needle); at >= 0 && out.length < limit;) {
    const last = at + needle.length - 1;
    out.push({ start: hay.from[at]!, end: hay.to[last]! });
    at = hay.text.indexOf(needle, at + needle.length);
  }
  return out;
}

/** The earliest place any of `phrases` occurs (the first of them on a tie), if any does. */
export function firstMatchOfAny(text: string, phrases: readonly string[]): TextMatch | undefined {
  let best: TextMatch | undefined;
  for (const phrase of phrases) {
    const [first] = findMatches(text, phrase, 1);
    if (first && (!best || first.start < best.start)) best = first;
  }
  return best;
}
