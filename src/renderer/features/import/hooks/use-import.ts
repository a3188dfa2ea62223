import { useCallback, useState } from 'react';
import type { ApiError } from '@shared/result';
import { getApi } from '../../../api/broadsheet-api';
import { importOpmlTree } from '../../../db/feeds-repository';
import { saveArticle } from '../../../db/saved-repository';
import { refreshFeeds } from '../../../pipeline/sync-client';
import { describeFailure } from '../../../lib/storage-errors';
import { translate } from '../../../i18n/current-locale';
import { errorText } from '../../../i18n/localized-error';
import { said } from '../../../lib/message-ref';
import type { RescueProgress, RescueReport } from './rescue-import';

/**
 * Reading read-it-later exports (zip archives, CSV, Pocket's HTML) is a sizeable share of code
 * only an import runs: a chunk of its own, fetched with the first import, not in the first paint.
 */
const rescueImport = () => import('./rescue-import');

export interface ImportReport {
  /** Subscriptions added from OPML files. */
  feedsAdded: number;
  foldersAdded: number;
  /** Articles saved from text, Markdown and HTML files. */
  articlesSaved: string[];
  problems: { outline: string; reason: string }[];
  /** Exports of read-it-later services (Pocket, Instapaper, Omnivore, Readwise Reader). */
  rescued: RescueReport[];
}

const EMPTY: ImportReport = {
  feedsAdded: 0,
  foldersAdded: 0,
  articlesSaved: [],
  problems: [],
  rescued: [],
};

/** Problems named one by one in the report; a file with thousands of bad rows says how many more. */
const MAX_PROBLEMS_SHOWN = 200;

/** An OPML list by its name, or by its content when it carries a generic .xml name. */
async function isOpml(file: File): Promise<boolean> {
  if (/\.opml$/i.test(file.name)) return true;
  if (!/\.xml$/i.test(file.name)) return false;
  return /<opml[\s>]/i.test(await file.slice(0, 4096).text());
}

/**
 * One entry point for everything a reader can bring in: subscription lists (OPML) become feeds,
 * text, Markdown and HTML files become saved articles. Each file's fate is reported. Its words
 * are made with `translate` as each problem is met: `importFiles` keeps one identity, so a
 * change of language never looks like a new import to the effects that depend on it.
 */
export function useImport() {
  const [report, setReport] = useState<ImportReport>();
  const [working, setWorking] = useState(false);
  const [progress, setProgress] = useState<RescueProgress>();

  const importFiles = useCallback(async (files: File[]) => {
    // A new import's progress takes the place of the last one's report.
    setReport(undefined);
    setWorking(true);
    const result: ImportReport = { ...EMPTY, articlesSaved: [], problems: [], rescued: [] };
    const newFeedIds: string[] = [];
    for (const file of files) {
      let rescue: Awaited<ReturnType<typeof rescueImport>> | undefined;
      try {
        rescue = await rescueImport();
        if (await rescue.isRescueFile(file)) {
          const rescued = await rescue.importRescueFile(file, { onProgress: setProgress });
          result.rescued.push(rescued);
          result.problems.push(
            ...rescued.failed.map((problem) => ({
              outline: translate('import.report.where', { file: file.name, where: problem.where }),
              reason: problem.reason,
            })),
          );
          continue;
        }
        if (await isOpml(file)) {
          const parsed = await getApi().invoke('opml.parse', { text: await file.text() });
          if (!parsed.ok) {
            result.problems.push({
              outline: file.name,
              reason: errorText(parsed.error, translate),
            });
            continue;
          }
          const summary = await importOpmlTree(parsed.value.root);
          result.feedsAdded += summary.added;
          result.foldersAdded += summary.folders;
          newFeedIds.push(...summary.feedIds);
          result.problems.push(
            // Main says each in English and as one of its messages: the reader's language here.
            ...parsed.value.problems.map((problem) => ({
              outline: problem.outlineText ? said(problem.outlineText) : problem.outline,
              reason: problem.text ? said(problem.text) : problem.reason,
            })),
            ...summary.skipped.map((s) => ({ outline: s.title, reason: s.reason })),
          );
          continue;
        }
        const bytes = new Uint8Array(await file.arrayBuffer());
        const imported = await getApi().invoke('articles.import', { name: file.name, bytes });
        if (!imported.ok) {
          result.problems.push({
            outline: file.name,
            reason: errorText(imported.error, translate),
          });
          continue;
        }
        const saved = await saveArticle(imported.value, { fileName: file.name });
        result.articlesSaved.push(saved.title);
      } catch (error) {
        const reason =
          rescue && error instanceof rescue.RescueError
            ? errorText(error, translate)
            : describeFailure(error);
        result.problems.push({ outline: file.name, reason });
      }
    }
    if (newFeedIds.length > 0) void refreshFeeds(newFeedIds);
    if (result.problems.length > MAX_PROBLEMS_SHOWN) {
      const more = result.problems.length - MAX_PROBLEMS_SHOWN;
      result.problems = [
        ...result.problems.slice(0, MAX_PROBLEMS_SHOWN),
        {
          outline: translate('import.report.more', { count: more }),
          reason: translate('import.report.moreReason'),
        },
      ];
    }
    setProgress(undefined);
    setReport(result);
    setWorking(false);
  }, []);

  return { report, working, progress, importFiles, clear: () => setReport(undefined) };
}

/** Saves the page, or gives main's error: the dialog says it in the reader's language. */
export async function saveUrl(url: string): Promise<{ title: string } | { error: ApiError }> {
  // Typed by the reader: main may reach this host on their own network (it alone).
  const fetched = await getApi().invoke('articles.fetchFull', {
    url,
    allowPrivateHost: hostOf(url),
  });
  if (!fetched.ok) return { error: fetched.error };
  const saved = await saveArticle(fetched.value, { url });
  return { title: saved.title };
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}
