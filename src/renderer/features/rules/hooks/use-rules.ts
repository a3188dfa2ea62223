import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Rule, RuleAction } from '../../../db/entities';
import {
  addRule,
  applyRuleToExisting,
  deleteRule,
  listRules,
  type RuleDuration,
} from '../../../db/rules-repository';
import type { MessageId } from '../../../i18n/catalogue';
import { translate } from '../../../i18n/current-locale';
import { errorText } from '../../../i18n/localized-error';
import { notificationProblem } from '../../../pipeline/article-notices';
import { searchClient } from '../../../pipeline/search-connection';
import { startRulesUpkeep } from '../../../pipeline/rules-upkeep';

export type { Rule, RuleAction, RuleDuration };

/** The actions a rule can take, in the order "Action" offers them, with their names' ids. */
export const RULE_ACTIONS: [RuleAction, MessageId][] = [
  ['hide', 'rules.action.hide'],
  ['read', 'rules.action.read'],
  ['bookmark', 'rules.action.bookmark'],
  ['tag', 'rules.action.tag'],
  ['notify', 'rules.action.notify'],
];

/** Asked before a "Notify" rule is saved (the reader's click: browsers ask only then). */
export { notificationProblem };

/** How long a rule lasts ("For"): a mute that ends by itself, or for good. */
export const RULE_DURATIONS: [RuleDuration, MessageId][] = [
  ['always', 'rules.duration.always'],
  ['day', 'rules.duration.day'],
  ['week', 'rules.duration.week'],
  ['month', 'rules.duration.month'],
];

/** The reader's rules, oldest first, kept current as they are added, deleted or expire. */
export function useRules(): Rule[] | undefined {
  return useLiveQuery(() => listRules(), []);
}

/** What a rule's id stands for (the Hidden view names the rule that hid each article). */
export function useRulesById(): Map<string, Rule> {
  const rules = useRules();
  return useMemo(() => new Map((rules ?? []).map((rule) => [rule.id, rule])), [rules]);
}

export interface NewRule {
  query: string;
  action: RuleAction;
  tag?: string;
  duration: RuleDuration;
}

/** Saves a rule; the repository checks it and says in the reader's words what is wrong. */
export async function saveRule(rule: NewRule): Promise<{ ok: true } | { error: string }> {
  try {
    await addRule(
      {
        query: rule.query,
        action: rule.action,
        tag: rule.action === 'tag' ? rule.tag : undefined,
        for: rule.duration,
      },
      Date.now(),
    );
    return { ok: true };
  } catch (failure) {
    return { error: errorText(failure, translate) };
  }
}

/** Deleting a rule brings back what it hid; resolves to how many articles came back. */
export function removeRule(id: string): Promise<number> {
  return deleteRule(id);
}

/** Ids the worker can hand over at once; a rule matching more is applied by reading everything. */
const MAX_CANDIDATES = 100_000;

/**
 * Which stored articles to check: the search index's exact matches for the rule's query, so
 * applying a rule reads those rows instead of the whole library (the matcher still decides on
 * each). When the index cannot vouch for every stored article (its start-up check not done, a
 * rebuild or repair under way, a worker that failed, more matches than it lists) every article
 * is read instead.
 */
async function candidatesFor(query: string): Promise<string[] | undefined> {
  try {
    const client = searchClient();
    const status = await client.status();
    if (!status.checked || status.busy === 'rebuild' || status.busy === 'repair') return undefined;
    const { total, ids } = await client.preview(query, MAX_CANDIDATES);
    return ids.length >= total ? ids : undefined;
  } catch {
    return undefined;
  }
}

export type ApplyState =
  | { kind: 'idle' }
  | { kind: 'working' }
  | { kind: 'done'; changed: number }
  | { kind: 'failed'; message: string };

/** "Apply to existing articles" for one rule: what it changed, for the row's result line. */
export function useApplyRule({ id, query }: Pick<Rule, 'id' | 'query'>): [ApplyState, () => void] {
  const [state, setState] = useState<ApplyState>({ kind: 'idle' });
  const apply = useCallback(() => {
    setState({ kind: 'working' });
    candidatesFor(query)
      .then((candidates) => applyRuleToExisting(id, Date.now(), undefined, { candidates }))
      .then(
        (changed) => setState({ kind: 'done', changed }),
        (failure: unknown) =>
          setState({
            kind: 'failed',
            message: errorText(failure, translate),
          }),
      );
  }, [id, query]);
  return [state, apply];
}

/**
 * Mutes end by themselves: while the app is open, expired rules are deleted and what they hid
 * comes back (pipeline/rules-upkeep.ts keeps the timers).
 */
export function useRulesUpkeep(): void {
  useEffect(() => startRulesUpkeep(), []);
}
