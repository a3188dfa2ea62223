import { useEffect, useMemo, useState } from 'react';
import { compileQuery } from '../../../../search-engine/core/matcher';
import { feedNames, getArticles } from '../../../db/queries';
import { translate } from '../../../i18n/current-locale';
import { errorText } from '../../../i18n/localized-error';
import { onIndexChanged, searchClient } from '../../../pipeline/search-connection';

/** Quiet time after a keystroke before the worker is asked how much a rule would match. */
export const PREVIEW_DEBOUNCE_MS = 250;
/** How many matching articles the dialog names. */
export const PREVIEW_TITLES = 5;

export interface PreviewArticle {
  id: string;
  title: string;
  feedTitle: string | undefined;
}

export type RulePreview =
  | { kind: 'none' }
  | { kind: 'pending' }
  | { kind: 'done'; query: string; total: number; articles: PreviewArticle[] }
  | { kind: 'failed'; message: string };

export interface RuleCheck {
  /** Nothing in the query would match anything (empty, or only words search ignores). */
  empty: boolean;
  /** What the parser ignored or read differently, in the reader's words. */
  notes: readonly string[];
  preview: RulePreview;
}

/**
 * What a rule being typed would match among the stored articles: the parser's verdict at once
 * (the same matcher rules run, so its notes are the rule's), and after a pause the worker's
 * count and the newest few titles. An answer for anything but the latest text is dropped.
 */
export function useRulePreview(query: string, active: boolean): RuleCheck {
  const trimmed = query.trim();
  const compiled = useMemo(() => compileQuery(trimmed), [trimmed]);
  const [answer, setAnswer] = useState<{ query: string; preview: RulePreview }>();
  const asking = active && !compiled.empty;
  // Articles stored while the dialog is open (a refresh, a rule applied) reach the index a
  // moment later: each change the index takes in asks again, so the count says what is stored.
  const [indexed, setIndexed] = useState(0);
  useEffect(() => {
    if (!active) return;
    return onIndexChanged(() => setIndexed((n) => n + 1));
  }, [active]);

  useEffect(() => {
    if (!asking) return;
    let current = true;
    const timer = setTimeout(() => {
      void (async () => {
        let preview: RulePreview;
        try {
          const { total, ids } = await searchClient().preview(trimmed, PREVIEW_TITLES);
          const [articles, names] = await Promise.all([getArticles(ids), feedNames()]);
          preview = {
            kind: 'done',
            query: trimmed,
            total,
            articles: articles.map((article) => ({
              id: article.id,
              title: article.title,
              feedTitle: names.get(article.feedId),
            })),
          };
        } catch (failure) {
          preview = {
            kind: 'failed',
            message: errorText(failure, translate),
          };
        }
        if (current) setAnswer({ query: trimmed, preview });
      })();
    }, PREVIEW_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [trimmed, asking, indexed]);

  const preview: RulePreview = !asking
    ? { kind: 'none' }
    : answer?.query === trimmed
      ? answer.preview
      : { kind: 'pending' };
  return { empty: compiled.empty, notes: compiled.notes, preview };
}
