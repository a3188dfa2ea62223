import { useCallback, useEffect, useState } from 'react';
import type { UpdateStatus } from '@shared/desktop-model';
import { getApi } from '../../../api/broadsheet-api';
import { relativeTime } from '../../../lib/format';

/**
 * The updater's status as main has it: asked once (`updates.current`, which never checks), then
 * kept current by `updates.status`. Undefined until main answers; 'unsupported' in the browser
 * host and in a copy that was not installed, where nothing about updates is shown. `check` is
 * "Check now": its answer is the status too (an 'off' answer comes with no event).
 */
export function useUpdates() {
  const [status, setStatus] = useState<UpdateStatus>();
  const [error, setError] = useState<string>();
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
    else setError(result.error.message);
  }, []);
  return { status, check, asking, error };
}

export function updatesShown(status: UpdateStatus | undefined): status is UpdateStatus {
  return status !== undefined && status.state !== 'unsupported';
}

/** Restarts into the downloaded version; main quits, installs and starts it again. */
export async function restartToUpdate(): Promise<string | undefined> {
  const result = await getApi().invoke('updates.install', {});
  return result.ok ? undefined : result.error.message;
}

/**
 * The status in one sentence for Settings → Updates. An automatic check that failed arrives as
 * idle (main keeps those quiet); only a check the reader asked for shows its error.
 */
export function updateStatusText(status: UpdateStatus, now = Date.now()): string {
  switch (status.state) {
    case 'unsupported':
      return status.reason;
    case 'off':
      return 'Automatic checks are off: Broadsheet never contacts the update server.';
    case 'idle':
      return status.checkedAt === undefined
        ? 'Broadsheet looks for a new version a few minutes after it starts, then every 6 hours.'
        : `Up to date when last checked, ${relativeTime(status.checkedAt, now)}.`;
    case 'checking':
      return 'Checking for updates…';
    case 'none':
      return `Broadsheet is up to date (checked ${relativeTime(status.checkedAt, now)}).`;
    case 'available':
      return `Version ${status.version} is available; downloading it…`;
    case 'downloading':
      return `Downloading version ${status.version || 'update'}: ${status.percent} %.`;
    case 'ready':
      return `Version ${status.version} is ready. Restart Broadsheet to update, or it installs when you quit.`;
    case 'error':
      return `Broadsheet could not check for updates: ${status.message}`;
  }
}
