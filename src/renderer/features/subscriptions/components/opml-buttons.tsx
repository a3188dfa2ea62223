import { useEffect, useId, useRef } from 'react';
import { exportOpml, useOpmlImport } from '../hooks/use-opml';

/** "Import" takes an OPML subscription list and reports, outline by outline, what it skipped. */
export function ImportOpmlButton() {
  const inputRef = useRef<HTMLInputElement>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const id = useId();
  const { report, error, importFile, clear } = useOpmlImport();

  useEffect(() => {
    if ((report || error) && !dialogRef.current?.open) dialogRef.current?.showModal();
  }, [report, error]);

  return (
    <>
      <button
        type="button"
        className="button button-small"
        onClick={() => inputRef.current?.click()}
      >
        Import
      </button>
      <input
        ref={inputRef}
        type="file"
        accept=".opml,.xml,text/x-opml,text/xml,application/xml"
        aria-label="Subscription list file (OPML)"
        hidden
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void importFile(file);
        }}
      />
      <dialog ref={dialogRef} className="dialog" aria-labelledby={`${id}-title`} onClose={clear}>
        <h2 id={`${id}-title`}>Import subscriptions</h2>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {report && (
          <>
            <p role="status">
              Added {report.added} {report.added === 1 ? 'feed' : 'feeds'}
              {report.folders
                ? ` in ${report.folders} new ${report.folders === 1 ? 'folder' : 'folders'}`
                : ''}{' '}
              from {report.fileName}. They will fill in as they refresh.
            </p>
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
        <div className="dialog-actions">
          <button
            type="button"
            className="button button-primary"
            onClick={() => dialogRef.current?.close()}
          >
            Done
          </button>
        </div>
      </dialog>
    </>
  );
}

export function ExportOpmlButton() {
  return (
    <button type="button" className="button button-small" onClick={() => void exportOpml()}>
      Export OPML
    </button>
  );
}
