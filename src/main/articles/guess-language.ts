/**
 * A guess at a text's language and direction from its script, for files that do not say. Only
 * scripts that name one language get a tag; Latin-script text needs a few common words as well.
 */

export interface LanguageGuess {
  lang?: string;
  dir: 'ltr' | 'rtl';
}

const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/gu;

const SCRIPTS: [RegExp, string | undefined][] = [
  [/\p{Script=Hangul}/gu, 'ko'],
  [/\p{Script=Han}/gu, 'zh'],
  [/\p{Script=Thai}/gu, 'th'],
  [/\p{Script=Greek}/gu, 'el'],
  [/\p{Script=Hebrew}/gu, 'he'],
  [/\p{Script=Armenian}/gu, 'hy'],
  [/\p{Script=Georgian}/gu, 'ka'],
  // Arabic script writes Arabic, Persian, Urdu…; Cyrillic writes Russian, Ukrainian, Serbian…
  [/\p{Script=Arabic}/gu, undefined],
  [/\p{Script=Cyrillic}/gu, undefined],
  [/\p{Script=Devanagari}/gu, undefined],
];

const RTL = /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;

// Words frequent in running text and rare in the other languages listed.
const STOP_WORDS: Record<string, string[]> = {
  en: ['the', 'and', 'of', 'to', 'is', 'that', 'with', 'for', 'was', 'his', 'her', 'this'],
  de: ['der', 'die', 'und', 'das', 'nicht', 'ist', 'mit', 'den', 'auf', 'sich', 'dem', 'ein'],
  fr: ['le', 'les', 'et', 'des', 'est', 'une', 'dans', 'pour', 'qui', 'sur', 'pas', 'du'],
  es: ['el', 'los', 'las', 'y', 'que', 'del', 'por', 'una', 'con', 'para', 'es', 'se'],
  it: ['il', 'di', 'che', 'della', 'per', 'non', 'sono', 'gli', 'una', 'con', 'nel', 'è'],
  pt: ['o', 'os', 'que', 'não', 'uma', 'com', 'para', 'do', 'da', 'em', 'é', 'dos'],
  nl: ['de', 'het', 'een', 'en', 'van', 'niet', 'zijn', 'op', 'dat', 'met', 'voor', 'ook'],
};

export function guessLanguage(text: string): LanguageGuess {
  const sample = text.slice(0, 5000);
  const letters = (sample.match(/\p{L}/gu) ?? []).length;
  if (!letters) return { dir: 'ltr' };
  const dir = rtlShare(sample) > 0.3 ? 'rtl' : 'ltr';
  // Japanese mixes kana into Han; any real share of kana decides it.
  const kana = count(sample, KANA);
  if (kana / letters > 0.05) return { lang: 'ja', dir };
  for (const [pattern, lang] of SCRIPTS) {
    if (count(sample, pattern) / letters > 0.3) return lang ? { lang, dir } : { dir };
  }
  const latin = latinLanguage(sample);
  return latin ? { lang: latin, dir } : { dir };
}

function count(text: string, pattern: RegExp): number {
  return (text.match(pattern) ?? []).length;
}

function rtlShare(text: string): number {
  let rtl = 0;
  let all = 0;
  for (const char of text) {
    if (!/\p{L}/u.test(char)) continue;
    all += 1;
    if (RTL.test(char)) rtl += 1;
  }
  return all ? rtl / all : 0;
}

function latinLanguage(text: string): string | undefined {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < 8) return undefined;
  let best: string | undefined;
  let bestHits = 0;
  for (const [lang, list] of Object.entries(STOP_WORDS)) {
    const set = new Set(list);
    const hits = words.filter((word) => set.has(word)).length;
    if (hits > bestHits) {
      best = lang;
      bestHits = hits;
    }
  }
  return bestHits / words.length >= 0.06 ? best : undefined;
}
