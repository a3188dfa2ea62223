import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQuery, type ParsedQuery, type QueryAtom } from '@search-engine/core/query-parser';
import { queryText } from '../../../fixtures/query-text';
import { fuzz, fuzzTimeoutMs } from '../../fuzz';

const TARGET = 'search-engine/core/query-parser';

/** Every way a parse breaks its own type's promises; empty when it keeps them. */
function shapeProblems(parsed: ParsedQuery): string[] {
  const problems: string[] = [];
  const atom = (a: QueryAtom) => {
    if (!a.text) problems.push(`empty ${a.kind}`);
    if (a.kind === 'phrase' && a.text !== a.text.trim()) problems.push('untrimmed phrase');
    if (a.kind === 'word' && /\s/.test(a.text)) problems.push(`word with a space: ${a.text}`);
  };
  for (const clause of parsed.clauses) {
    if (!clause.alternatives.length) problems.push('clause with no alternative');
    clause.alternatives.forEach(atom);
  }
  parsed.excludes.forEach(atom);
  const { filters } = parsed;
  for (const list of [filters.feeds, filters.authors, filters.tags, filters.langs])
    for (const value of list)
      if (!value || value !== value.trim()) problems.push('bad filter value');
  for (const day of [filters.before, filters.after])
    if (day !== undefined && !Number.isFinite(day)) problems.push(`bad day ${day}`);
  const prefixes = parsed.clauses
    .flatMap((c) => c.alternatives)
    .filter((a) => a.kind === 'word' && a.prefix);
  if (prefixes.length > 1) problems.push('more than one prefix word');
  return problems;
}

describe('parseQuery under fuzzing', () => {
  it('never throws and keeps its shape', { timeout: fuzzTimeoutMs() }, async () => {
    await fuzz(
      TARGET,
      'never throws; a well-formed parse',
      fc.property(queryText, fc.boolean(), (query, prefixLast) => {
        expect(shapeProblems(parseQuery(query, { prefixLast }))).toEqual([]);
      }),
    );
  });

  it('is deterministic', { timeout: fuzzTimeoutMs() }, async () => {
    await fuzz(
      TARGET,
      'the same text parses the same',
      fc.property(queryText, (query) => {
        expect(parseQuery(query)).toEqual(parseQuery(query));
      }),
    );
  });

  it('only the last word depends on prefixLast', { timeout: fuzzTimeoutMs() }, async () => {
    await fuzz(
      TARGET,
      'prefixLast changes only the last word prefix flag',
      fc.property(queryText, (query) => {
        const typing = parseQuery(query, { prefixLast: true });
        const done = parseQuery(query, { prefixLast: false });
        for (const clause of typing.clauses)
          for (const a of clause.alternatives) if (a.kind === 'word') a.prefix = false;
        expect(typing).toEqual(done);
      }),
    );
  });

  it('surrounding whitespace changes nothing', { timeout: fuzzTimeoutMs() }, async () => {
    await fuzz(
      TARGET,
      'leading and trailing whitespace changes nothing (prefixLast off)',
      fc.property(queryText, fc.constantFrom(' ', '\t', '\n  '), (query, pad) => {
        expect(parseQuery(`${pad}${query}${pad}`, { prefixLast: false })).toEqual(
          parseQuery(query, { prefixLast: false }),
        );
      }),
    );
  });
});
