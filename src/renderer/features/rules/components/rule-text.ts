import type { Translator } from '../../../i18n/use-t';
import { RULE_ACTIONS, type ApplyState, type Rule } from '../hooks/use-rules';

/** What a rule does, in words: "Hide", "Add tag “ai”". */
export function actionText(rule: Pick<Rule, 'action' | 'tag'>, t: Translator): string {
  if (rule.action === 'tag' && rule.tag) return t('rules.text.addTag', { tag: rule.tag });
  const label = RULE_ACTIONS.find(([action]) => action === rule.action)?.[1];
  return label ? t(label) : rule.action;
}

const SOON_MS = 2 * 86_400_000;

/**
 * How long it lasts: "Always", or when the mute ends — in hours while that is soon, else the
 * date and time in the interface's language ("next week" would be vague about a mute of exactly
 * a week).
 */
export function expiryText(rule: Pick<Rule, 'until'>, t: Translator, now = Date.now()): string {
  if (rule.until === undefined) return t('rules.expiry.always');
  if (rule.until <= now) return t('rules.expiry.endingNow');
  if (rule.until - now < SOON_MS)
    return t('rules.expiry.endsSoon', { when: t.relative(rule.until, now) });
  return t('rules.expiry.endsOn', { date: t.dateTime(rule.until) });
}

/** The result line of "Apply to existing articles". */
export function appliedText(
  rule: Pick<Rule, 'action' | 'tag'>,
  state: ApplyState,
  t: Translator,
): string {
  if (state.kind === 'working') return t('rules.applied.working');
  if (state.kind === 'failed') return t('rules.applied.failed', { reason: state.message });
  if (state.kind !== 'done') return '';
  const count = state.changed;
  if (count === 0) return t('rules.applied.none');
  switch (rule.action) {
    case 'hide':
      return t('rules.applied.hidden', { count });
    case 'read':
      return t('rules.applied.read', { count });
    case 'bookmark':
      return t('rules.applied.bookmarked', { count });
    case 'tag':
      return t('rules.applied.tagged', { count, tag: rule.tag ?? '' });
    case 'notify':
      // Not offered for notify rules (news is what arrives), so nothing to report.
      return '';
  }
}
