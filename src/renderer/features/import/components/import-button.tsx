import { useEffect, useId, useRef } from 'react';
import { useImport, type ImportReport } from '../hooks/use-import';
import type { RescueReport } from '../hooks/rescue-import';
import './import.css';

const ACCEPT = '.opml,.xml,.txt,.text,.md,.markdown,.html,.htm,.xhtml,.csv,.zip';

/**
 * "Import": subscription lists, article files and the exports of read-it-later services
 * (Pocket, Instapaper, Omnivore, Readwise Reader), by picker, by dropping them on the window, or
 * (`request`) files the reader opened with Broadsheet from their system.
 */
export function ImportButton({ request }: { request?: { files: File[]; seq: number } } = {}) {
  const inputRef = useRef<HTMLInputElement>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const id = useId();
  const { report, working, progress, importFiles, clear } = useImport();

  useEffect(() => {
    if ((report || progress) && !dialogRef.current?.open) dialogRef.current?.showModal();
  }, [report, progress]);

  useEffect(() => {
    if (request) void importFiles(request.files);
  }, [request, importFiles]);

  useEffect(() => {
    const over = (event: DragEvent): void => {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
    };
    const drop = (event: DragEvent): void => {
      const files = [...(event.dataTransfer?.files ?? [])];
      if (files.length === 0) return;
      event.preventDefault();
      void importFiles(files);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [importFiles]);

  return (
    <>
      <button
        type="button"
        className="button button-small"
        aria-busy={working}
        onClick={() => inputRef.current?.click()}
      >
        Import
      </button>
      <input
        ref={inputRef}
        type="file"
        multiple
        accept={ACCEPT}
        aria-label="Files to import (OPML, text, Markdown, HTML) or an export from Pocket, Instapaper, Omnivore or Readwise Reader"
        hidden
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = '';
          if (files.length) void importFiles(files);
        }}
      />
      <dialog ref={dialogRef} className="dialog" aria-labelledby={`${id}-title`} onClose={clear}>
        <h2 id={`${id}-title`}>Import</h2>
        {!report && progress && (
          <>
            <p role="status">
              Importing the {progress.source}: {progress.done.toLocaleString('en')} of{' '}
              {progress.total.toLocaleString('en')} items…
            </p>
            <progress
              className="import-progress"
              aria-label="Import progress"
              max={Math.max(1, progress.total)}
              value={progress.done}
            />
          </>
        )}
        {report && (
          <>
            <p role="status">{summarize(report)}</p>
            {report.articlesSaved.length > 0 && (
              <ul className="import-list" aria-label="Saved articles">
                {report.articlesSaved.map((title, index) => (
                  <li key={index}>{title}</li>
                ))}
              </ul>
            )}
            {report.problems.length > 0 && (
              <>
                <h3>Not imported ({report.problems.length})</h3>
                <ul className="import-problems" aria-label="Not imported">
                  {report.problems.map((problem, index) => (
                    <li key={index}>
                      <strong>{problem.outline}</strong>: {problem.reason}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        )}
        <form method="dialog" className="dialog-actions">
          <button type="submit" className="button button-primary" disabled={!report}>
            Done
          </button>
        </form>
      </dialog>
    </>
  );
}

function summarize(report: ImportReport): string {
  const parts: string[] = [];
  if (report.feedsAdded > 0) {
    parts.push(
      `Added ${report.feedsAdded} ${report.feedsAdded === 1 ? 'feed' : 'feeds'}` +
        (report.foldersAdded
          ? ` in ${report.foldersAdded} new ${report.foldersAdded === 1 ? 'folder' : 'folders'}`
          : '') +
        '; they fill in as they refresh.',
    );
  }
  if (report.articlesSaved.length > 0) {
    const n = report.articlesSaved.length;
    parts.push(`Saved ${n} ${n === 1 ? 'article' : 'articles'}.`);
  }
  for (const rescued of report.rescued) parts.push(describeRescue(rescued));
  return parts.length ? parts.join(' ') : 'Nothing was imported.';
}

const count = (n: number, one: string, many: string): string =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** "Pocket export: 120 new saved articles, 3 already there; 95 to fetch for reading offline." */
function describeRescue(report: RescueReport): string {
  const parts = [
    `${count(report.added, 'new saved article', 'new saved articles')}`,
    `${report.alreadyThere.toLocaleString('en')} already there`,
  ];
  if (report.failed.length) parts.push(`${report.failed.length.toLocaleString('en')} not imported`);
  let text = `${report.source}: ${parts.join(', ')}`;
  if (report.highlights) text += `; ${count(report.highlights, 'highlight', 'highlights')} kept`;
  if (report.queued) {
    text += `; ${count(report.queued, 'page', 'pages')} to fetch for reading offline`;
  }
  if (report.stopped) {
    return `${text}. It stopped before the end: ${report.stopped} Import the file again to finish; nothing is added twice.`;
  }
  return `${text}.`;
}
