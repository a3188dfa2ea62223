import { useCallback, useEffect, useState } from 'react';
import type { UpdateStatus } from '@shared/desktop-model';
import type { ApiError } from '@shared/result';
import { getApi } from '../../../api/broadsheet-api';
import { errorText } from '../../../i18n/localized-error';
import type { Translator } from '../../../i18n/use-t';

/**
 * The updater's status as main has it: asked once (`updates.current`, which never checks), then
 * kept current by `updates.status`. Undefined until main answers; 'unsupported' in the browser
 * host and in a copy that was not installed, where nothing about updates is shown. `check` is
 * "Check now": its answer is the status too (an 'off' answer comes with no event).
 */
export function useUpdates() {
  const [status, setStatus] = useState<UpdateStatus>();
  const [error, setError] = useState<ApiError>();
  const [asking, setAsking] = useState(false);
  useEffect(() => {
    let live = true;
    const stop = getApi().on('updates.status', (next) => live && setStatus(next));
    void getApi()
      .invoke('updates.current', {})
      // An event that came first is newer than this answer.
      .then((result) => live && result.ok && setStatus((seen) => seen ?? result.value));
    return () => {
      live = false;
      stop();
    };
  }, []);
  const check = useCallback(async () => {
    setAsking(true);
    setError(undefined);
    const result = await getApi().invoke('updates.check', {});
    setAsking(false);
    if (result.ok) setStatus(result.value);
    else setError(result.error);
  }, []);
  return { status, check, asking, error };
}

export function updatesShown(status: UpdateStatus | undefined): status is UpdateStatus {
  return status !== undefined && status.state !== 'unsupported';
}

/** Restarts into the downloaded version; main quits, installs and starts it again. */
export async function restartToUpdate(): Promise<ApiError | undefined> {
  const result = await getApi().invoke('updates.install', {});
  return result.ok ? undefined : result.error;
}

/** A failed call to main in the reader's language (main's English where it sent no text). */
export function updateErrorText(error: ApiError, t: Translator): string {
  return error.text ? errorText(error, t) : error.message;
}

/**
 * The status in one sentence for Settings → Updates. An automatic check that failed arrives as
 * idle (main keeps those quiet); only a check the reader asked for shows its error.
 */
export function updateStatusText(status: UpdateStatus, t: Translator, now = Date.now()): string {
  switch (status.state) {
    case 'unsupported':
      return status.reason;
    case 'off':
      return t('settings.updates.off');
    case 'idle':
      return status.checkedAt === undefined
        ? t('settings.updates.idle')
        : t('settings.updates.idleChecked', { when: t.relative(status.checkedAt, now) });
    case 'checking':
      return t('settings.updates.checking');
    case 'none':
      return t('settings.updates.none', { when: t.relative(status.checkedAt, now) });
    case 'available':
      return t('settings.updates.available', { version: status.version });
    case 'downloading':
      return status.version
        ? t('settings.updates.downloading', {
            version: status.version,
            percent: t.number(status.percent),
          })
        : t('settings.updates.downloadingUnnamed', { percent: t.number(status.percent) });
    case 'ready':
      return t('settings.updates.ready', { version: status.version });
    case 'error':
      return t('settings.updates.error', { reason: status.message });
  }
}
