import { useState } from 'react';
import type { ApiError } from '@shared/result';
import { useT } from '../../../i18n/use-t';
import { restartToUpdate, updateErrorText, useUpdates } from '../hooks/use-updates';
import './settings.css';

/**
 * A quiet strip once a new version is downloaded: the reader restarts when it suits them ("Later"
 * hides it until the next start; quitting installs it anyway). Nothing else about updates
 * interrupts reading.
 */
export function UpdateReadyBanner() {
  const t = useT();
  const { status } = useUpdates();
  const [later, setLater] = useState<string>();
  const [error, setError] = useState<ApiError>();
  if (status?.state !== 'ready' || later === status.version) return null;
  return (
    <div className="banner" role="status">
      {t('settings.updates.bannerReady', { version: status.version })}
      <button
        type="button"
        className="button button-small banner-action"
        onClick={() => void restartToUpdate().then(setError)}
      >
        {t('settings.updates.bannerRestart')}
      </button>
      <button
        type="button"
        className="button button-small banner-action"
        onClick={() => setLater(status.version)}
      >
        {t('settings.updates.bannerLater')}
      </button>
      {error && <span className="form-error banner-action">{updateErrorText(error, t)}</span>}
    </div>
  );
}
