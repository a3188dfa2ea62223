/**
 * English stemming: the Snowball "English" (Porter2) algorithm, so that "elections", "elected"
 * and "electing" meet. Only plain a–z words are stemmed; other scripts pass through.
 * Reference: https://snowballstem.org/algorithms/english/stemmer.html
 */

const EXCEPTIONS = new Map<string, string>(
  Object.entries({
    skis: 'ski',
    skies: 'sky',
    dying: 'die',
    lying: 'lie',
    tying: 'tie',
    idly: 'idl',
    gently: 'gentl',
    ugly: 'ugli',
    early: 'earli',
    only: 'onli',
    singly: 'singl',
    sky: 'sky',
    news: 'news',
    howe: 'howe',
    atlas: 'atlas',
    cosmos: 'cosmos',
    bias: 'bias',
    andes: 'andes',
  }),
);
/**
 * Words whose stem does not begin with their own first two letters: the only ones, since every
 * other rule rewrites the end of a word (checked over the real-feeds vocabulary in
 * stem.test.ts). Matching stemmed text can therefore skip words that share no such prefix.
 */
export const STEM_PREFIX_EXCEPTIONS: ReadonlyMap<string, readonly string[]> = new Map(
  [...EXCEPTIONS].reduce((byStem, [word, stemmed]) => {
    if (stemmed.slice(0, 2) !== word.slice(0, 2))
      byStem.set(stemmed, [...(byStem.get(stemmed) ?? []), word]);
    return byStem;
  }, new Map<string, string[]>()),
);

const AFTER_1A = new Set([
  'inning',
  'outing',
  'canning',
  'herring',
  'earring',
  'proceed',
  'exceed',
  'succeed',
]);

