import { describe, expect, it } from 'vitest';
import { htmlToText } from '@search-engine/core/html-text';
import { STEM_PREFIX_EXCEPTIONS, stem } from '@search-engine/core/stem';
import { analyze, normalizeWord } from '@search-engine/core/tokenize';
import { hasRealFeeds, loadRealFeeds } from './real-feeds-corpus';

// Pairs from the Snowball English (Porter2) reference vocabulary and output.
const SNOWBALL: [string, string][] = [
  ['consign', 'consign'],
  ['consigned', 'consign'],
  ['consigning', 'consign'],
  ['consignment', 'consign'],
  ['generously', 'generous'],
  ['happiness', 'happi'],
  ['running', 'run'],
  ['hopping', 'hop'],
  ['hoped', 'hope'],
  ['caresses', 'caress'],
  ['ponies', 'poni'],
  ['ties', 'tie'],
  ['cats', 'cat'],
  ['agreed', 'agre'],
  ['feed', 'feed'],
  ['plastered', 'plaster'],
  ['motoring', 'motor'],
  ['sing', 'sing'],
  ['conflated', 'conflat'],
  ['troubled', 'troubl'],
  ['sized', 'size'],
  ['tanned', 'tan'],
  ['falling', 'fall'],
  ['hissing', 'hiss'],
  ['fizzed', 'fizz'],
  ['failing', 'fail'],
  ['filing', 'file'],
  ['happy', 'happi'],
  ['relational', 'relat'],
  ['conditional', 'condit'],
  ['rational', 'ration'],
  ['generate', 'generat'],
  ['generation', 'generat'],
  ['communism', 'communism'],
  ['knightly', 'knight'],
  ['abilities', 'abil'],
  ['controlling', 'control'],
  ['crying', 'cri'],
  ['effective', 'effect'],
  ['hopeful', 'hope'],
  ['goodness', 'good'],
  ['formality', 'formal'],
  ['electrical', 'electr'],
  ['adoption', 'adopt'],
  ['replacement', 'replac'],
  ['adjustable', 'adjust'],
  ['dependent', 'depend'],
  ['communication', 'communic'],
  ['accompanying', 'accompani'],
  ['kiwis', 'kiwi'],
];

describe('stem (Porter2)', () => {
  it.each(SNOWBALL)('%s → %s', (word, expected) => {
    expect(stem(word)).toBe(expected);
  });

  it('brings inflections of one word together', () => {
    const forms = ['election', 'elections', 'elected', 'electing'];
    expect(new Set(forms.map(stem))).toEqual(new Set(['elect']));
    expect(stem('ministers')).toBe(stem('minister'));
    expect(stem('governments')).toBe(stem('government'));
  });

  it('keeps the exceptions and invariant words', () => {
    expect(stem('skies')).toBe('sky');
    expect(stem('dying')).toBe('die');
    expect(stem('news')).toBe('news');
    expect(stem('innings')).toBe('inning');
    expect(stem('exceeding')).toBe('exceed');
  });

  it('removes possessives', () => {
    expect(stem("ishiba's")).toBe('ishiba');
    expect(stem("minister's")).toBe(stem('minister'));
  });

  it('leaves short words, numbers and other scripts alone', () => {
    expect(stem('is')).toBe('is');
    expect(stem('2024')).toBe('2024');
    expect(stem('covid19')).toBe('covid19');
    expect(stem('привет')).toBe('привет');
  });

  it('is safe for words that name Object.prototype members', () => {
    expect(stem('constructor')).toBe('constructor');
    expect(stem('tostring')).toBe('tostr');
  });
});

describe('a stem begins with its word’s first two letters', () => {
  it('except for the listed words', () => {
    expect(Object.fromEntries(STEM_PREFIX_EXCEPTIONS)).toEqual({
      die: ['dying'],
      lie: ['lying'],
      tie: ['tying'],
    });
  });

  // Snippet highlighting relies on it to stem only the words that can match.
  // Reads the whole corpus: seconds alone, far more on a loaded machine.
  it.runIf(hasRealFeeds())(
    'for every plain word of the real-feeds corpus',
    { timeout: 120_000 },
    () => {
      const words = new Set<string>();
      const collect = (text: string) =>
        analyze(text, () => undefined, {
          plainWord: (source, start, end) => words.add(source.slice(start, end).toLowerCase()),
        });
      for (const feed of loadRealFeeds())
        for (const item of feed.items) {
          collect(item.title ?? '');
          collect(htmlToText(item.contentHtml ?? item.summary ?? ''));
        }
      const broken: string[] = [];
      for (const word of words) {
        if (word[1] === "'") continue;
        const term = normalizeWord(word);
        if (!term || term.slice(0, 2) === word.slice(0, 2)) continue;
        if (!STEM_PREFIX_EXCEPTIONS.get(term)?.includes(word)) broken.push(`${word} → ${term}`);
      }
      expect(words.size).toBeGreaterThan(30_000);
      expect(broken).toEqual([]);
    },
  );
});
