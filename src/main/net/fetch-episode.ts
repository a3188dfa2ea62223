/**
 * Downloads one piece of a podcast or video episode: the bytes from `from` on, at most one
 * chunk, with a Range request so a download that failed halfway resumes where it stopped
 * instead of starting over. The renderer stores each chunk and asks for the next; main keeps no
 * state between calls. The episode's cap (`maxBytes`) is checked against what the server
 * announces before any byte is read, and against what arrives. Throws only AppError.
 *
 * A server that ignores Range answers 200 with the whole file: its first `from` bytes are
 * skipped as they stream past (nothing is held), so the download is still right, only slower.
 */
import type { EpisodeChunkResult } from '../../shared/contract';
import { AppError } from '../../shared/result';
import { EPISODE_CHUNK_BYTES } from '../../shared/episode-limits';
import { formatBytes } from '../../shared/format-bytes';
import { isWebProtocol, parseWebUrl } from '../../shared/web-url';
import { trackerUrlText } from '../privacy/trackers';
import { discardBody } from './read-body';
import { networkError } from './http-get';

export interface EpisodeFetchDeps {
  fetch: typeof globalThis.fetch;
  userAgent: string;
}

export interface EpisodeChunkRequest {
  url: string;
  /** Byte offset to start at: what is already stored. */
  from: number;
  /** The most this episode may take; the download is refused when it is known to be larger. */
  maxBytes: number;
}

/** What the renderer receives: the contract's type, so the two cannot drift. */
export type EpisodeChunk = EpisodeChunkResult;

export interface EpisodeFetchLimits {
  chunkBytes?: number;
  /** For one chunk: redirects and body included. */
  timeoutMs?: number;
}

const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const ACCEPT = 'audio/*,video/*;q=0.9,application/octet-stream;q=0.5,*/*;q=0.1';

export async function fetchEpisodeChunk(
  deps: EpisodeFetchDeps,
  request: EpisodeChunkRequest,
  limits: EpisodeFetchLimits = {},
): Promise<EpisodeChunk> {
  const chunkBytes = limits.chunkBytes ?? EPISODE_CHUNK_BYTES;
  const { from, maxBytes } = request;
  if (from >= maxBytes) throw tooLarge(maxBytes);
  const want = Math.min(chunkBytes, maxBytes - from);
  let url = parseWebUrl(request.url);
  if (!url) throw new AppError('invalid-params', 'main.net.notAnAddress', { address: request.url });
  const signal = AbortSignal.timeout(limits.timeoutMs ?? 60_000);
  try {
    for (let redirects = 0; ; redirects += 1) {
      const tracker = trackerUrlText(url.href);
      if (tracker) throw new AppError('forbidden', 'main.episode.tracker', tracker.values);
      const response = await deps.fetch(url.href, {
        redirect: 'manual',
        signal,
        headers: {
          'User-Agent': deps.userAgent,
          Accept: ACCEPT,
          // Ranges count the file's own bytes, not a compressed transfer of them.
          'Accept-Encoding': 'identity',
          Range: `bytes=${from}-${from + want}`,
        },
      });
      const location = response.headers.get('location');
      if (REDIRECTS.has(response.status) && location !== null) {
        await discardBody(response);
        if (redirects >= MAX_REDIRECTS) {
          throw new AppError('network', 'main.episode.tooManyRedirects', { max: MAX_REDIRECTS });
        }
        url = redirectTarget(url, location);
        continue;
      }
      return await receive(response, url, from, want, maxBytes);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (signal.aborted) throw new AppError('timeout', 'main.episode.timeout', { host: url.host });
    throw networkError(error, url);
  }
}

async function receive(
  response: Response,
  url: URL,
  from: number,
  want: number,
  maxBytes: number,
): Promise<EpisodeChunk> {
  const contentType = response.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (response.status === 416) {
    // Asked past the end: fine when everything is already stored.
    await discardBody(response);
    const total = totalOf(response.headers.get('content-range'));
    if (total !== undefined && total === from)
      return { bytes: new Uint8Array(0), total, done: true };
    throw new AppError('http', 'main.episode.noRange', { host: url.host, from: String(from) });
  }
  if (!response.ok) {
    await discardBody(response);
    const answer = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    throw new AppError('http', 'main.episode.httpStatus', { host: url.host, answer });
  }
  if (contentType === 'text/html' || contentType?.startsWith('image/')) {
    await discardBody(response);
    throw new AppError('unsupported', 'main.episode.notAudio', { host: url.host, contentType });
  }
  let skip = 0;
  let total: number | undefined;
  if (response.status === 206) {
    const range = /^bytes (\d+)-(\d+)\/(\d+|\*)$/i.exec(
      response.headers.get('content-range') ?? '',
    );
    if (!range || Number(range[1]) !== from) {
      await discardBody(response);
      throw new AppError('http', 'main.episode.wrongRange', { host: url.host });
    }
    total = range[3] === '*' ? undefined : Number(range[3]);
  } else {
    // The whole file: the part already stored streams past first.
    skip = from;
    const length = Number(response.headers.get('content-length') ?? NaN);
    total = Number.isFinite(length) ? length : undefined;
  }
  if (total !== undefined && total > maxBytes) {
    await discardBody(response);
    throw tooLarge(maxBytes);
  }
  // One byte more than the chunk is asked for: it tells whether the file goes on.
  const bytes = await readSlice(response, skip, want + 1);
  const kept = bytes.subarray(0, want);
  const more = bytes.byteLength > want || (total !== undefined && from + kept.byteLength < total);
  if (more && from + kept.byteLength >= maxBytes) throw tooLarge(maxBytes);
  // Nothing, yet more to come: asking again would loop forever.
  if (more && kept.byteLength === 0) {
    throw new AppError('http', 'main.episode.empty', { host: url.host });
  }
  const chunk: EpisodeChunk = { bytes: kept.slice(), done: !more };
  if (total !== undefined) chunk.total = total;
  if (contentType) chunk.contentType = contentType;
  return chunk;
}

/** Skips `skip` bytes, then keeps up to `keep`; the rest of the body is cancelled unread. */
async function readSlice(response: Response, skip: number, keep: number): Promise<Uint8Array> {
  const out = new Uint8Array(keep);
  let filled = 0;
  let toSkip = skip;
  if (!response.body) return out.subarray(0, 0);
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return out.subarray(0, filled);
    let piece = value;
    if (toSkip > 0) {
      const skipped = Math.min(toSkip, piece.byteLength);
      toSkip -= skipped;
      piece = piece.subarray(skipped);
    }
    const take = Math.min(piece.byteLength, keep - filled);
    out.set(piece.subarray(0, take), filled);
    filled += take;
    if (filled >= keep) {
      await reader.cancel().catch(() => undefined);
      return out.subarray(0, filled);
    }
  }
}

function totalOf(contentRange: string | null): number | undefined {
  const match = /\/(\d+)$/.exec(contentRange ?? '');
  return match ? Number(match[1]) : undefined;
}

function redirectTarget(from: URL, location: string): URL {
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw new AppError('network', 'main.episode.redirectInvalid', { host: from.host });
  }
  if (!isWebProtocol(next.protocol)) {
    throw new AppError('network', 'main.episode.redirectNotWeb', { host: from.host });
  }
  return next;
}

function tooLarge(maxBytes: number): AppError {
  return new AppError('too-large', 'main.episode.tooLarge', { size: formatBytes(maxBytes) });
}
