import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Article } from '../../../db/entities';
import { MAX_TAG_LENGTH, suggestTags } from '../../../lib/bookmarks/tag-names';
import { useT } from '../../../i18n/use-t';
import { addTag, removeTag, useKnownTags } from '../hooks/use-tags';

/** The chip's remove mark: a glyph, not words (the button's name says what it does). */
const REMOVE_GLYPH = '×';

/**
 * The open article's tags as chips, and an "Add tag" combobox that suggests tags already in
 * use (ARIA 1.2 combobox: arrows move through the suggestions, Enter adds, Escape closes).
 */
export function TagEditor({ article }: { article: Article }) {
  const t = useT();
  const known = useKnownTags(t.compare);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState('');
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const listId = `${id}-suggestions`;
  const suggestions = open ? suggestTags(known, text, article.tags) : [];
  const expanded = suggestions.length > 0;

  const add = async (value: string): Promise<void> => {
    setText('');
    setOpen(false);
    setActive(-1);
    const tag = await addTag(article.id, value);
    setStatus(tag ? t('tags.editor.added', { tag }) : '');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) {
        setOpen(true);
        return;
      }
      const step = event.key === 'ArrowDown' ? 1 : -1;
      const last = suggestions.length - 1;
      setActive((current) => Math.max(-1, Math.min(last, current + step)));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const picked = active >= 0 ? suggestions[active] : undefined;
      if (picked) void add(picked);
      else if (text.trim()) void add(text);
    } else if (event.key === 'Escape' && expanded) {
      event.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  };

  return (
    <div className="tag-editor">
      {article.tags.length > 0 && (
        <ul className="tag-chips" aria-label={t('tags.editor.chips')}>
          {article.tags.map((tag) => (
            <li key={tag} className="tag-chip">
              <span>{tag}</span>
              <button
                type="button"
                className="tag-chip-remove"
                aria-label={t('tags.editor.remove', { tag })}
                title={t('tags.editor.remove', { tag })}
                onClick={() => {
                  void removeTag(article.id, tag);
                  setStatus(t('tags.editor.removed', { tag }));
                  // The button goes away with its chip; keep the keyboard in the tag editor.
                  input.current?.focus();
                }}
              >
                {REMOVE_GLYPH}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="tag-combobox">
        <input
          ref={input}
          type="text"
          role="combobox"
          aria-label={t('tags.editor.add')}
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
          placeholder={
            article.bookmarkedAt === undefined
              ? t('tags.editor.addBookmarks')
              : t('tags.editor.add')
          }
          maxLength={MAX_TAG_LENGTH}
          autoComplete="off"
          spellCheck={false}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => {
            setOpen(false);
            setActive(-1);
          }}
        />
        <ul id={listId} role="listbox" aria-label={t('tags.editor.suggestions')} hidden={!expanded}>
          {suggestions.map((tag, i) => (
            <li
              key={tag}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              // Keeps focus in the field, so the click below still has a tag to add.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => void add(tag)}
            >
              {tag}
            </li>
          ))}
        </ul>
      </div>
      <span className="visually-hidden" role="status">
        {status}
      </span>
    </div>
  );
}
