import { useId, useRef, useState } from 'react';
import { removeRule, useApplyRule, useRules, type Rule } from '../hooks/use-rules';
import { AddRuleButton } from './add-rule-dialog';
import { actionText, appliedText, expiryText } from './rule-text';
import './rules.css';

/**
 * Settings → Rules: what the reader's rules do to arriving articles (hide, mark read, bookmark,
 * tag), each with its expiry, "Apply to existing articles" and "Delete rule".
 */
export function RulesSettings() {
  const id = useId();
  const rules = useRules();
  const addRef = useRef<HTMLDivElement>(null);
  const [notice, setNotice] = useState('');

  return (
    <section aria-labelledby={`${id}-rules`}>
      <h3 id={`${id}-rules`}>Rules</h3>
      <p className="dialog-subtitle">
        Rules act on articles as they arrive: hide the ones you never want to see, or mark, bookmark
        or tag them, or be notified of them. A rule with an end date is a mute that lifts by itself.
      </p>
      {rules && rules.length > 0 && (
        <ul className="rule-list" aria-labelledby={`${id}-rules`}>
          {rules.map((rule) => (
            <RuleRow
              key={rule.id}
              rule={rule}
              onDeleted={(shown) => {
                setNotice(
                  shown > 0
                    ? `Rule deleted: ${shown.toLocaleString()} hidden ${shown === 1 ? 'article is' : 'articles are'} back.`
                    : 'Rule deleted.',
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
            setNotice(`Rule “${query}” saved.${problem ? ` ${problem}` : ''}`)
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
  const id = useId();
  const [applied, apply] = useApplyRule(rule);
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState('');
  return (
    <li className="rule-row">
      <div role="group" aria-labelledby={`${id}-query`} aria-describedby={`${id}-details`}>
        <p className="rule-query" id={`${id}-query`}>
          {rule.query}
        </p>
        <p className="rule-detail" id={`${id}-details`}>
          {actionText(rule)} · {expiryText(rule)}
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
              Apply to existing articles
            </button>
          )}
          <button
            type="button"
            className="button button-small button-danger"
            disabled={deleting}
            onClick={() => {
              setDeleting(true);
              setError('');
              removeRule(rule.id).then(onDeleted, (failure: unknown) => {
                setDeleting(false);
                setError(failure instanceof Error ? failure.message : String(failure));
              });
            }}
          >
            Delete rule
          </button>
        </div>
        <p
          role="status"
          className={applied.kind === 'failed' || error ? 'form-error' : 'form-status'}
        >
          {error ? `Could not delete the rule: ${error}` : appliedText(rule, applied)}
        </p>
      </div>
    </li>
  );
}
