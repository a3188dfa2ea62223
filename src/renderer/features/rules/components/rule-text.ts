import { relativeTime } from '../../../lib/format';
import { RULE_ACTIONS, type ApplyState, type Rule } from '../hooks/use-rules';

/** What a rule does, in words: "Hide", "Add tag “ai”". */
export function actionText(rule: Pick<Rule, 'action' | 'tag'>): string {
  const label = RULE_ACTIONS.find(([action]) => action === rule.action)?.[1] ?? rule.action;
  return rule.action === 'tag' && rule.tag ? `${label} “${rule.tag}”` : label;
}

/** How long it lasts: "Always", or when the mute ends. */
export function expiryText(rule: Pick<Rule, 'until'>, now = Date.now()): string {
  if (rule.until === undefined) return 'Always';
  return rule.until > now ? `Ends ${relativeTime(rule.until, now)}` : 'Ending now';
}

/** The result line of "Apply to existing articles". */
export function appliedText(rule: Pick<Rule, 'action' | 'tag'>, state: ApplyState): string {
  if (state.kind === 'working') return 'Applying to stored articles…';
  if (state.kind === 'failed') return `Could not apply the rule: ${state.message}`;
  if (state.kind !== 'done') return '';
  const n = state.changed;
  if (n === 0) return 'No stored article needed changing.';
  const articles = `${n.toLocaleString()} ${n === 1 ? 'article' : 'articles'}`;
  switch (rule.action) {
    case 'hide':
      return `${articles} hidden.`;
    case 'read':
      return `${articles} marked as read.`;
    case 'bookmark':
      return `${articles} bookmarked.`;
    case 'tag':
      return `${articles} tagged “${rule.tag ?? ''}”.`;
  }
}
