/** Every keyboard shortcut, as the help dialog lists them. */
export const SHORTCUTS: [keys: string, action: string][] = [
  ['j / k', 'Next / previous article'],
  ['Space', 'Page down, then the next unread article'],
  ['o or Enter', 'Open the selected article'],
  ['v', 'Open the original in your browser'],
  ['s or b', 'Bookmark or unbookmark'],
  ['m', 'Mark read or unread'],
  ['h', 'Highlight the selected text'],
  ['Shift+A', 'Mark all read in this view'],
  ['l', 'Listen to the article; again to pause or resume'],
  ['Ctrl+F or ⌘F', 'Find in the article (Enter: next, Shift+Enter: previous, Escape: close)'],
  ['r', 'Refresh feeds'],
  ['/', 'Search'],
  ['g then a / u / b / s', 'Go to All, Unread, Bookmarks, Saved'],
  ['Escape or Alt+←', 'Back, when the window shows one pane at a time'],
  ['?', 'Show these shortcuts'],
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
