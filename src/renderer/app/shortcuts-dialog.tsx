import { forwardRef } from 'react';
import { useT } from '../i18n/use-t';
import { SHORTCUTS } from './shortcuts';

export const ShortcutsDialog = forwardRef<HTMLDialogElement>(function ShortcutsDialog(_props, ref) {
  const t = useT();
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="shortcuts-title">
      <h2 id="shortcuts-title">{t('shortcuts.dialog.title')}</h2>
      <table className="shortcuts-table">
        <tbody>
          {SHORTCUTS.map(([keys, action]) => (
            <tr key={keys}>
              <th scope="row">
                <kbd>{t(keys)}</kbd>
              </th>
              <td>{t(action)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog" className="dialog-actions">
        <button type="submit" className="button button-primary">
          {t('shortcuts.dialog.close')}
        </button>
      </form>
    </dialog>
  );
});
