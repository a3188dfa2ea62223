import { useCallback, useState, type ReactNode } from 'react';
import type { Article } from '../../../db/entities';
import type { ArticleSource } from '../../../db/queries';
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
  const count = useHiddenCount();
  const rules = useRules();
  if (!count && !rules?.length) return null;
  return (
    <ul className="source-list" aria-label="Rules">
      <li>
        <button
          type="button"
          className="source"
          aria-current={selected?.kind === 'hidden' ? 'true' : undefined}
          onClick={() => onSelect(HIDDEN)}
        >
          <span className="source-title">Hidden</span>
          {count ? (
            <span className="badge" aria-label={`${count} ${count === 1 ? 'article' : 'articles'}`}>
              {count}
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
  const [state, setState] = useState<{ working?: boolean; error?: string }>({});
  return (
    <div className="hidden-row-note">
      <span className="hidden-row-rule">
        {rule ? (
          <>
            Hidden by rule: <code className="rule-code">{rule.query}</code>
          </>
        ) : (
          'Hidden by a rule'
        )}
      </span>
      <button
        type="button"
        className="button button-small"
        disabled={state.working}
        onClick={() => {
          setState({ working: true });
          showHiddenAgain(article.id).catch((failure: unknown) =>
            setState({ error: failure instanceof Error ? failure.message : String(failure) }),
          );
        }}
      >
        Show again
      </button>
      {state.error && (
        <span className="form-error" role="alert">
          Could not show it again: {state.error}
        </span>
      )}
    </div>
  );
}
