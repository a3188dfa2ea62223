import { useCallback, useState, type ReactNode } from 'react';
import type { Article } from '../../../db/entities';
import type { ArticleSource } from '../../../db/queries';
import { errorText } from '../../../i18n/localized-error';
import { useT } from '../../../i18n/use-t';
import { showHiddenAgain, useHiddenCount } from '../hooks/use-hidden';
import { useRules, useRulesById, type Rule } from '../hooks/use-rules';
import './rules.css';

const HIDDEN: ArticleSource = { kind: 'hidden' };

/**
 * The sidebar's way to what rules hid, below the smart views. It shows once there is anything
 * to find there, or a rule that could hide something: a reader with no rules never sees it.
 */
export function HiddenViewButton({
  selected,
  onSelect,
}: {
  selected: ArticleSource | undefined;
  onSelect: (source: ArticleSource) => void;
}) {
  const t = useT();
  const count = useHiddenCount();
  const rules = useRules();
  if (!count && !rules?.length) return null;
  return (
    <ul className="source-list" aria-label={t('rules.hidden.list')}>
      <li>
        <button
          type="button"
          className="source"
          aria-current={selected?.kind === 'hidden' ? 'true' : undefined}
          onClick={() => onSelect(HIDDEN)}
        >
          <span className="source-title">{t('rules.hidden.title')}</span>
          {count ? (
            <span className="badge" aria-label={t('rules.hidden.count', { count })}>
              {t.number(count)}
            </span>
          ) : null}
        </button>
      </li>
    </ul>
  );
}

/**
 * For the article list's row slot: under each hidden article, the note below; nothing under
 * the others. One read of the rules serves every row.
 */
export function useHiddenRowNotes(): (article: Article) => ReactNode {
  const rules = useRulesById();
  return useCallback(
    (article: Article) =>
      article.hiddenAt === undefined ? null : (
        <HiddenRowNote
          article={article}
          rule={article.hiddenBy ? rules.get(article.hiddenBy) : undefined}
        />
      ),
    [rules],
  );
}

/**
 * Under a hidden article's row (the Hidden view): the rule that hid it and "Show again", which
 * puts it back in its feed and the views while the rule goes on hiding others.
 */
function HiddenRowNote({ article, rule }: { article: Article; rule: Rule | undefined }) {
  const t = useT();
  const [state, setState] = useState<{ working?: boolean; error?: unknown }>({});
  return (
    <div className="hidden-row-note">
      <span className="hidden-row-rule">
        {rule
          ? t.rich('rules.hidden.byRule', {
              query: rule.query,
              // A key: the message comes back as a list of parts.
              code: (chunks) => (
                <code key="code" className="rule-code">
                  {chunks}
                </code>
              ),
            })
          : t('rules.hidden.byARule')}
      </span>
      <button
        type="button"
        className="button button-small"
        disabled={state.working}
        onClick={() => {
          setState({ working: true });
          showHiddenAgain(article.id).catch((failure: unknown) =>
            setState({ error: failure ?? new Error(String(failure)) }),
          );
        }}
      >
        {t('rules.hidden.showAgain')}
      </button>
      {state.error !== undefined && (
        <span className="form-error" role="alert">
          {t('rules.hidden.showAgainFailed', { reason: errorText(state.error, t) })}
        </span>
      )}
    </div>
  );
}
