/**
 * The voice that reads an article: one speaking its language, of those one that runs on this
 * machine (`localService`, so listening works offline and nothing of the article leaves the
 * computer), and of those one of the article's region when there is one (en-GB before en-US for
 * a British paper).
 */

/** What we read of a SpeechSynthesisVoice (a plain object in tests). */
export interface VoiceLike {
  lang: string;
  localService: boolean;
  default: boolean;
  name: string;
}

const normal = (lang: string): string => lang.trim().replace(/_/g, '-').toLowerCase();
const primary = (lang: string): string => normal(lang).split('-')[0]!;

/**
 * The best voice for `lang` (a BCP 47 tag such as "fr" or "en-GB"), or, without a language or a
 * voice for it, the system's default voice; undefined only when there is no voice at all.
 * Voices that need the network are taken only when no local voice speaks the language.
 */
export function chooseVoice<V extends VoiceLike>(
  voices: readonly V[],
  lang: string | undefined,
): V | undefined {
  if (voices.length === 0) return undefined;
  const score = (voice: V): number => {
    let points = 0;
    // The language first, then a voice that works offline, then the region.
    if (lang && primary(voice.lang) === primary(lang)) points += 8;
    if (voice.localService) points += 4;
    if (lang && normal(voice.lang) === normal(lang)) points += 2;
    if (voice.default) points += 1;
    return points;
  };
  let best = voices[0]!;
  for (const voice of voices) if (score(voice) > score(best)) best = voice;
  return best;
}

/** The speeds the reader may choose, as the speech API's rate. */
export const LISTEN_RATES = [0.75, 1, 1.25, 1.5, 1.75, 2] as const;
