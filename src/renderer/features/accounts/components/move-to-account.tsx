import { useId, useState } from 'react';
import type { Feed } from '../../../db/entities';
import { useT } from '../../../i18n/use-t';
import { moveFeedToAccount, problemText, useAccounts, type Problem } from '../hooks/use-accounts';

/**
 * In a local feed's options: subscribe to it on one of the reader's accounts instead. The
 * server gets the subscription; once its copy of the feed arrives, the local articles merge in
 * with their read state and bookmarks. Nothing shows without a signed-in account.
 */
export function MoveToAccount({ feed }: { feed: Feed }) {
  const t = useT();
  const id = useId();
  const accounts = useAccounts()?.filter((account) => account.status !== 'signed-out');
  const [chosen, setChosen] = useState<string>();
  const [problem, setProblem] = useState<Problem>();
  if (feed.accountId || !accounts || accounts.length === 0) return null;
  const target = accounts.find((account) => account.id === chosen) ?? accounts[0]!;
  const moving = feed.movingTo && accounts.find((account) => account.id === feed.movingTo);

  return (
    <fieldset className="move-to-account">
      <legend>{t('accounts.move.legend')}</legend>
      <label htmlFor={`${id}-account`}>{t('accounts.move.account')}</label>
      <div className="move-to-account-row">
        <select
          id={`${id}-account`}
          value={target.id}
          disabled={Boolean(moving)}
          onChange={(e) => setChosen(e.target.value)}
        >
          {accounts.map((account) => (
            <option key={account.id} value={account.id}>
              {account.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button"
          disabled={Boolean(moving)}
          onClick={(event) => {
            setProblem(undefined);
            // The options dialog this sits in closes once the move is queued: the feed leaves
            // "On this computer" (and its options with it) as soon as the account's copy lands.
            const dialog = event.currentTarget.closest('dialog');
            void moveFeedToAccount(feed.id, target.id).then(
              () => dialog?.close(),
              (error: unknown) => setProblem({ error }),
            );
          }}
        >
          {t('accounts.move.button')}
        </button>
      </div>
      <p className="move-to-account-status" role="status">
        {moving ? t('accounts.move.moving', { name: moving.name }) : ''}
      </p>
      {problem && (
        <p className="form-error" role="alert">
          {problemText(problem, t)}
        </p>
      )}
    </fieldset>
  );
}
