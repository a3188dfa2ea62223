import { useLibraryMaintenance } from '../hooks/use-settings';
import './settings.css';

export function StorageErrorBanner() {
  const error = useLibraryMaintenance();
  if (!error) return null;
  return (
    <div className="banner error-banner" role="alert">
      {error}
    </div>
  );
}
