import { useId, useRef, useState } from 'react';
import { MAX_TAG_LENGTH } from '../../../lib/bookmarks/tag-names';
import { deleteTag, renameTag } from '../hooks/use-tags';

interface Props {
  tag: string;
  count: number;
  onRenamed: (from: string, to: string) => void;
  onDeleted: (tag: string) => void;
}

/** "Rename tag X": a dialog to rename (merging into a tag of that name) or delete the tag. */
export function TagOptions({ tag, count, onRenamed, onDeleted }: Props) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [name, setName] = useState(tag);
  const [error, setError] = useState('');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const articles = `${count} ${count === 1 ? 'article' : 'articles'}`;

  const close = () => dialogRef.current?.close();

  return (
    <>
      <button
        type="button"
        className="icon-button"
        aria-label={`Rename tag ${tag}`}
        title={`Rename or delete tag ${tag}`}
        onClick={() => {
          setName(tag);
          setError('');
          setConfirmDelete(false);
          dialogRef.current?.showModal();
        }}
      >
        ✎
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
              (reason: unknown) =>
                setError(reason instanceof Error ? reason.message : String(reason)),
            );
          }}
        >
          <h2 id={`${id}-title`}>Rename tag “{tag}”</h2>
          <p className="dialog-subtitle">
            On {articles}. A name already in use merges the two tags.
          </p>
          <label htmlFor={`${id}-name`}>New name</label>
          <input
            id={`${id}-name`}
            value={name}
            maxLength={MAX_TAG_LENGTH}
            onChange={(event) => setName(event.target.value)}
            required
          />
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          {confirmDelete ? (
            <div className="restore-confirm" role="group" aria-labelledby={`${id}-delete-q`}>
              <p id={`${id}-delete-q`}>
                Delete the tag “{tag}” from {articles}? They stay bookmarked.
              </p>
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
                  Delete tag
                </button>
                <button type="button" className="button" onClick={() => setConfirmDelete(false)}>
                  Keep it
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
                Delete tag…
              </button>
            </div>
            <div>
              <button type="button" className="button" onClick={close}>
                Cancel
              </button>
              <button type="submit" className="button button-primary">
                Rename
              </button>
            </div>
          </div>
        </form>
      </dialog>
    </>
  );
}
