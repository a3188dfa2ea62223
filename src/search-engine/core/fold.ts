/**
 * Case and diacritic folding, so that "Élysée", "elysee" and "ELYSÉE" are one term. Applied the
 * same way to documents and queries; snippets map matches back to the original text.
 */

// Letters NFKD does not decompose but readers type without the mark.
const SPECIAL: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ł: 'l',
  ı: 'i',
  ħ: 'h',
  ŋ: 'n',
  ς: 'σ',
  // The iota subscript is a letter written small: capitals write it in full (ᾳ, ΑΙ).
  '\u0345': 'ι',
  // Arabic: hamza-carrying alefs and alef maqsura are spelled both ways in the wild.
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ى: 'ي',
  ة: 'ه',
  ـ: '',
  '\u00ad': '',
  '\u200c': '',
  '\u200d': '',
  '’': "'",
  ʼ: "'",
};

/**
 * Non-spacing marks that are accents or vowel points (Latin, Greek, Cyrillic, Hebrew, Arabic).
 * Marks that are letters in their own script (Indic and Thai vowel signs, the Japanese voicing
 * marks) are kept: dropping them would merge unrelated words.
 */
const ACCENT_RANGES: [number, number][] = [
  [0x0300, 0x036f],
  [0x0483, 0x0489],
  [0x0591, 0x05c7],
  [0x0610, 0x061a],
  [0x064b, 0x065f],
  [0x0670, 0x0670],
  [0x06d6, 0x06ed],
  [0x1ab0, 0x1aff],
  [0x1dc0, 0x1dff],
  [0x20d0, 0x20ff],
  [0xfe20, 0xfe2f],
];
const ASCII = /^[^\u0080-\uffff]*$/;

const isAccent = (code: number) => ACCENT_RANGES.some(([from, to]) => code >= from && code <= to);

export function foldTerm(word: string): string {
  const lower = word.toLowerCase();
  if (ASCII.test(lower)) return lower;
  // Full case folding as near as JavaScript gets: through the capitals and back, so that every
  // way of writing a letter's case meets (ᲀ and в, ᾳ and ΑΙ). Compatibility forms decompose to
  // capitals as well (𝐀, ℌ, Ⅻ): the decomposition is lowered too.
  const cased = word.toUpperCase().toLowerCase();
  let out = '';
  for (const ch of cased.normalize('NFKD').toLowerCase()) {
    if (Object.hasOwn(SPECIAL, ch)) out += SPECIAL[ch];
    else if (!isAccent(ch.codePointAt(0)!)) out += ch;
  }
  return out.normalize('NFC');
}
