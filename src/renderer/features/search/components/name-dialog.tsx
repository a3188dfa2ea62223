import { useId, type RefObject } from 'react';
import { useT } from '../../../i18n/use-t';

interface Props {
  ref: RefObject<HTMLDialogElement | null>;
  title: string;
  name: string;
  onNameChange: (name: string) => void;
  confirm: string;
  onConfirm: (name: string) => void;
}

/** Asks for a name (saving or renaming a search): Electron has no window.prompt. */
export function NameDialog({ ref, title, name, onNameChange, confirm, onConfirm }: Props) {
  const t = useT();
  const id = useId();
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={`${id}-title`}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (!name.trim()) return;
          onConfirm(name.trim());
          ref.current?.close();
        }}
      >
        <h2 id={`${id}-title`}>{title}</h2>
        <label htmlFor={`${id}-name`}>{t('search.nameDialog.name')}</label>
        <input
          id={`${id}-name`}
          type="text"
          autoComplete="off"
          value={name}
          onChange={(event) => onNameChange(event.target.value)}
          required
        />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => ref.current?.close()}>
            {t('search.nameDialog.cancel')}
          </button>
          <button type="submit" className="button button-primary">
            {confirm}
          </button>
        </div>
      </form>
    </dialog>
  );
}
