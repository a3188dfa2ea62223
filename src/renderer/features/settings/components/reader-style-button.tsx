import { useId, useRef } from 'react';
import { ReaderStyleFields } from './reader-style-fields';

/** The reader's "Aa" button: the look of the text, changed without leaving the article. */
export function ReaderStyleButton() {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const id = useId();
  return (
    <>
      <button
        type="button"
        className="button"
        aria-haspopup="dialog"
        title="Appearance"
        onClick={() => dialogRef.current?.showModal()}
      >
        <span aria-hidden="true">Aa</span>
        <span className="visually-hidden">Appearance</span>
      </button>
      <dialog ref={dialogRef} className="dialog" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>Appearance</h2>
        <ReaderStyleFields />
        {/* No <form> here: this dialog sits inside the reader's <article>, which must hold none. */}
        <div className="dialog-actions">
          <button
            type="button"
            className="button button-primary"
            onClick={() => dialogRef.current?.close()}
          >
            Done
          </button>
        </div>
      </dialog>
    </>
  );
}
