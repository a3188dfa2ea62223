import { useT } from '../../../i18n/use-t';
import { useOfflineWorker } from '../hooks/use-offline';

/** Says plainly when there is no network, and keeps the offline queue moving when there is. */
export function OfflineBanner({ online }: { online: boolean }) {
  const t = useT();
  useOfflineWorker();
  if (online) return null;
  return (
    <div className="banner" role="status">
      {t('offline.banner.text')}
    </div>
  );
}
