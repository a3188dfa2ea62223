import type { SearchResultRow } from './use-search';

/**
 * What to look for in an article opened from a search result: the words the index matched in
 * its title and snippet as they are written there ("elections" for the query "election", which
 * stemming matched), then the query's own words and phrases, without the search language's
 * operators.
 */
export function matchedWords(row: SearchResultRow | undefined, query: string): string[] {
  const words = new Set<string>();
  for (const segment of [...(row?.title ?? []), ...(row?.snippet ?? [])])
    if (segment.match && segment.text.trim()) words.add(segment.text.trim());
  for (const [, phrase, word] of query.matchAll(/"([^"]+)"|(\S+)/g)) {
    if (phrase) words.add(phrase.trim());
    else if (word && !/^-/.test(word) && !/^(AND|OR|NOT)$/.test(word)) {
      // A field or filter ("title:budget") looks for its value; a prefix star is not text.
      const value = word.slice(word.indexOf(':') + 1).replace(/[*()]/g, '');
      if (value) words.add(value);
    }
  }
  return [...words];
}
