import { describe, expect, it } from 'vitest';
import { foldTerm } from '@search-engine/core/fold';
import { analyze, terms } from '@search-engine/core/tokenize';

describe('folding', () => {
  it('folds case and diacritics', () => {
    expect(foldTerm('Élysée')).toBe('elysee');
    expect(foldTerm('NAÏVE')).toBe('naive');
    expect(foldTerm('Straße')).toBe('strasse');
    expect(foldTerm('Łódź')).toBe('lodz');
    expect(foldTerm('ＡＢＣ')).toBe('abc');
  });

  it('folds Greek accents and final sigma, Cyrillic ё, Arabic and Hebrew points', () => {
    expect(foldTerm('Σίσυφος')).toBe('σισυφοσ');
    expect(foldTerm('Ёлка')).toBe('елка');
    expect(foldTerm('أَحْمَد')).toBe('احمد');
    expect(foldTerm('שָׁלוֹם')).toBe('שלום');
  });

  it('keeps marks that are letters in their script', () => {
    expect(foldTerm('हिंदी')).toBe('हिंदी');
    expect(foldTerm('が')).toBe('が');
  });
});

describe('analyze', () => {
  it('splits on letters and digits, stems English and drops possessives', () => {
    expect(terms("That piece about Ishiba's remorse, in 2024.")).toEqual([
      'that',
      'piec',
      'about',
      'ishiba',
      'remors',
      'in',
      '2024',
    ]);
  });

  it('treats curly and straight apostrophes alike', () => {
    expect(terms('don’t')).toEqual(terms("don't"));
    expect(terms('Ishiba’s')).toEqual(['ishiba']);
  });

  it('matches Intl.Segmenter on space-delimited scripts', () => {
    const text = 'Премьер-министр заявил: «Мы готовы». Ο πρωθυπουργός είπε. قال رئيس الوزراء';
    const segmenter = new Intl.Segmenter('und', { granularity: 'word' });
    const words = [...segmenter.segment(text)]
      .filter((part) => part.isWordLike)
      .map((part) => foldTerm(part.segment));
    expect(terms(text)).toEqual(words);
  });

  it('indexes Chinese, Japanese and Korean as bigrams that queries share', () => {
    const chinese = terms('美国总统今天在北京发表讲话');
    expect(chinese).toContain('总统');
    const japanese = terms('石破茂首相は記者会見で語った');
    expect(japanese).toContain('石破');
    expect(japanese).toContain('茂');
    const korean = terms('이재명 대통령은 오늘 기자회견에서');
    expect(korean).toEqual(expect.arrayContaining(['이재', '재명', '대통', '통령']));
    expect(terms('이재명')).toEqual(['이재', '재명', '이', '재', '명']);
    expect(terms('总统')).toEqual(['总统', '总', '统']);
  });

  it('indexes Thai without spaces as bigrams', () => {
    const doc = terms('กรุงเทพมหานครเป็นเมืองหลวงของประเทศไทย');
    for (const term of terms('เมืองหลวง')) expect(doc).toContain(term);
  });

  it('adds every character as a unigram after the bigrams, or none for queries', () => {
    expect(terms('石破茂首相')).toEqual([
      '石破',
      '破茂',
      '茂首',
      '首相',
      '石',
      '破',
      '茂',
      '首',
      '相',
    ]);
    const none: string[] = [];
    analyze('罗永浩', (term) => none.push(term), { unigrams: 'none' });
    expect(none).toEqual(['罗永', '永浩']);
  });

  it('gives a single character word a unigram', () => {
    expect(terms('人')).toEqual(['人']);
    expect(terms('저')).toEqual(['저']);
  });

  it('splits mixed-script words at the script change', () => {
    expect(terms('iPhone的价格')).toEqual(['iphon', '的价', '价格', '的', '价', '格']);
  });

  it('joins half-width kana with their voicing marks', () => {
    expect(terms('ｶﾞｷﾞ')).toContain('ガギ');
  });

  it('reports offsets in the original text', () => {
    const text = 'Le Président — élu 石破茂';
    const found: [string, string][] = [];
    analyze(text, (term, start, end) => found.push([term, text.slice(start, end)]));
    expect(found).toContainEqual(['presid', 'Président']);
    expect(found).toContainEqual(['elu', 'élu']);
    expect(found).toContainEqual(['石破', '石破']);
    expect(found).toContainEqual(['破茂', '破茂']);
  });

  it('skips runs too long to be words', () => {
    expect(terms(`see ${'a'.repeat(50)} now`)).toEqual(['see', 'now']);
  });
});
