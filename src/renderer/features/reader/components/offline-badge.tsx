import type { Article } from '../../../db/entities';
import type { MessageId } from '../../../i18n/catalogue';
import { useT } from '../../../i18n/use-t';
import './reader.css';

const LABELS: Record<NonNullable<Article['offline']>, MessageId> = {
  complete: 'reader.offline.complete',
  partial: 'reader.offline.partial',
  pending: 'reader.offline.pending',
};

export function OfflineBadge({ article }: { article: Article }) {
  const t = useT();
  const state = article.offline ?? 'complete';
  return (
    <span className="offline-badge" data-state={state}>
      {t(LABELS[state])}
    </span>
  );
}
