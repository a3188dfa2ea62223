import { describe, expect, it } from 'vitest';
import { planQuery, type TermDictionary } from '@search-engine/core/plan';
import { parseQuery } from '@search-engine/core/query-parser';

/** A dictionary that knows `dfs` once `loaded`, and counts what it is asked. */
function dictionary(dfs: Record<string, number>, loaded: boolean) {
  const asked: string[] = [];
  const dict: TermDictionary = {
    df: (term) => {
      asked.push(term);
      return loaded ? (dfs[term] ?? 0) : 0;
    },
    known: () => loaded,
    withPrefix: () => [],
  };
  return { dict, asked };
}

describe('typo candidates', () => {
  it('are not looked up while the typed word’s own df is unknown', () => {
    const { dict, asked } = dictionary({ started: 900 }, false);
    const plan = planQuery(parseQuery('started', { prefixLast: false }), dict);
    expect(asked).toEqual([]);
    expect(plan.clauses[0]!.alternatives[0]!.slots[0]!.terms).toEqual([
      { term: 'start', weight: 1 },
    ]);
  });

  it('are looked up once it is known to be missing, and the known ones kept', () => {
    const { dict, asked } = dictionary({ elect: 400 }, true);
    const plan = planQuery(parseQuery('elekt', { prefixLast: false }), dict);
    expect(asked.length).toBeGreaterThan(100);
    expect(plan.clauses[0]!.alternatives[0]!.slots[0]!.terms.map((t) => t.term)).toEqual([
      'elekt',
      'elect',
    ]);
    expect(plan.notes.join(' ')).toContain('"elect"');
  });

  it('are not looked up for a word the index has', () => {
    const { dict, asked } = dictionary({ start: 900 }, true);
    planQuery(parseQuery('started', { prefixLast: false }), dict);
    expect(asked).toEqual(['start']);
  });

  it('are never looked up with typos off (a rule matches what it says, whatever is stored)', () => {
    const { dict, asked } = dictionary({ elect: 400 }, true);
    const plan = planQuery(parseQuery('elekt', { prefixLast: false }), dict, { typos: false });
    expect(asked).toEqual([]);
    expect(plan.clauses[0]!.alternatives[0]!.slots[0]!.terms).toEqual([
      { term: 'elekt', weight: 1 },
    ]);
    expect(plan.notes).toEqual([]);
  });
});
