import { describe, expect, it } from 'vitest';
import { guessLanguage } from '@main/articles/guess-language';

describe('guessLanguage', () => {
  it.each([
    ['이재명 대통령은 23일 일본 도쿄에서 정상회담을 가졌다.', 'ko', 'ltr'],
    ['韓国の李在明大統領は23日、東京で石破首相と会談した。', 'ja', 'ltr'],
    ['韩国总统李在明23日在东京与日本首相石破茂举行会谈。', 'zh', 'ltr'],
    ['הנשיא הגיע לטוקיו לפגישה עם ראש הממשלה.', 'he', 'rtl'],
    [
      'The president arrived in Tokyo on Saturday for talks with the prime minister of Japan and his staff.',
      'en',
      'ltr',
    ],
    [
      'Der Präsident ist am Samstag in Tokio eingetroffen und hat mit dem Premierminister gesprochen, das ist nicht neu.',
      'de',
      'ltr',
    ],
  ])('%s → %s', (text, lang, dir) => {
    expect(guessLanguage(text)).toEqual({ lang, dir });
  });

  it('gives direction without a language when the script is shared by many', () => {
    expect(guessLanguage('عقد الرئيس الكوري الجنوبي أول قمة مع رئيس الوزراء.')).toEqual({
      dir: 'rtl',
    });
    expect(guessLanguage('Президент прибыл в Токио в субботу.')).toEqual({ dir: 'ltr' });
    expect(guessLanguage('Lee Tokyo Ishiba')).toEqual({ dir: 'ltr' });
    expect(guessLanguage('12345 !!!')).toEqual({ dir: 'ltr' });
  });
});
