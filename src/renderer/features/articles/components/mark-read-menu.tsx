import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { ArticleSource } from '../../../db/queries';
import { markViewRead } from '../hooks/use-article-actions';

const CHOICES: [label: string, olderThanDays: number | undefined][] = [
  ['All in this view', undefined],
  ['Older than a day', 1],
  ['Older than a week', 7],
];

/** "Mark all as read" for the view on screen, all of it or only what is older than a day or a week. */
export function MarkReadMenu({ source }: { source: ArticleSource }) {
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState({ view: '', text: '' });
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
    setStatus({ view: viewKey, text: 'Marking as read…' });
    const count = await markViewRead(source, olderThanDays);
    setStatus({
      view: viewKey,
      text: `Marked ${count.toLocaleString()} ${count === 1 ? 'article' : 'articles'} as read.`,
    });
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
          Mark all as read
        </button>
        {open && (
          <div
            ref={menuRef}
            id={`${id}-menu`}
            role="menu"
            aria-label="Mark all as read"
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
                {label}
              </button>
            ))}
          </div>
        )}
      </div>
      <span role="status" className="article-list-status">
        {status.view === viewKey ? status.text : ''}
      </span>
    </>
  );
}
