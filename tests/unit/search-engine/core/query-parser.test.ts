import { describe, expect, it } from 'vitest';
import { parseDay, parseQuery } from '@search-engine/core/query-parser';

const words = (query: string) =>
  parseQuery(query).clauses.map((clause) => clause.alternatives.map((atom) => atom.text));

describe('parseQuery', () => {
  it('ANDs words and makes the last one a prefix while typing', () => {
    const parsed = parseQuery('climate chan');
    expect(words('climate chan')).toEqual([['climate'], ['chan']]);
    expect(parsed.clauses[0]!.alternatives[0]).toEqual({
      kind: 'word',
      text: 'climate',
      prefix: false,
    });
    expect(parsed.clauses[1]!.alternatives[0]).toEqual({
      kind: 'word',
      text: 'chan',
      prefix: true,
    });
    expect(parsed.notes).toEqual([]);
  });

  it('stops treating the last word as a prefix after a space, or when asked', () => {
    expect(parseQuery('climate ').clauses[0]!.alternatives[0]).toMatchObject({ prefix: false });
    expect(parseQuery('climate', { prefixLast: false }).clauses[0]!.alternatives[0]).toMatchObject({
      prefix: false,
    });
  });

  it('groups OR alternatives into one clause', () => {
    expect(words('ishiba OR kishida remorse')).toEqual([['ishiba', 'kishida'], ['remorse']]);
    expect(words('a OR b OR c')).toEqual([['a', 'b', 'c']]);
    expect(words('a | b')).toEqual([['a', 'b']]);
    // Lowercase "or" is a word.
    expect(words('war or peace')).toEqual([['war'], ['or'], ['peace']]);
  });

  it('reads phrases and exclusions', () => {
    const parsed = parseQuery('"prime minister" -resign -"snap election" apology');
    expect(parsed.clauses.map((clause) => clause.alternatives[0])).toEqual([
      { kind: 'phrase', text: 'prime minister' },
      { kind: 'word', text: 'apology', prefix: true },
    ]);
    expect(parsed.excludes).toEqual([
      { kind: 'word', text: 'resign', prefix: false },
      { kind: 'phrase', text: 'snap election' },
    ]);
  });

  it('reads every filter', () => {
    const { filters, notes } = parseQuery(
      'feed:guardian author:"Justin McCurry" tag:japan is:bookmarked is:unread lang:EN before:2024-06-01 after:2024-05 budget',
    );
    expect(notes).toEqual([]);
    expect(filters).toEqual({
      feeds: ['guardian'],
      authors: ['Justin McCurry'],
      tags: ['japan'],
      langs: ['en'],
      bookmarked: true,
      unread: true,
      before: new Date(2024, 5, 1).getTime(),
      after: new Date(2024, 4, 1).getTime(),
    });
    expect(words('feed:guardian author:"Justin McCurry" budget')).toEqual([['budget']]);
  });

  it('reads is:read and negated is: filters', () => {
    expect(parseQuery('is:read').filters.unread).toBe(false);
    expect(parseQuery('-is:bookmarked').filters.bookmarked).toBe(false);
  });

  it('searches the words of a lone quote and says so', () => {
    const parsed = parseQuery('"prime minister');
    expect(words('"prime minister')).toEqual([['prime'], ['minister']]);
    expect(parsed.notes).toEqual([
      'Ignored a quote with no closing quote; searched for the words instead.',
    ]);
  });

  it('ignores a date it cannot read, and says what dates look like', () => {
    const parsed = parseQuery('before:tomorrowish budget');
    expect(parsed.filters.before).toBeUndefined();
    expect(words('before:tomorrowish budget')).toEqual([['budget']]);
    expect(parsed.notes).toEqual(['Ignored before:tomorrowish: dates look like 2024-05-31.']);
    expect(parseQuery('after:2024-02-30').notes).toHaveLength(1);
  });

  it('searches an unknown field as words and says so', () => {
    const parsed = parseQuery('foo:bar baz');
    expect(words('foo:bar baz')).toEqual([['foo:bar'], ['baz']]);
    expect(parsed.notes).toEqual(['"foo:" is not a filter; searched for foo:bar as words.']);
  });

  it('leaves times, URLs and empty filters sensible', () => {
    expect(parseQuery('meeting 10:30').notes).toEqual([]);
    expect(parseQuery('https://example.com/a').notes).toEqual([]);
    expect(parseQuery('feed: budget').notes).toEqual(['Ignored feed: with nothing after it.']);
    expect(parseQuery('is:starred').filters.bookmarked).toBe(true);
    expect(parseQuery('is:whatever').notes).toEqual([
      'Ignored is:whatever: use is:bookmarked, is:unread or is:read.',
    ]);
  });

  it('ignores stray ORs and dashes', () => {
    expect(parseQuery('OR budget').notes).toEqual(['Ignored an OR with nothing before it.']);
    expect(parseQuery('budget OR').notes).toEqual(['Ignored an OR with nothing after it.']);
    expect(words('budget - cuts')).toEqual([['budget'], ['cuts']]);
    expect(parseQuery('budget OR -cuts').notes).toEqual(['Ignored an OR next to an exclusion.']);
  });

  it('notes a date range that cannot match', () => {
    expect(parseQuery('after:2024-06-01 before:2024-01-01').notes).toEqual([
      'No day is both after and before those dates.',
    ]);
  });

  it('never throws on odd input', () => {
    for (const input of [
      '',
      '   ',
      '"',
      '""',
      '-',
      '--x',
      'OR',
      ':',
      'a:',
      '-"',
      '"a" "b',
      '\u0000',
    ])
      expect(() => parseQuery(input)).not.toThrow();
  });
});

describe('parseDay', () => {
  it('reads days, months and years as local midnight', () => {
    expect(parseDay('2024-05-31')).toBe(new Date(2024, 4, 31).getTime());
    expect(parseDay('2024/5/3')).toBe(new Date(2024, 4, 3).getTime());
    expect(parseDay('2024-05')).toBe(new Date(2024, 4, 1).getTime());
    expect(parseDay('2024')).toBe(new Date(2024, 0, 1).getTime());
  });

  it('refuses impossible dates', () => {
    expect(parseDay('2024-13-01')).toBeUndefined();
    expect(parseDay('2023-02-29')).toBeUndefined();
    expect(parseDay('tomorrow')).toBeUndefined();
  });
});
