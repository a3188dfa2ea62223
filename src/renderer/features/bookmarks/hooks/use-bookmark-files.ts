import { useCallback, useState } from 'react';
import { listBookmarksForExport } from '../../../db/bookmarks-repository';
import type { BookmarkRecord } from '../../../lib/bookmarks/bookmark-record';
import { describeFailure } from '../../../lib/storage-errors';
import { isWebUrl } from '@shared/web-url';
import type { MessageId } from '../../../i18n/catalogue';
import { useT } from '../../../i18n/use-t';

export type ExportKind = 'html' | 'json' | 'markdown' | 'markdown-files';

const FORMATS: Record<ExportKind, { extension: string; type: string; label: MessageId }> = {
  html: {
    extension: 'html',
    type: 'text/html;charset=utf-8',
    label: 'bookmarks.files.format.html',
  },
  json: { extension: 'json', type: 'application/json', label: 'bookmarks.files.format.json' },
  markdown: {
    extension: 'md',
    type: 'text/markdown;charset=utf-8',
    label: 'bookmarks.files.format.markdown',
  },
  // One .md file per article with its highlights, for a notes app's vault.
  'markdown-files': {
    extension: 'zip',
    type: 'application/zip',
    label: 'bookmarks.files.format.markdownFiles',
  },
};

/** broadsheet-bookmarks-2026-11-27.html: sorts by date next to earlier exports. */
export function exportFileName(kind: ExportKind, now = new Date()): string {
  return `broadsheet-bookmarks-${now.toISOString().slice(0, 10)}.${FORMATS[kind].extension}`;
}

export type FileState = { kind: 'idle' | 'working' | 'done' | 'failed'; message: string };

export function useBookmarkFiles() {
  const t = useT();
  const [state, setState] = useState<FileState>({ kind: 'idle', message: '' });

  const exportAs = useCallback(
    async (kind: ExportKind) => {
      setState({ kind: 'working', message: t('bookmarks.files.exporting') });
      try {
        const bookmarks = await listBookmarksForExport();
        const body = await exportBody(kind, bookmarks, Date.now());
        download(new Blob([body], { type: FORMATS[kind].type }), exportFileName(kind));
        // A browser bookmark needs an address; pages imported from files have none.
        const left =
          kind === 'html' ? bookmarks.filter((b) => !b.url || !isWebUrl(b.url)).length : 0;
        setState({
          kind: 'done',
          message: sentences(
            t('bookmarks.files.exported', {
              count: bookmarks.length - left,
              format: t(FORMATS[kind].label),
            }),
            left > 0 && t('bookmarks.files.exportedLeftOut', { count: left }),
          ),
        });
      } catch (error) {
        setState({
          kind: 'failed',
          message: t('bookmarks.files.exportFailed', { reason: describeFailure(error) }),
        });
      }
    },
    [t],
  );

  const importFile = useCallback(
    async (file: File) => {
      setState({ kind: 'working', message: t('bookmarks.files.importing') });
      try {
        const { checkBookmarksFileSize, describeSkippedBookmarks, parseBookmarksJson } =
          await import('../../../lib/bookmarks/bookmarks-json');
        const { importBookmarks } = await import('../../../db/bookmark-import-repository');
        checkBookmarksFileSize(file.size);
        const { records, skipped } = parseBookmarksJson(await file.text());
        const summary = await importBookmarks(records);
        const unread = describeSkippedBookmarks(skipped);
        setState({
          kind: 'done',
          message: sentences(
            t('bookmarks.files.imported', { count: summary.imported, added: summary.added }),
            summary.skipped > 0 && t('bookmarks.files.importSkipped', { count: summary.skipped }),
            unread,
          ),
        });
      } catch (error) {
        setState({
          kind: 'failed',
          message: t('bookmarks.files.importFailed', {
            file: file.name,
            reason: describeFailure(error),
          }),
        });
      }
    },
    [t],
  );

  return { state, exportAs, importFile };
}

/**
 * The file of one export format. Each format's writer is fetched when first used: exports are
 * rare, and their code stays out of the first paint.
 */
async function exportBody(
  kind: ExportKind,
  bookmarks: BookmarkRecord[],
  now: number,
): Promise<BlobPart> {
  switch (kind) {
    case 'html':
      return (await import('../../../lib/bookmarks/netscape-html')).toNetscapeHtml(bookmarks, now);
    case 'json':
      return (await import('../../../lib/bookmarks/bookmarks-json')).toBookmarksJson(
        bookmarks,
        now,
      );
    case 'markdown':
      return (await import('../../../lib/bookmarks/bookmarks-markdown')).toMarkdown(bookmarks, now);
    case 'markdown-files': {
      const { toArticleMarkdownFiles } = await import('../../../lib/bookmarks/highlights-markdown');
      const { storeZip } = await import('../../../lib/zip/store-zip');
      const files = toArticleMarkdownFiles(bookmarks);
      return storeZip(
        files.map((file) => ({ name: file.name, data: file.text })),
        now,
      );
    }
  }
}

/** A report of whole sentences, each its own message; the ones that do not apply left out. */
function sentences(...parts: (string | false)[]): string {
  return parts.filter(Boolean).join(' ');
}

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // The download holds its own reference by now; give it a moment before letting go.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
