import { useState } from 'react';
import { restartToUpdate, useUpdates } from '../hooks/use-updates';

/**
 * A quiet strip once a new version is downloaded: the reader restarts when it suits them ("Later"
 * hides it until the next start; quitting installs it anyway). Nothing else about updates
 * interrupts reading.
 */
export function UpdateReadyBanner() {
  const { status } = useUpdates();
  const [later, setLater] = useState<string>();
  const [error, setError] = useState<string>();
  if (status?.state !== 'ready' || later === status.version) return null;
  return (
    <div className="banner" role="status">
      Version {status.version} is ready.{' '}
      <button
        type="button"
        className="button button-small"
        onClick={() => void restartToUpdate().then(setError)}
      >
        Restart to update
      </button>{' '}
      <button
        type="button"
        className="button button-small"
        onClick={() => setLater(status.version)}
      >
        Later
      </button>
      {error && <span className="form-error"> {error}</span>}
    </div>
  );
}
