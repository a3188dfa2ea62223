import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { Article, EpisodeRow, Playback } from '../../../db/entities';
import {
  getPlayback,
  queueEpisode,
  readEpisodeBlob,
  removeEpisode,
  savePlayback,
} from '../../../db/episodes-repository';
import { getDb } from '../../../db/database';
import { reportStorageError } from '../../../lib/storage-errors';

export { isVideo } from '../../../db/enclosures';

/** The article's kept episode as it changes (progress), or null when none is kept. */
export function useEpisodeRow(articleId: string | undefined): EpisodeRow | null | undefined {
  return useLiveQuery(
    async () => (articleId ? ((await getDb().episodes.get(articleId)) ?? null) : null),
    [articleId],
  );
}

/**
 * An object URL for the whole stored episode once it is complete (read from IndexedDB: no
 * network), revoked when the article closes.
 */
export function useEpisodeUrl(articleId: string, complete: boolean): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!complete) return;
    let made: string | undefined;
    let cancelled = false;
    void readEpisodeBlob(articleId).then((blob) => {
      if (cancelled || !blob) return;
      made = URL.createObjectURL(blob);
      setUrl(made);
    });
    return () => {
      cancelled = true;
      if (made) URL.revokeObjectURL(made);
      setUrl(undefined);
    };
  }, [articleId, complete]);
  return url;
}

/** Where playback was left, read once per opening (undefined while reading, null for none). */
export function useSavedPlayback(articleId: string): Playback | null | undefined {
  // Keyed by article: another article's answer never shows while this one's is read.
  const [found, setFound] = useState<{ articleId: string; row: Playback | null }>();
  useEffect(() => {
    let cancelled = false;
    void getPlayback(articleId).then((row) => {
      if (!cancelled) setFound({ articleId, row: row ?? null });
    });
    return () => {
      cancelled = true;
    };
  }, [articleId]);
  return found?.articleId === articleId ? found.row : undefined;
}

export function rememberPlayback(articleId: string, seconds: number, duration: number): void {
  void savePlayback(articleId, seconds, duration).catch((error: unknown) =>
    reportStorageError(error),
  );
}

export function downloadEpisode(article: Article): void {
  void queueEpisode(article).catch((error: unknown) => reportStorageError(error));
}

export function removeEpisodeDownload(articleId: string): void {
  void removeEpisode(articleId).catch((error: unknown) => reportStorageError(error));
}

/** "Downloading 45%": the same share the list shows. */
export { downloadPercent as downloadProgress } from '../../../db/episodes-repository';
