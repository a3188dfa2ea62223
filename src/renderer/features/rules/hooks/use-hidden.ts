import { useLiveQuery } from 'dexie-react-hooks';
import { countArticles } from '../../../db/queries';
import { showAgain } from '../../../db/rules-repository';

/** How many articles rules keep hidden: one count over the `hiddenAt` index. */
export function useHiddenCount(): number | undefined {
  return useLiveQuery(() => countArticles({ kind: 'hidden' }), []);
}

/** "Show again": the article returns to its feed and the views; the rule stays. */
export function showHiddenAgain(articleId: string): Promise<boolean> {
  return showAgain(articleId);
}
