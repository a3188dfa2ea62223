import { exportOpml } from '../hooks/use-opml';

export function ExportOpmlButton() {
  return (
    <button type="button" className="button button-small" onClick={() => void exportOpml()}>
      Export OPML
    </button>
  );
}
