import { useEffect } from 'react';
import { onNoticeOpened, startArticleNotices } from '../../../pipeline/article-notices';

/**
 * While the app shell is mounted, each refresh's new articles from notify feeds and "Notify"
 * rules make one notification (pipeline/article-notices.ts); a click on it opens the article
 * the way the list does (`open`).
 */
export function useArticleNotices(open: (articleId: string) => void): void {
  useEffect(() => startArticleNotices(), []);
  useEffect(() => onNoticeOpened(open), [open]);
}
