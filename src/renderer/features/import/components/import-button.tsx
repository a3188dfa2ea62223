import { useEffect, useId, useRef } from 'react';
import { useImport } from '../hooks/use-import';
import './import.css';

const ACCEPT = '.opml,.xml,.txt,.text,.md,.markdown,.html,.htm,.xhtml';

/**
 * "Import": subscription lists and article files, by picker, by dropping them on the window, or
 * (`request`) files the reader opened with Broadsheet from their system.
 */
export function ImportButton({ request }: { request?: { files: File[]; seq: number } } = {}) {
  const inputRef = useRef<HTMLInputElement>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const id = useId();
  const { report, working, importFiles, clear } = useImport();

  useEffect(() => {
    if (report && !dialogRef.current?.open) dialogRef.current?.showModal();
  }, [report]);

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
        aria-label="Files to import (OPML, text, Markdown, HTML)"
        hidden
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = '';
          if (files.length) void importFiles(files);
        }}
      />
      <dialog ref={dialogRef} className="dialog" aria-labelledby={`${id}-title`} onClose={clear}>
        <h2 id={`${id}-title`}>Import</h2>
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
          <button type="submit" className="button button-primary">
            Done
          </button>
        </form>
      </dialog>
    </>
  );
}

function summarize(report: {
  feedsAdded: number;
  foldersAdded: number;
  articlesSaved: string[];
}): string {
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
  return parts.length ? parts.join(' ') : 'Nothing was imported.';
}
