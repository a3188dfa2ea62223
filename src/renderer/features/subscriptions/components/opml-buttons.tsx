import { useT } from '../../../i18n/use-t';
import { exportOpml } from '../hooks/use-opml';

export function ExportOpmlButton() {
  const t = useT();
  return (
    <button type="button" className="button button-small" onClick={() => void exportOpml()}>
      {t('subscriptions.opml.export')}
    </button>
  );
}
