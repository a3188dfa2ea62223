import { useId, useRef } from 'react';
import type { MessageId } from '../../../i18n/catalogue';
import { useT } from '../../../i18n/use-t';
import { useBookmarkFiles, type ExportKind } from '../hooks/use-bookmark-files';

const EXPORTS: [ExportKind, MessageId][] = [
  ['html', 'bookmarks.settings.exportHtml'],
  ['json', 'bookmarks.settings.exportJson'],
  ['markdown', 'bookmarks.settings.exportMarkdown'],
  ['markdown-files', 'bookmarks.settings.exportMarkdownFiles'],
];

/** The Bookmarks section of Settings: export in three formats, import Broadsheet's JSON. */
export function BookmarksSettings() {
  const t = useT();
  const id = useId();
  const files = useBookmarkFiles();
  const input = useRef<HTMLInputElement>(null);
  const busy = files.state.kind === 'working';
  return (
    <section aria-labelledby={`${id}-bookmarks`}>
      <h3 id={`${id}-bookmarks`}>{t('bookmarks.settings.heading')}</h3>
      <p className="dialog-subtitle">{t('bookmarks.settings.intro')}</p>
      <div className="dialog-actions dialog-actions-start bookmark-file-actions">
        {EXPORTS.map(([kind, label]) => (
          <button
            key={kind}
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void files.exportAs(kind)}
          >
            {t(label)}
          </button>
        ))}
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => input.current?.click()}
        >
          {t('bookmarks.settings.import')}
        </button>
        <input
          ref={input}
          type="file"
          accept=".json,application/json"
          aria-label={t('bookmarks.settings.importFile')}
          hidden
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void files.importFile(file);
          }}
        />
      </div>
      <p role="status" className={files.state.kind === 'failed' ? 'form-error' : 'form-status'}>
        {files.state.message}
      </p>
    </section>
  );
}
