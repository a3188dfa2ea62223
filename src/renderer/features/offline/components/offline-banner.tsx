import { useOfflineWorker } from '../hooks/use-offline';

/** Says plainly when there is no network, and keeps the offline queue moving when there is. */
export function OfflineBanner({ online }: { online: boolean }) {
  useOfflineWorker();
  if (online) return null;
  return (
    <div className="banner" role="status">
      You’re offline. Everything saved in your library is still here; refreshing feeds and fetching
      pages will resume when the network returns.
    </div>
  );
}
