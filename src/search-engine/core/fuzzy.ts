/**
 * Typo tolerance: every spelling one edit away (deletion, insertion, substitution or swap of
 * neighbours) from a typed word. The caller keeps those the dictionary knows; generating
 * ~500 strings and probing a sorted dictionary is cheaper than scanning it with a distance
 * function.
 */

const LATIN = 'abcdefghijklmnopqrstuvwxyz';
const CYRILLIC = 'абвгдежзийклмнопрстуфхцчшщъыьэюяіїєґў';
const GREEK = 'αβγδεζηθικλμνξοπρστυφχψω';

/** Typo tolerance starts at this many letters: shorter words have too many neighbours. */
export const MIN_FUZZY_LENGTH = 5;

function alphabetFor(word: string): string {
  if (/^[a-z]+$/.test(word)) return LATIN;
  if (/^[\u0400-\u04ff]+$/.test(word)) return CYRILLIC;
  if (/^[\u0370-\u03ff]+$/.test(word)) return GREEK;
  return '';
}

/** Distinct strings at Damerau edit distance exactly one from `word` (a folded word). */
export function editsOne(word: string): string[] {
  const chars = [...word];
  if (chars.length < MIN_FUZZY_LENGTH) return [];
  const alphabet = [...alphabetFor(word)];
  const out = new Set<string>();
  const join = (parts: string[]) => parts.join('');
  for (let i = 0; i < chars.length; i++) {
    out.add(join([...chars.slice(0, i), ...chars.slice(i + 1)]));
    if (i + 1 < chars.length && chars[i] !== chars[i + 1])
      out.add(join([...chars.slice(0, i), chars[i + 1]!, chars[i]!, ...chars.slice(i + 2)]));
    for (const letter of alphabet) {
      if (letter !== chars[i]) out.add(join([...chars.slice(0, i), letter, ...chars.slice(i + 1)]));
    }
  }
  for (let i = 0; i <= chars.length; i++) {
    for (const letter of alphabet) out.add(join([...chars.slice(0, i), letter, ...chars.slice(i)]));
  }
  out.delete(word);
  return [...out];
}
