import { useEffect, useId, useRef } from 'react';
import { errorText } from '../../../i18n/localized-error';
import { useT } from '../../../i18n/use-t';
import { whenClosed } from '../../../lib/dialog-closed';
import type { RefusedLink } from '../hooks/use-deep-links';
import './subscriptions.css';

/** Says which links or files the system handed Broadsheet could not be opened, and why. */
export function RefusedLinksDialog({
  refused,
  onDismiss,
}: {
  refused: RefusedLink[];
  onDismiss: () => void;
}) {
  const t = useT();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const id = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (refused.length > 0 && dialog && !dialog.open) dialog.showModal();
  }, [refused]);

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-list`}
      onClose={whenClosed(onDismiss)}
    >
      <h2 id={`${id}-title`}>{t('subscriptions.refused.title', { count: refused.length })}</h2>
      <ul id={`${id}-list`} className="refused-links">
        {refused.map((link, index) => (
          <li key={index}>
            {errorText({ message: link.reason, text: link.text }, t)}
            <span className="refused-link-input">{link.input}</span>
          </li>
        ))}
      </ul>
      <div className="dialog-actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => dialogRef.current?.close()}
        >
          {t('subscriptions.refused.ok')}
        </button>
      </div>
    </dialog>
  );
}
