import type { MessageId } from '../i18n/catalogue';

/**
 * Every keyboard shortcut, as the help dialog lists them: the keys (a message too, for the
 * words between them, "or", "then", "Space") and what they do.
 */
export const SHORTCUTS: [keys: MessageId, action: MessageId][] = [
  ['shortcuts.next.keys', 'shortcuts.next.action'],
  ['shortcuts.space.keys', 'shortcuts.space.action'],
  ['shortcuts.open.keys', 'shortcuts.open.action'],
  ['shortcuts.original.keys', 'shortcuts.original.action'],
  ['shortcuts.bookmark.keys', 'shortcuts.bookmark.action'],
  ['shortcuts.read.keys', 'shortcuts.read.action'],
  ['shortcuts.highlight.keys', 'shortcuts.highlight.action'],
  ['shortcuts.allRead.keys', 'shortcuts.allRead.action'],
  ['shortcuts.listen.keys', 'shortcuts.listen.action'],
  ['shortcuts.find.keys', 'shortcuts.find.action'],
  ['shortcuts.refresh.keys', 'shortcuts.refresh.action'],
  ['shortcuts.search.keys', 'shortcuts.search.action'],
  ['shortcuts.goTo.keys', 'shortcuts.goTo.action'],
  ['shortcuts.back.keys', 'shortcuts.back.action'],
  ['shortcuts.help.keys', 'shortcuts.help.action'],
];

/** Typing in a field, or working in a dialog, never triggers a shortcut. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target.closest('dialog[open]')) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color'].includes(
    type,
  );
}

/**
 * Whether a key belongs to the focused control rather than to the shortcuts: Enter activates
 * any button or link but an article row (which opens on Enter either way); Space stays "page
 * down" on ordinary buttons, as a click leaves focus on them, except in menus.
 */
export function isControl(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (key === 'Enter') {
    return (
      !target.closest('.article-row') &&
      target.closest('button, a[href], select, summary, [role="menuitem"]') !== null
    );
  }
  if (key === ' ') return target.closest('[role="menuitem"], [aria-haspopup]') !== null;
  return false;
}
