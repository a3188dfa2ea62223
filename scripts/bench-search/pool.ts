/** The sentence pool of the benchmark corpus, read from the real-feeds corpus (Node only). */
import { bodyText } from '@search-engine/core/document';
import { STOPWORDS } from '@search-engine/core/stopwords';
import { loadRealFeeds } from '../../tests/unit/search-engine/core/real-feeds-corpus';
import { RARE_MARK, type SentencePool } from './corpus';

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const LATIN_WORD = /^[\p{Script=Latin}\d'’.,;:!?()"“”-]+$/u;
/** A word seen this often or less in the pool is "rare": replaced per use (see corpus.ts). */
const RARE_AT_MOST = 2;

const bare = (piece: string) => piece.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

export function buildPool(): SentencePool {
  const feeds = loadRealFeeds();
  const sentences = new Set<string>();
  const cjk = new Set<string>();
  const titles = new Set<string>();
  const authors = new Set<string>();
  for (const feed of feeds) {
    for (const item of feed.items) {
      item.authors.forEach((author) => author.length < 60 && authors.add(author));
      const text = bodyText(item);
      for (const part of text.split(/(?<=[.!?])\s+|(?<=[。！？])/)) {
        const sentence = part.replace(/\s+/g, ' ').trim();
        if (sentence.length < 25 || sentence.length > 600) continue;
        if (CJK.test(sentence)) cjk.add(sentence);
        else if (sentence.split(' ').every((piece) => LATIN_WORD.test(piece)))
          sentences.add(sentence);
      }
      const title = item.title.replace(/\s+/g, ' ').trim();
      if (title && !CJK.test(title) && title.split(' ').length >= 4) titles.add(title);
    }
  }
  const counts = new Map<string, number>();
  for (const sentence of [...sentences, ...titles])
    for (const piece of sentence.split(' ')) {
      const word = bare(piece);
      if (word) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  const mark = (sentence: string) =>
    sentence
      .split(' ')
      .map((piece) => ((counts.get(bare(piece)) ?? 0) <= RARE_AT_MOST ? RARE_MARK : piece))
      .join(' ');
  const frequentWords = [...counts]
    .filter(([word]) => /^[a-z]{4,}$/.test(word) && !STOPWORDS.has(word))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 600)
    .map(([word]) => word);
  return {
    latin: [...sentences].map(mark),
    cjk: [...cjk],
    titles: [...titles].map(mark),
    authors: [...authors].sort(),
    frequentWords,
  };
}
