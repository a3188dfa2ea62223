import { useLibraryMaintenance } from '../hooks/use-settings';

export function StorageErrorBanner() {
  const error = useLibraryMaintenance();
  if (!error) return null;
  return (
    <div className="error-banner" role="alert">
      {error}
    </div>
  );
}
