import type { SearchResultRow } from './use-search';

/**
 * What to look for in an article opened from a search result: the words the index matched in
 * its title and snippet as they are written there ("elections" for the query "election", which
 * stemming matched) and the query's phrases; only without such matches the query's own words,
 * without the search language's operators.
 */
export function matchedWords(row: SearchResultRow | undefined, query: string): string[] {
  const words = new Set<string>();
  for (const segment of [...(row?.title ?? []), ...(row?.snippet ?? [])])
    if (segment.match && segment.text.trim()) words.add(segment.text.trim());
  // The index's own matches say which words count: a query's "the" would otherwise win, being
  // the earliest. Without them (a result without snippet), the query's words are all there is.
  const matched = words.size > 0;
  for (const [, phrase, word] of query.matchAll(/"([^"]+)"|(\S+)/g)) {
    if (phrase) words.add(phrase.trim());
    else if (!matched && word && !/^-/.test(word) && !/^(AND|OR|NOT)$/.test(word)) {
      // A field or filter ("title:budget") looks for its value; a prefix star is not text.
      const value = word.slice(word.indexOf(':') + 1).replace(/[*()]/g, '');
      if (value) words.add(value);
    }
  }
  return [...words];
}