const STEP2: [string, string][] = [
  ['ization', 'ize'],
  ['ational', 'ate'],
  ['fulness', 'ful'],
  ['ousness', 'ous'],
  ['iveness', 'ive'],
  ['tional', 'tion'],
  ['biliti', 'ble'],
  ['lessli', 'less'],
  ['entli', 'ent'],
  ['ation', 'ate'],
  ['alism', 'al'],
  ['aliti', 'al'],
  ['ousli', 'ous'],
  ['iviti', 'ive'],
  ['fulli', 'ful'],
  ['enci', 'ence'],
  ['anci', 'ance'],
  ['abli', 'able'],
  ['izer', 'ize'],
  ['ator', 'ate'],
  ['alli', 'al'],
  ['bli', 'ble'],
  ['ogi', 'og'],
  ['li', ''],
];
const STEP3: [string, string][] = [
  ['ational', 'ate'],
  ['tional', 'tion'],
  ['alize', 'al'],
  ['icate', 'ic'],
  ['iciti', 'ic'],
  ['ative', ''],
  ['ical', 'ic'],
  ['ness', ''],
  ['ful', ''],
];
const STEP4 = [
  'ement',
  'ance',
  'ence',
  'able',
  'ible',
  'ment',
  'ant',
  'ent',
  'ism',
  'ate',
  'iti',
  'ous',
  'ive',
  'ize',
  'ion',
  'al',
  'er',
  'ic',
];
const EED = ['eedly', 'eed'];
const ED = ['ingly', 'edly', 'ing', 'ed'];
const DOUBLES = ['bb', 'dd', 'ff', 'gg', 'mm', 'nn', 'pp', 'rr', 'tt'];
const LI_ENDING = 'cdeghkmnrt';
const PLAIN = /^[a-z']+$/;

const isVowel = (ch: string | undefined) =>
  ch === 'a' || ch === 'e' || ch === 'i' || ch === 'o' || ch === 'u' || ch === 'y';

/** Start of the region after the first non-vowel that follows a vowel, from `from`. */
function regionAfter(word: string, from: number): number {
  for (let i = from + 1; i < word.length; i++) {
    if (!isVowel(word[i]) && isVowel(word[i - 1])) return i + 1;
  }
  return word.length;
}

function hasVowel(text: string): boolean {
  for (const ch of text) if (isVowel(ch)) return true;
  return false;
}

/** A short syllable ending at `end` (exclusive). */
function endsWithShortSyllable(word: string, end = word.length): boolean {
  if (end === 2) return isVowel(word[0]) && !isVowel(word[1]);
  if (end < 3) return false;
  const [a, b, c] = [word[end - 3], word[end - 2], word[end - 1]];
  return !isVowel(a) && isVowel(b) && !isVowel(c) && c !== 'w' && c !== 'x' && c !== 'Y';
}

export function stem(input: string): string {
  if (input.length <= 2 || !PLAIN.test(input)) return input;
  let word = input.startsWith("'") ? input.slice(1) : input;
  const exception = EXCEPTIONS.get(word);
  if (exception) return exception;

  // Step 0: possessives.
  if (word.endsWith("'s'")) word = word.slice(0, -3);
  else if (word.endsWith("'s")) word = word.slice(0, -2);
  else if (word.endsWith("'")) word = word.slice(0, -1);
  // Most words have neither apostrophes nor a y: skip those passes (this runs once for each
  // distinct word a rebuild meets, about a million at 100,000 articles).
  if (word.includes("'")) word = word.replace(/'/g, '');
  if (word.length <= 2) return word;

  // Consonant y: at the start or after a vowel.
  const hasY = word.includes('y');
  if (hasY) {
    if (word[0] === 'y') word = `Y${word.slice(1)}`;
    word = word.replace(/([aeiouy])y/g, '$1Y');
  }

  const r1 = word.startsWith('gener')
    ? 5
    : word.startsWith('commun')
      ? 6
      : word.startsWith('arsen')
        ? 5
        : regionAfter(word, 0);
  const r2 = regionAfter(word, r1);
  const inR1 = (suffix: string) => word.length - suffix.length >= r1;
  const inR2 = (suffix: string) => word.length - suffix.length >= r2;

  // Step 1a.
  if (word.endsWith('sses')) word = word.slice(0, -2);
  else if (word.endsWith('ied') || word.endsWith('ies'))
    word = word.length > 4 ? word.slice(0, -2) : word.slice(0, -1);
  else if (word.endsWith('us') || word.endsWith('ss')) {
    // unchanged
  } else if (word.endsWith('s') && hasVowel(word.slice(0, -2))) word = word.slice(0, -1);

  if (AFTER_1A.has(word)) return word;

  // Step 1b.
  const eed = EED.find((suffix) => word.endsWith(suffix));
  if (eed) {
    if (inR1(eed)) word = `${word.slice(0, -eed.length)}ee`;
  } else {
    const ed = ED.find((suffix) => word.endsWith(suffix));
    if (ed && hasVowel(word.slice(0, -ed.length))) {
      word = word.slice(0, -ed.length);
      if (word.endsWith('at') || word.endsWith('bl') || word.endsWith('iz')) word += 'e';
      else if (DOUBLES.some((pair) => word.endsWith(pair))) word = word.slice(0, -1);
      else if (r1 >= word.length && endsWithShortSyllable(word)) word += 'e';
    }
  }

  // Step 1c.
  if (word.length > 2 && (word.endsWith('y') || word.endsWith('Y')) && !isVowel(word.at(-2)))
    word = `${word.slice(0, -1)}i`;

  // Step 2.
  for (const [suffix, replacement] of STEP2) {
    if (!word.endsWith(suffix)) continue;
    if (inR1(suffix)) {
      if (suffix === 'ogi') {
        if (word.at(-4) === 'l') word = `${word.slice(0, -3)}og`;
      } else if (suffix === 'li') {
        if (LI_ENDING.includes(word.at(-3) ?? '')) word = word.slice(0, -2);
      } else word = word.slice(0, -suffix.length) + replacement;
    }
    break;
  }

  // Step 3.
  for (const [suffix, replacement] of STEP3) {
    if (!word.endsWith(suffix)) continue;
    if (inR1(suffix)) {
      if (suffix === 'ative') {
        if (inR2(suffix)) word = word.slice(0, -5);
      } else word = word.slice(0, -suffix.length) + replacement;
    }
    break;
  }

  // Step 4.
  for (const suffix of STEP4) {
    if (!word.endsWith(suffix)) continue;
    if (inR2(suffix)) {
      if (suffix !== 'ion') word = word.slice(0, -suffix.length);
      else if (word.at(-4) === 's' || word.at(-4) === 't') word = word.slice(0, -3);
    }
    break;
  }

  // Step 5.
  if (word.endsWith('e')) {
    if (inR2('e') || (inR1('e') && !endsWithShortSyllable(word, word.length - 1)))
      word = word.slice(0, -1);
  } else if (word.endsWith('ll') && inR2('l')) word = word.slice(0, -1);

  return hasY ? word.replace(/Y/g, 'y') : word;
}
