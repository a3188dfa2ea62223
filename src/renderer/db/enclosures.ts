/**
 * Which of a feed item's enclosures the reader can play: audio and video only (image
 * enclosures already travel as `images`; a PDF or a torrent is no episode). A feed that gives
 * no type still names most files by their ending, so that decides then.
 */
import type { Enclosure } from '@shared/feed-model';
import { isWebUrl } from '@shared/web-url';
import type { MediaEnclosure } from './entities';

const AUDIO_ENDINGS: Record<string, string> = {
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  oga: 'audio/ogg',
  ogg: 'audio/ogg',
  opus: 'audio/ogg',
  wav: 'audio/wav',
  flac: 'audio/flac',
};
const VIDEO_ENDINGS: Record<string, string> = {
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  webm: 'video/webm',
  mov: 'video/quicktime',
  ogv: 'video/ogg',
};
/** More than any real item carries; a hostile feed cannot make a row huge with them. */
const MAX_ENCLOSURES = 20;
const MAX_TYPE_LENGTH = 200;

export function mediaEnclosures(enclosures: readonly Enclosure[] | undefined): MediaEnclosure[] {
  const kept: MediaEnclosure[] = [];
  for (const enclosure of enclosures ?? []) {
    if (kept.length >= MAX_ENCLOSURES) break;
    if (enclosure.url.length > 4096 || !isWebUrl(enclosure.url)) continue;
    const type = mediaType(enclosure);
    if (!type) continue;
    const media: MediaEnclosure = { url: enclosure.url, type };
    const length = enclosure.length;
    if (length !== undefined && Number.isSafeInteger(length) && length > 0) media.length = length;
    kept.push(media);
  }
  return kept;
}

/** Whether the enclosure is video (the reader shows a <video> then, else an <audio>). */
export function isVideo(enclosure: MediaEnclosure): boolean {
  return enclosure.type?.toLowerCase().startsWith('video/') ?? false;
}

function mediaType(enclosure: Enclosure): string | undefined {
  const declared = enclosure.type?.trim().toLowerCase();
  if (declared && /^(audio|video)\/[a-z0-9.+-]+$/.test(declared)) {
    return declared.length <= MAX_TYPE_LENGTH ? declared : undefined;
  }
  // A declared type that is something else (image/jpeg, application/pdf) is believed.
  if (declared && declared !== 'application/octet-stream') return undefined;
  let path: string;
  try {
    path = new URL(enclosure.url).pathname.toLowerCase();
  } catch {
    return undefined;
  }
  const ending = /\.([a-z0-9]+)$/.exec(path)?.[1] ?? '';
  return AUDIO_ENDINGS[ending] ?? VIDEO_ENDINGS[ending];
}
