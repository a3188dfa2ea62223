import { useT } from '../../../i18n/use-t';
import { useHasHighlights as useHighlightsExist } from '../hooks/use-all-highlights';

/** The sidebar's "Highlights" entry, shown once a highlight exists. */
export function HighlightsNavButton({
  current,
  onSelect,
}: {
  current: boolean;
  onSelect: () => void;
}) {
  const t = useT();
  const any = useHighlightsExist();
  if (!any && !current) return null;
  return (
    <ul className="source-list" aria-label={t('highlights.nav.label')}>
      <li>
        <button
          type="button"
          className="source"
          aria-current={current ? 'true' : undefined}
          onClick={onSelect}
        >
          <span className="source-title">{t('highlights.nav.button')}</span>
        </button>
      </li>
    </ul>
  );
}
