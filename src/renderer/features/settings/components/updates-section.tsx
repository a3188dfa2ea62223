import { useId, useState } from 'react';
import type { ApiError } from '@shared/result';
import { useT } from '../../../i18n/use-t';
import {
  restartToUpdate,
  updateErrorText,
  updatesShown,
  updateStatusText,
  useUpdates,
} from '../hooks/use-updates';
import { useSetting } from '../hooks/use-settings';

/**
 * Settings → Updates, only in an installed desktop app (main answers 'unsupported' elsewhere).
 * The switch is the `desktop` setting's `updates`, handed to main with the other desktop
 * choices; off means no request to the update server at all, Check now included.
 */
export function UpdatesSection() {
  const t = useT();
  const id = useId();
  const { status, check, asking, error } = useUpdates();
  const [desktop, saveDesktop] = useSetting('desktop');
  const [installError, setInstallError] = useState<ApiError>();
  if (!updatesShown(status)) return null;
  const on = (desktop?.updates ?? 'auto') === 'auto';
  const busy =
    asking ||
    status.state === 'checking' ||
    status.state === 'available' ||
    status.state === 'downloading';
  const failed = error ?? installError;
  return (
    <section aria-labelledby={`${id}-updates`}>
      <h3 id={`${id}-updates`}>{t('settings.updates.heading')}</h3>
      <div className="settings-check">
        <input
          id={`${id}-automatic`}
          type="checkbox"
          role="switch"
          checked={on}
          onChange={(e) => saveDesktop({ updates: e.target.checked ? 'auto' : 'off' })}
        />
        <label htmlFor={`${id}-automatic`}>{t('settings.updates.automatic')}</label>
      </div>
      <p role="status" className={status.state === 'error' ? 'form-error' : 'form-status'}>
        {updateStatusText(status, t)}
      </p>
      {failed && <p className="form-error">{updateErrorText(failed, t)}</p>}
      <div className="dialog-actions dialog-actions-start">
        {status.state === 'ready' ? (
          <button
            type="button"
            className="button button-primary"
            onClick={() => void restartToUpdate().then(setInstallError)}
          >
            {t('settings.updates.restart')}
          </button>
        ) : (
          <button
            type="button"
            className="button"
            disabled={!on || busy}
            onClick={() => void check()}
          >
            {t('settings.updates.checkNow')}
          </button>
        )}
      </div>
    </section>
  );
}
