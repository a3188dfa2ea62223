import { relativeTime } from '../../../lib/format';
import { RULE_ACTIONS, type ApplyState, type Rule } from '../hooks/use-rules';

/** What a rule does, in words: "Hide", "Add tag “ai”". */
export function actionText(rule: Pick<Rule, 'action' | 'tag'>): string {
  const label = RULE_ACTIONS.find(([action]) => action === rule.action)?.[1] ?? rule.action;
  return rule.action === 'tag' && rule.tag ? `${label} “${rule.tag}”` : label;
}

const SOON_MS = 2 * 86_400_000;
const endDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * How long it lasts: "Always", or when the mute ends — in hours while that is soon, else the
 * date ("next week" would be vague about a mute of exactly a week).
 */
export function expiryText(rule: Pick<Rule, 'until'>, now = Date.now()): string {
  if (rule.until === undefined) return 'Always';
  if (rule.until <= now) return 'Ending now';
  if (rule.until - now < SOON_MS) return `Ends ${relativeTime(rule.until, now)}`;
  return `Ends ${endDate.format(rule.until)}`;
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
    case 'notify':
      // Not offered for notify rules (news is what arrives), so nothing to report.
      return '';
  }
}
