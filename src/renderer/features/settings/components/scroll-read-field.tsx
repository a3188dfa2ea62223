import { useT } from '../../../i18n/use-t';
import { useSetting } from '../hooks/use-settings';

/**
 * Settings → Reading: mark as read on scroll, beside "Mark articles as read" (the same
 * `readState` setting; the article list does the marking).
 */
export function ScrollReadField() {
  const t = useT();
  const [readState, save] = useSetting('readState');
  return (
    <label className="settings-check">
      <input
        type="checkbox"
        checked={readState?.onScroll === true}
        onChange={(e) => save({ onScroll: e.target.checked })}
      />
      {t('settings.reading.onScroll')}
    </label>
  );
}
