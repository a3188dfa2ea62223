import { useId, useRef, useState } from 'react';
import { errorText } from '../../../i18n/localized-error';
import { useT } from '../../../i18n/use-t';
import { removeRule, useApplyRule, useRules, type Rule } from '../hooks/use-rules';
import { AddRuleButton } from './add-rule-dialog';
import { actionText, appliedText, expiryText } from './rule-text';
import './rules.css';

/**
 * Settings → Rules: what the reader's rules do to arriving articles (hide, mark read, bookmark,
 * tag), each with its expiry, "Apply to existing articles" and "Delete rule".
 */
export function RulesSettings() {
  const t = useT();
  const id = useId();
  const rules = useRules();
  const addRef = useRef<HTMLDivElement>(null);
  const [notice, setNotice] = useState('');

  return (
    <section aria-labelledby={`${id}-rules`}>
      <h3 id={`${id}-rules`}>{t('rules.settings.heading')}</h3>
      <p className="dialog-subtitle">{t('rules.settings.intro')}</p>
      {rules && rules.length > 0 && (
        <ul className="rule-list" aria-labelledby={`${id}-rules`}>
          {rules.map((rule) => (
            <RuleRow
              key={rule.id}
              rule={rule}
              onDeleted={(shown) => {
                setNotice(
                  shown > 0
                    ? t('rules.settings.deletedShown', { count: shown })
                    : t('rules.settings.deleted'),
                );
                addRef.current?.querySelector('button')?.focus();
              }}
            />
          ))}
        </ul>
      )}
      <div className="dialog-actions dialog-actions-start" ref={addRef}>
        <AddRuleButton
          onSaved={(query, problem) =>
            setNotice(
              // Two sentences, each whole: the second is the notifications' own.
              [t('rules.settings.saved', { query }), problem].filter(Boolean).join(' '),
            )
          }
        />
        <span role="status" className="form-status">
          {notice}
        </span>
      </div>
    </section>
  );
}

function RuleRow({ rule, onDeleted }: { rule: Rule; onDeleted: (shown: number) => void }) {
  const t = useT();
  const id = useId();
  const [applied, apply] = useApplyRule(rule);
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<unknown>();
  return (
    <li className="rule-row">
      <div role="group" aria-labelledby={`${id}-query`} aria-describedby={`${id}-details`}>
        <p className="rule-query" id={`${id}-query`}>
          {rule.query}
        </p>
        <p className="rule-detail" id={`${id}-details`}>
          {t('rules.settings.details', {
            action: actionText(rule, t),
            expiry: expiryText(rule, t),
          })}
        </p>
        <div className="rule-actions">
          {/* A notification is news of an arrival: stored articles have arrived already. */}
          {rule.action !== 'notify' && (
            <button
              type="button"
              className="button button-small"
              disabled={applied.kind === 'working'}
              onClick={apply}
            >
              {t('rules.settings.apply')}
            </button>
          )}
          <button
            type="button"
            className="button button-small button-danger"
            disabled={deleting}
            onClick={() => {
              setDeleting(true);
              setError(undefined);
              removeRule(rule.id).then(onDeleted, (failure: unknown) => {
                setDeleting(false);
                setError(failure ?? new Error(String(failure)));
              });
            }}
          >
            {t('rules.settings.delete')}
          </button>
        </div>
        <p
          role="status"
          className={
            applied.kind === 'failed' || error !== undefined ? 'form-error' : 'form-status'
          }
        >
          {error !== undefined
            ? t('rules.settings.deleteFailed', { reason: errorText(error, t) })
            : appliedText(rule, applied, t)}
        </p>
      </div>
    </li>
  );
}
