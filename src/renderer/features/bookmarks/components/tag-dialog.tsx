import { useId, useRef, useState } from 'react';
import { MAX_TAG_LENGTH } from '../../../lib/bookmarks/tag-names';
import { errorText } from '../../../i18n/localized-error';
import { useT } from '../../../i18n/use-t';
import { deleteTag, renameTag } from '../hooks/use-tags';

/** A pencil, read as "edit" in any language: a glyph, not words to translate. */
const EDIT_GLYPH = '✎';

interface Props {
  tag: string;
  count: number;
  onRenamed: (from: string, to: string) => void;
  onDeleted: (tag: string) => void;
}

/** "Rename tag X": a dialog to rename (merging into a tag of that name) or delete the tag. */
export function TagOptions({ tag, count, onRenamed, onDeleted }: Props) {
  const t = useT();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [name, setName] = useState(tag);
  const [error, setError] = useState<unknown>();
  const [confirmDelete, setConfirmDelete] = useState(false);

  const close = () => dialogRef.current?.close();

  return (
    <>
      <button
        type="button"
        className="icon-button"
        aria-label={t('tags.dialog.open', { tag })}
        title={t('tags.dialog.openTitle', { tag })}
        onClick={() => {
          setName(tag);
          setError(undefined);
          setConfirmDelete(false);
          dialogRef.current?.showModal();
        }}
      >
        {EDIT_GLYPH}
      </button>
      <dialog ref={dialogRef} className="dialog" aria-labelledby={`${id}-title`}>
        <form
          method="dialog"
          onSubmit={(event) => {
            event.preventDefault();
            renameTag(tag, name).then(
              (to) => {
                close();
                if (to !== tag) onRenamed(tag, to);
              },
              (reason: unknown) => setError(reason ?? new Error(String(reason))),
            );
          }}
        >
          <h2 id={`${id}-title`}>{t('tags.dialog.title', { tag })}</h2>
          <p className="dialog-subtitle">{t('tags.dialog.subtitle', { count })}</p>
          <label htmlFor={`${id}-name`}>{t('tags.dialog.newName')}</label>
          <input
            id={`${id}-name`}
            value={name}
            maxLength={MAX_TAG_LENGTH}
            onChange={(event) => setName(event.target.value)}
            required
          />
          {error !== undefined && (
            <p className="form-error" role="alert">
              {errorText(error, t)}
            </p>
          )}
          {confirmDelete ? (
            <div className="restore-confirm" role="group" aria-labelledby={`${id}-delete-q`}>
              <p id={`${id}-delete-q`}>{t('tags.dialog.deleteQuestion', { tag, count })}</p>
              <div className="dialog-actions dialog-actions-start">
                <button
                  type="button"
                  className="button button-danger"
                  // The button that opened this question is disabled now; focus moves here.
                  autoFocus
                  onClick={() =>
                    void deleteTag(tag).then(() => {
                      close();
                      onDeleted(tag);
                    })
                  }
                >
                  {t('tags.dialog.delete')}
                </button>
                <button type="button" className="button" onClick={() => setConfirmDelete(false)}>
                  {t('tags.dialog.keep')}
                </button>
              </div>
            </div>
          ) : null}
          <div className="dialog-actions dialog-actions-split">
            <div>
              <button
                type="button"
                className="button button-danger"
                disabled={confirmDelete}
                onClick={() => setConfirmDelete(true)}
              >
                {t('tags.dialog.deleteAsk')}
              </button>
            </div>
            <div>
              <button type="button" className="button" onClick={close}>
                {t('tags.dialog.cancel')}
              </button>
              <button type="submit" className="button button-primary">
                {t('tags.dialog.rename')}
              </button>
            </div>
          </div>
        </form>
      </dialog>
    </>
  );
}
