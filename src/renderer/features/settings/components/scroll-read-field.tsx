import { useSetting } from '../hooks/use-settings';

/**
 * Settings → Reading: mark as read on scroll, beside "Mark articles as read" (the same
 * `readState` setting; the article list does the marking).
 */
export function ScrollReadField() {
  const [readState, save] = useSetting('readState');
  return (
    <label className="settings-check">
      <input
        type="checkbox"
        checked={readState?.onScroll === true}
        onChange={(e) => save({ onScroll: e.target.checked })}
      />
      Also mark articles as read when I scroll past them in the list
    </label>
  );
}
