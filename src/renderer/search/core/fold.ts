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
const SPECIAL_RE = new RegExp(`[${Object.keys(SPECIAL).join('')}]`, 'g');

/**
 * Non-spacing marks that are accents or vowel points (Latin, Greek, Cyrillic, Hebrew, Arabic).
 * Marks that are letters in their own script (Indic and Thai vowel signs, the Japanese voicing
 * marks) are kept: dropping them would merge unrelated words.
 */
const ACCENTS =
  /[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
const ASCII = /^[\x00-\x7f]*$/;

export function foldTerm(word: string): string {
  const lower = word.toLowerCase();
  if (ASCII.test(lower)) return lower;
  return lower
    .normalize('NFKD')
    .replace(ACCENTS, '')
    .replace(SPECIAL_RE, (ch) => SPECIAL[ch] ?? ch)
    .normalize('NFC');
}
