import type { Article } from '../../../db/entities';
import './reader.css';

const LABELS: Record<NonNullable<Article['offline']>, string> = {
  complete: 'Available offline',
  partial: 'Partly offline: some images are missing',
  pending: 'Saving for offline…',
};

export function OfflineBadge({ article }: { article: Article }) {
  const state = article.offline ?? 'complete';
  return (
    <span className="offline-badge" data-state={state}>
      {LABELS[state]}
    </span>
  );
}
