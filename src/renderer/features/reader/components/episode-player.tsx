import { useEffect, useId, useRef, useState } from 'react';
import type { Article } from '../../../db/entities';
import { useT } from '../../../i18n/use-t';
import { storedText } from '../../../lib/message-ref';
import {
  downloadEpisode,
  downloadProgress,
  isVideo,
  rememberPlayback,
  removeEpisodeDownload,
  useEpisodeRow,
  useEpisodeUrl,
  useSavedPlayback,
} from '../hooks/use-episode';
import './episode-player.css';

const SPEEDS = [0.75, 1, 1.25, 1.5, 1.75, 2];
/** Playback position is written at most this often while playing (and on pause). */
const SAVE_EVERY_MS = 5000;

/**
 * The player for an item's audio or video, above the article. It plays only the copy kept in
 * the library (the page never contacts a publisher: CSP media-src is 'self' blob:), so an
 * episode is downloaded first — by main, with the caps — then plays offline and resumes where
 * it was left.
 */
export function EpisodePlayer({ article, online }: { article: Article; online: boolean }) {
  const enclosure = article.enclosures?.[0];
  const t = useT();
  const row = useEpisodeRow(article.id);
  const id = useId();
  if (!enclosure || row === undefined) return null;
  const video = isVideo(enclosure);
  const label = t(video ? 'episodes.player.videoLabel' : 'episodes.player.episodeLabel', {
    title: article.title,
  });
  let status: string;
  let action: { text: string; run: () => void; disabled?: boolean } | undefined;
  if (!row) {
    status = enclosure.length
      ? t('episodes.status.notDownloadedSize', { size: t.bytes(enclosure.length) })
      : t('episodes.status.notDownloaded');
    action = {
      text: t(video ? 'episodes.action.downloadVideo' : 'episodes.action.downloadEpisode'),
      run: () => downloadEpisode(article),
      disabled: !online,
    };
  } else if (row.state === 'complete') {
    status = t('episodes.status.kept', { size: t.bytes(row.stored) });
  } else if (row.state === 'failed') {
    status = row.error
      ? t('episodes.status.failed', { reason: storedText(row.error, row.errorText) })
      : t('episodes.status.failedUnknown');
    action = {
      text: t('episodes.action.retry'),
      run: () => downloadEpisode(article),
      disabled: !online,
    };
  } else {
    const percent = downloadProgress(row);
    status =
      percent !== undefined
        ? t('episodes.status.downloadingPercent', { percent: percent / 100 })
        : row.stored > 0
          ? t('episodes.status.downloadingSize', { size: t.bytes(row.stored) })
          : t(online ? 'episodes.status.waiting' : 'episodes.status.waitingForNetwork');
  }
  return (
    <section
      className="episode-player"
      aria-label={t(video ? 'episodes.player.video' : 'episodes.player.episode')}
    >
      {row?.state === 'complete' && (
        <StoredMedia articleId={article.id} video={video} label={label} speedId={`${id}-speed`} />
      )}
      <p className="episode-status" role="status">
        {status}
      </p>
      <div className="episode-actions">
        {action && (
          <button type="button" className="button" disabled={action.disabled} onClick={action.run}>
            {action.text}
          </button>
        )}
        {row && (
          <button
            type="button"
            className="button"
            onClick={() => removeEpisodeDownload(article.id)}
          >
            {t(row.state === 'complete' ? 'episodes.action.remove' : 'episodes.action.cancel')}
          </button>
        )}
      </div>
    </section>
  );
}

function StoredMedia({
  articleId,
  video,
  label,
  speedId,
}: {
  articleId: string;
  video: boolean;
  label: string;
  speedId: string;
}) {
  const t = useT();
  const src = useEpisodeUrl(articleId, true);
  const saved = useSavedPlayback(articleId);
  const media = useRef<HTMLMediaElement | null>(null);
  const lastSave = useRef(0);
  const [speed, setSpeed] = useState(1);

  useEffect(() => {
    if (media.current) media.current.playbackRate = speed;
  }, [speed, src]);

  if (!src || saved === undefined) return null;
  const resume = (element: HTMLMediaElement) => {
    if (
      saved &&
      saved.seconds < (Number.isFinite(element.duration) ? element.duration : Infinity)
    ) {
      element.currentTime = saved.seconds;
    }
    element.playbackRate = speed;
  };
  const save = (element: HTMLMediaElement, force: boolean) => {
    const now = Date.now();
    if (!force && now - lastSave.current < SAVE_EVERY_MS) return;
    lastSave.current = now;
    rememberPlayback(articleId, element.currentTime, element.duration);
  };
  const common = {
    src,
    controls: true,
    preload: 'metadata' as const,
    'aria-label': label,
    onLoadedMetadata: (e: React.SyntheticEvent<HTMLMediaElement>) => resume(e.currentTarget),
    onTimeUpdate: (e: React.SyntheticEvent<HTMLMediaElement>) => save(e.currentTarget, false),
    onPause: (e: React.SyntheticEvent<HTMLMediaElement>) => save(e.currentTarget, true),
    onEnded: (e: React.SyntheticEvent<HTMLMediaElement>) => save(e.currentTarget, true),
  };
  return (
    <>
      {video ? (
        <video ref={(el) => void (media.current = el)} className="episode-media" {...common} />
      ) : (
        <audio ref={(el) => void (media.current = el)} className="episode-media" {...common} />
      )}
      <div className="episode-speed">
        <label htmlFor={speedId}>{t('episodes.player.speed')}</label>
        <select id={speedId} value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
          {SPEEDS.map((value) => (
            <option key={value} value={value}>
              {t('episodes.player.rate', { rate: value })}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
