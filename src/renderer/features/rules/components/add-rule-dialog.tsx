import { useId, useRef, useState } from 'react';
import { MAX_TAG_LENGTH } from '../../../lib/bookmarks/tag-names';
import { useT } from '../../../i18n/use-t';
import { whenClosed } from '../../../lib/dialog-closed';
import { queryNoteText } from '../../../search/query-note-text';
import { useRulePreview } from '../hooks/use-rule-preview';
import {
  RULE_ACTIONS,
  RULE_DURATIONS,
  notificationProblem,
  saveRule,
  type RuleAction,
  type RuleDuration,
} from '../hooks/use-rules';

interface Props {
  /**
   * After saving: the new rule's row is where the reader looks next. `problem`: why a "Notify"
   * rule's notifications cannot be shown here (blocked by the browser).
   */
  onSaved: (query: string, problem?: string) => void;
}

/**
 * "Add rule": a query in the search language, what to do with the articles it matches, and for
 * how long. While typing, it shows how many stored articles the rule would match and names a
 * few, so a rule that catches too much is seen before it is saved.
 */
export function AddRuleButton({ onSaved }: Props) {
  const t = useT();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [action, setAction] = useState<RuleAction>('hide');
  const [tag, setTag] = useState('');
  const [duration, setDuration] = useState<RuleDuration>('always');
  const [state, setState] = useState<{ working?: boolean; error?: string }>({});
  const check = useRulePreview(query, open);
  const { preview } = check;

  const close = () => dialogRef.current?.close();
  const submit = async (): Promise<void> => {
    setState({ working: true });
    // Asked on this click, before anything else is awaited: browsers ask only on a gesture.
    const blocked = action === 'notify' ? await notificationProblem() : undefined;
    const result = await saveRule({ query: query.trim(), action, tag: tag.trim(), duration });
    if ('error' in result) return setState({ error: result.error });
    const saved = query.trim();
    setState({});
    close();
    onSaved(saved, blocked);
  };

  return (
    <>
      <button
        type="button"
        className="button"
        aria-haspopup="dialog"
        onClick={() => {
          setQuery('');
          setAction('hide');
          setTag('');
          setDuration('always');
          setState({});
          setOpen(true);
          dialogRef.current?.showModal();
        }}
      >
        {t('rules.add.button')}
      </button>
      <dialog
        ref={dialogRef}
        className="dialog dialog-wide add-rule-dialog"
        aria-labelledby={`${id}-title`}
        onClose={(event) => {
          // This dialog sits inside Settings' own: its closing is not Settings closing.
          event.stopPropagation();
          whenClosed(() => setOpen(false))(event);
        }}
      >
        <form
          method="dialog"
          noValidate
          aria-busy={state.working}
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <h2 id={`${id}-title`}>{t('rules.add.title')}</h2>
          <p className="dialog-subtitle">{t('rules.add.syntax')}</p>
          <label htmlFor={`${id}-match`}>{t('rules.add.match')}</label>
          <input
            id={`${id}-match`}
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={query}
            aria-describedby={`${id}-preview`}
            onChange={(event) => {
              setQuery(event.target.value);
              if (state.error) setState({});
            }}
          />
          <div id={`${id}-preview`} className="rule-preview">
            <p className="form-status" role="status">
              {query.trim() === ''
                ? ''
                : check.empty
                  ? t('rules.add.empty')
                  : preview.kind === 'done'
                    ? t('rules.add.matches', { count: preview.total })
                    : preview.kind === 'failed'
                      ? t('rules.add.countFailed', { reason: preview.message })
                      : t('rules.add.counting')}
            </p>
            {check.notes.length > 0 && (
              <ul className="rule-notes" aria-label={t('rules.add.notes')}>
                {check.notes.map((note) => (
                  <li key={note}>{queryNoteText(note, t)}</li>
                ))}
              </ul>
            )}
          </div>
          {preview.kind === 'done' && preview.articles.length > 0 && (
            <ul className="rule-preview-list" aria-label={t('rules.add.matching')}>
              {preview.articles.map((article) => (
                <li key={article.id}>
                  <span className="rule-preview-title">{article.title}</span>
                  {article.feedTitle && (
                    <span className="rule-preview-source">
                      {t('rules.add.source', { feed: article.feedTitle })}
                    </span>
                  )}
                </li>
              ))}
              {preview.total > preview.articles.length && (
                <li className="rule-preview-more">
                  {t('rules.add.more', { count: preview.total - preview.articles.length })}
                </li>
              )}
            </ul>
          )}
          <div className="rule-fields">
            <div>
              <label htmlFor={`${id}-action`}>{t('rules.add.action')}</label>
              <select
                id={`${id}-action`}
                value={action}
                onChange={(event) => setAction(event.target.value as RuleAction)}
              >
                {RULE_ACTIONS.map(([value, label]) => (
                  <option key={value} value={value}>
                    {t(label)}
                  </option>
                ))}
              </select>
            </div>
            {action === 'tag' && (
              <div>
                <label htmlFor={`${id}-tag`}>{t('rules.add.tag')}</label>
                <input
                  id={`${id}-tag`}
                  type="text"
                  autoComplete="off"
                  maxLength={MAX_TAG_LENGTH}
                  value={tag}
                  onChange={(event) => {
                    setTag(event.target.value);
                    if (state.error) setState({});
                  }}
                />
              </div>
            )}
            <div>
              <label htmlFor={`${id}-for`}>{t('rules.add.for')}</label>
              <select
                id={`${id}-for`}
                value={duration}
                onChange={(event) => setDuration(event.target.value as RuleDuration)}
              >
                {RULE_DURATIONS.map(([value, label]) => (
                  <option key={value} value={value}>
                    {t(label)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {state.error && (
            <p className="form-error" role="alert">
              {state.error}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={close}>
              {t('rules.add.cancel')}
            </button>
            <button type="submit" className="button button-primary" disabled={state.working}>
              {t('rules.add.save')}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
