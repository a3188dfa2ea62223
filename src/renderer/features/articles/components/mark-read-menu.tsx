import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { ArticleSource } from '../../../db/queries';
import type { MessageId } from '../../../i18n/catalogue';
import { useT } from '../../../i18n/use-t';
import { markViewRead } from '../hooks/use-article-actions';

const CHOICES: [label: MessageId, olderThanDays: number | undefined][] = [
  ['articles.markRead.all', undefined],
  ['articles.markRead.olderThanDay', 1],
  ['articles.markRead.olderThanWeek', 7],
];

/** What the status says: kept as a message, so it reads in the language on screen now. */
type Status = { view: string } & (
  { text: 'none' } | { text: 'marking' } | { text: 'marked'; count: number }
);

/** "Mark all as read" for the view on screen, all of it or only what is older than a day or a week. */
export function MarkReadMenu({ source }: { source: ArticleSource }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<Status>({ view: '', text: 'none' });
  const id = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const items = () => [
    ...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []),
  ];

  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    const onPointer = (event: PointerEvent): void => {
      const target = event.target as Node;
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target))
        setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  // A status is about the view it was given in; another view's would mislead.
  const viewKey = source.kind === 'feed' ? `feed:${source.feedId}` : source.kind;

  const close = (): void => {
    setOpen(false);
    buttonRef.current?.focus();
  };
  const choose = async (olderThanDays: number | undefined): Promise<void> => {
    close();
    // Tens of thousands of rows take seconds to rewrite: say that something is happening.
    setStatus({ view: viewKey, text: 'marking' });
    const count = await markViewRead(source, olderThanDays);
    setStatus({ view: viewKey, text: 'marked', count });
  };
  const onMenuKey = (event: KeyboardEvent): void => {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLElement);
    const move = (to: number): void => list[(to + list.length) % list.length]?.focus();
    if (event.key === 'ArrowDown') move(at + 1);
    else if (event.key === 'ArrowUp') move(at - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(list.length - 1);
    else if (event.key === 'Escape') close();
    else if (event.key === 'Tab') setOpen(false);
    else return;
    // Handled here, so the app's own shortcuts (Escape goes back) leave it alone.
    if (event.key !== 'Tab') event.preventDefault();
    event.stopPropagation();
  };

  return (
    <>
      <div className="menu-anchor">
        <button
          ref={buttonRef}
          type="button"
          className="article-list-toggle"
          aria-haspopup="menu"
          aria-expanded={open}
          aria-controls={open ? `${id}-menu` : undefined}
          onClick={() => setOpen(!open)}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown' && !open) {
              event.preventDefault();
              setOpen(true);
            }
          }}
        >
          {t('articles.markRead.button')}
        </button>
        {open && (
          <div
            ref={menuRef}
            id={`${id}-menu`}
            role="menu"
            aria-label={t('articles.markRead.menu')}
            className="menu"
            onKeyDown={onMenuKey}
          >
            {CHOICES.map(([label, days]) => (
              <button
                key={label}
                type="button"
                role="menuitem"
                tabIndex={-1}
                className="menu-item"
                onClick={() => void choose(days)}
              >
                {t(label)}
              </button>
            ))}
          </div>
        )}
      </div>
      <span role="status" className="article-list-status">
        {status.view !== viewKey || status.text === 'none'
          ? ''
          : status.text === 'marking'
            ? t('articles.markRead.marking')
            : t('articles.markRead.marked', { count: status.count })}
      </span>
    </>
  );
}
