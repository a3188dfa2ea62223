import { useEffect, useId, useRef, useState } from 'react';
import type { Article } from '../../../db/entities';
import { formatBytes } from '@shared/format-bytes';
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
  const row = useEpisodeRow(article.id);
  const id = useId();
  if (!enclosure || row === undefined) return null;
  const video = isVideo(enclosure);
  const kind = video ? 'Video' : 'Episode';
  const label = `${kind}: ${article.title}`;
  let status: string;
  let action: { text: string; run: () => void; disabled?: boolean } | undefined;
  if (!row) {
    status = enclosure.length
      ? `Not downloaded (${formatBytes(enclosure.length)})`
      : 'Not downloaded';
    action = {
      text: `Download ${kind.toLowerCase()}`,
      run: () => downloadEpisode(article),
      disabled: !online,
    };
  } else if (row.state === 'complete') {
    status = `Kept offline (${formatBytes(row.stored)})`;
  } else if (row.state === 'failed') {
    status = `Download failed: ${row.error ?? 'unknown reason'}`;
    action = {
      text: 'Try the download again',
      run: () => downloadEpisode(article),
      disabled: !online,
    };
  } else {
    const percent = downloadProgress(row);
    status =
      percent !== undefined
        ? `Downloading ${percent}%`
        : row.stored > 0
          ? `Downloading (${formatBytes(row.stored)})`
          : online
            ? 'Waiting to download'
            : 'Waiting for a network connection to download';
  }
  return (
    <section
      className="episode-player"
      aria-label={kind === 'Video' ? 'Video player' : 'Episode player'}
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
            {row.state === 'complete' ? 'Remove download' : 'Cancel download'}
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
        <label htmlFor={speedId}>Speed</label>
        <select id={speedId} value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
          {SPEEDS.map((value) => (
            <option key={value} value={value}>
              {value}×
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
