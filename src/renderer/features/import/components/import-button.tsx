import { useEffect, useId, useRef } from 'react';
import type { MessageId } from '../../../i18n/catalogue';
import { useT, type Translator } from '../../../i18n/use-t';
import { whenClosed } from '../../../lib/dialog-closed';
import type { RescueFormat } from '../../../lib/rescue/rescue-item';
import { useImport, type ImportReport } from '../hooks/use-import';
import type { RescueReport } from '../hooks/rescue-import';
import './import.css';

const ACCEPT = '.opml,.xml,.txt,.text,.md,.markdown,.html,.htm,.xhtml,.csv,.zip';

/** Whose export a file was, as the reader knows it. */
const SOURCE_NAMES: Record<RescueFormat, MessageId> = {
  'pocket-html': 'import.source.pocket',
  'pocket-csv': 'import.source.pocket',
  instapaper: 'import.source.instapaper',
  omnivore: 'import.source.omnivore',
  readwise: 'import.source.readwise',
};

/**
 * "Import": subscription lists, article files and the exports of read-it-later services
 * (Pocket, Instapaper, Omnivore, Readwise Reader), by picker, by dropping them on the window, or
 * (`request`) files the reader opened with Broadsheet from their system.
 */
export function ImportButton({ request }: { request?: { files: File[]; seq: number } } = {}) {
  const t = useT();
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
        {t('import.button')}
      </button>
      <input
        ref={inputRef}
        type="file"
        multiple
        accept={ACCEPT}
        aria-label={t('import.fileInput')}
        hidden
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = '';
          if (files.length) void importFiles(files);
        }}
      />
      <dialog
        ref={dialogRef}
        className="dialog"
        aria-labelledby={`${id}-title`}
        onClose={whenClosed(clear)}
      >
        <h2 id={`${id}-title`}>{t('import.title')}</h2>
        {!report && progress && (
          <>
            <p role="status">
              {t('import.progress.text', {
                source: t(SOURCE_NAMES[progress.format]),
                done: progress.done,
                total: progress.total,
              })}
            </p>
            <progress
              className="import-progress"
              aria-label={t('import.progress.label')}
              max={Math.max(1, progress.total)}
              value={progress.done}
            />
          </>
        )}
        {report && (
          <>
            <p role="status">{summarize(report, t)}</p>
            {report.articlesSaved.length > 0 && (
              <ul className="import-list" aria-label={t('import.report.savedList')}>
                {report.articlesSaved.map((title, index) => (
                  <li key={index}>{title}</li>
                ))}
              </ul>
            )}
            {report.problems.length > 0 && (
              <>
                <h3>{t('import.report.problemsHeading', { count: report.problems.length })}</h3>
                <ul className="import-problems" aria-label={t('import.report.problemsList')}>
                  {report.problems.map((problem, index) => (
                    <li key={index}>
                      {t.rich('import.report.problem', {
                        outline: problem.outline,
                        reason: problem.reason,
                        strong: (chunks) => <strong key="outline">{chunks}</strong>,
                      })}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        )}
        <form method="dialog" className="dialog-actions">
          <button type="submit" className="button button-primary" disabled={!report}>
            {t('import.done')}
          </button>
        </form>
      </dialog>
    </>
  );
}

function summarize(report: ImportReport, t: Translator): string {
  const parts: string[] = [];
  if (report.feedsAdded > 0) {
    const counts = { feeds: report.feedsAdded, folders: report.foldersAdded };
    parts.push(
      report.foldersAdded
        ? t('import.report.feedsAddedInFolders', counts)
        : t('import.report.feedsAdded', counts),
    );
  }
  if (report.articlesSaved.length > 0) {
    parts.push(t('import.report.articlesSaved', { count: report.articlesSaved.length }));
  }
  for (const rescued of report.rescued) parts.push(describeRescue(rescued, t));
  return parts.length ? parts.join(' ') : t('import.report.nothing');
}

/** "Pocket export: 120 new saved articles, 3 already there; 95 to fetch for reading offline." */
function describeRescue(report: RescueReport, t: Translator): string {
  const summary = t('import.report.rescued', {
    source: t(SOURCE_NAMES[report.format]),
    added: report.added,
    alreadyThere: report.alreadyThere,
    failed: report.failed.length,
    highlights: report.highlights,
    queued: report.queued,
  });
  return report.stopped
    ? t('import.report.rescueStopped', { summary, reason: report.stopped })
    : summary;
}
