import { useCallback, useState } from 'react';
import { getApi } from '../../../api/broadsheet-api';
import { exportOpmlTree, importOpmlTree } from '../../../db/feeds-repository';
import { refreshFeeds } from '../../../lib/sync-client';

export interface ImportReport {
  fileName: string;
  added: number;
  folders: number;
  problems: { outline: string; reason: string }[];
}

export function useOpmlImport() {
  const [report, setReport] = useState<ImportReport>();
  const [error, setError] = useState<string>();

  const importFile = useCallback(async (file: File) => {
    setError(undefined);
    setReport(undefined);
    const parsed = await getApi().invoke('opml.parse', { text: await file.text() });
    if (!parsed.ok) {
      setError(`${file.name}: ${parsed.error.message}`);
      return;
    }
    const summary = await importOpmlTree(parsed.value.root);
    setReport({
      fileName: file.name,
      added: summary.added,
      folders: summary.folders,
      problems: [
        ...parsed.value.problems,
        ...summary.skipped.map((s) => ({ outline: s.title, reason: s.reason })),
      ],
    });
    if (summary.feedIds.length > 0) {
      void refreshFeeds(summary.feedIds);
    }
  }, []);

  return { report, error, importFile, clear: () => (setReport(undefined), setError(undefined)) };
}

/** Builds the OPML text in main (the same writer the CLI and tests use) and saves it. */
export async function exportOpml(): Promise<void> {
  const root = await exportOpmlTree();
  const built = await getApi().invoke('opml.build', { title: root.title, root });
  if (!built.ok) throw new Error(built.error.message);
  const url = URL.createObjectURL(new Blob([built.value.text], { type: 'text/x-opml' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = 'broadsheet-subscriptions.opml';
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
