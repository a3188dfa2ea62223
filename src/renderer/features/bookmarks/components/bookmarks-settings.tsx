import { useId, useRef } from 'react';
import { useBookmarkFiles, type ExportKind } from '../hooks/use-bookmark-files';

const EXPORTS: [ExportKind, string][] = [
  ['html', 'Export bookmarks as HTML'],
  ['json', 'Export bookmarks as JSON'],
  ['markdown', 'Export bookmarks as Markdown'],
  ['markdown-files', 'Export bookmarks and highlights as Markdown files (.zip)'],
];

/** The Bookmarks section of Settings: export in three formats, import Broadsheet's JSON. */
export function BookmarksSettings() {
  const id = useId();
  const files = useBookmarkFiles();
  const input = useRef<HTMLInputElement>(null);
  const busy = files.state.kind === 'working';
  return (
    <section aria-labelledby={`${id}-bookmarks`}>
      <h3 id={`${id}-bookmarks`}>Bookmarks</h3>
      <p className="dialog-subtitle">
        Export bookmarks with their tags and notes: HTML for any browser, JSON (with highlights) to
        bring them into Broadsheet again, Markdown to read or share, and Markdown files, one per
        article with its highlights, for Obsidian or Logseq.
      </p>
      <div className="dialog-actions dialog-actions-start bookmark-file-actions">
        {EXPORTS.map(([kind, label]) => (
          <button
            key={kind}
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void files.exportAs(kind)}
          >
            {label}
          </button>
        ))}
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => input.current?.click()}
        >
          Import bookmarks
        </button>
        <input
          ref={input}
          type="file"
          accept=".json,application/json"
          aria-label="Bookmarks file to import"
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
