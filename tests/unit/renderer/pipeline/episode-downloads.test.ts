/**
 * Episode downloads end to end below the UI: the page's pipeline, main's real chunk fetcher
 * (called as the bridge would) and a real HTTP server on 127.0.0.1 that can cut a download off.
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Blob as NodeBlob } from 'node:buffer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@renderer/db/database';
import { putSetting } from '@renderer/db/settings-repository';
import { queueEpisode, readEpisodeBlob } from '@renderer/db/episodes-repository';
import { runDownloads, startEpisodeDownloads } from '@renderer/pipeline/episode-downloads';
import { fetchEpisodeChunk } from '@main/net/fetch-episode';
import { type AppError } from '@shared/result';
import type { BroadsheetApi, MethodParams } from '@shared/contract';
import { storedArticle } from '../db/fixtures';
import { switchLocale } from '@renderer/i18n/current-locale';
import { storedText } from '@renderer/lib/message-ref';

// jsdom's Blob does not survive fake-indexeddb's structured clone (it comes back a plain
// object); Node's own Blob does, as Chromium's does. The code under test is unchanged.
Object.assign(globalThis, { Blob: NodeBlob });

const EPISODE = Uint8Array.from({ length: 5000 }, (_, i) => (i * 7) % 256);
let server: Server;
let base: string;
/** Cut the next answer off after this many bytes. */
let cutAfter: number | undefined;
const asked: string[] = [];

function serve(req: IncomingMessage, res: ServerResponse): void {
  const status = { '/missing.mp3': 404, '/busy.mp3': 503, '/slow-down.mp3': 429 }[req.url ?? ''];
  if (status) {
    res.writeHead(status);
    res.end();
    return;
  }
  asked.push(req.headers.range ?? '');
  const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
  const start = Number(range?.[1] ?? 0);
  const end = Math.min(Number(range?.[2] ?? EPISODE.length - 1), EPISODE.length - 1);
  const body = EPISODE.subarray(start, end + 1);
  res.writeHead(206, {
    'Content-Type': 'audio/mpeg',
    'Content-Range': `bytes ${start}-${end}/${EPISODE.length}`,
    'Content-Length': String(body.byteLength),
  });
  if (cutAfter !== undefined) {
    const cut = cutAfter;
    cutAfter = undefined;
    res.write(body.subarray(0, cut), () => res.destroy());
    return;
  }
  res.end(body);
}

// Main as the bridge reaches it: the real chunk fetcher, 1,000-byte chunks.
const bridge: BroadsheetApi = {
  invoke: async (method, params) => {
    if (method !== 'episodes.fetch') throw new Error(`unexpected ${method}`);
    const { url, from, maxBytes } = params as MethodParams<'episodes.fetch'>;
    try {
      const value = await fetchEpisodeChunk(
        { fetch: globalThis.fetch, userAgent: 'test' },
        { url, from, maxBytes },
        { chunkBytes: 1000 },
      );
      return { ok: true, value } as never;
    } catch (error) {
      const { code, message } = error as AppError;
      return { ok: false, error: { code, message } };
    }
  },
  on: () => () => undefined,
};
Object.assign(window, { broadsheet: bridge });

beforeAll(async () => {
  server = createServer(serve);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await getDb().delete();
});

const bytesOf = async (blob: Blob | undefined) => new Uint8Array(await blob!.arrayBuffer());

describe('episode downloads', () => {
  it('stores an episode chunk by chunk, and resumes where a cut-off download stopped', async () => {
    const db = getDb();
    const article = storedArticle('pod|1', {
      enclosures: [{ url: `${base}/ep1.mp3`, type: 'audio/mpeg' }],
    });
    await db.articles.put(article);
    // The third chunk is cut off after 300 of its bytes.
    let calls = 0;
    const realInvoke = bridge.invoke;
    bridge.invoke = async (method, params) => {
      calls += 1;
      if (calls === 3) cutAfter = 300;
      return realInvoke(method, params);
    };
    await queueEpisode(article);
    await runDownloads();
    bridge.invoke = realInvoke;
    const failed = (await db.episodes.get('pod|1'))!;
    expect(failed).toMatchObject({ state: 'failed', stored: 2000, retryable: true });
    expect(failed.error).toMatch(/cut off|connection/i);
    expect(await readEpisodeBlob('pod|1')).toBeUndefined();

    // The network comes back: it carries on from byte 2,000, not from the start.
    asked.length = 0;
    const stop = startEpisodeDownloads();
    window.dispatchEvent(new Event('online'));
    await expect.poll(async () => (await db.episodes.get('pod|1'))?.state).toBe('complete');
    stop();
    expect(asked[0]).toBe('bytes=2000-3000');
    expect(await db.episodes.get('pod|1')).toMatchObject({ stored: 5000, size: 5000 });
    const blob = await readEpisodeBlob('pod|1');
    expect(blob?.type).toBe('audio/mpeg');
    expect(await bytesOf(blob)).toEqual(EPISODE);
  });

  it('refuses what passes the caps, saying which cap, and keeps nothing of it', async () => {
    const db = getDb();
    await putSetting('episodes', { maxEpisodeBytes: 4000, maxTotalBytes: 1_000_000 });
    const big = storedArticle('pod|2', { enclosures: [{ url: `${base}/ep2.mp3` }] });
    await db.articles.put(big);
    await queueEpisode(big);
    await runDownloads();
    const refused = (await db.episodes.get('pod|2'))!;
    expect(refused).toMatchObject({ state: 'failed', retryable: false, stored: 0 });
    expect(refused.error).toMatch(/larger than 3\.9 KB|larger than 4 KB|larger than 4,000/);
    expect(refused.error).toMatch(/one episode/);
    expect(await db.episodeParts.where('articleId').equals('pod|2').count()).toBe(0);

    // All episodes together: pod|1 keeps 5,000 bytes, so 7,000 in all leaves 2,000 for this one.
    await putSetting('episodes', { maxEpisodeBytes: 1_000_000, maxTotalBytes: 7000 });
    await queueEpisode(big);
    await runDownloads();
    const total = (await db.episodes.get('pod|2'))!;
    expect(total).toMatchObject({ state: 'failed', retryable: false });
    expect(total.error).toMatch(/all episodes together/);
    expect(await db.episodeParts.where('articleId').equals('pod|2').count()).toBe(0);
    // The reason keeps its message: it reads in the language the reader switches to.
    expect(storedText(total.error!, total.errorText)).toBe(total.error);
    await switchLocale('en-XA');
    try {
      expect(storedText(total.error!, total.errorText)).not.toMatch(/all episodes together/);
    } finally {
      await switchLocale('en');
    }

    // Room again (the reader raised the cap): asked again, it completes.
    await putSetting('episodes', { maxEpisodeBytes: 1_000_000, maxTotalBytes: 1_000_000 });
    await queueEpisode(big);
    await runDownloads();
    expect(await bytesOf(await readEpisodeBlob('pod|2'))).toEqual(EPISODE);
  });

  it('gives up on an episode the server has not got, and tries a busy one again later', async () => {
    const db = getDb();
    for (const name of ['missing', 'busy', 'slow-down']) {
      const article = storedArticle(`pod|${name}`, {
        enclosures: [{ url: `${base}/${name}.mp3`, type: 'audio/mpeg' }],
      });
      await db.articles.put(article);
      await queueEpisode(article);
    }
    await runDownloads();
    expect(await db.episodes.get('pod|missing')).toMatchObject({
      state: 'failed',
      retryable: false,
      error: expect.stringMatching(/404/),
    });
    expect(await db.episodes.get('pod|busy')).toMatchObject({ state: 'failed', retryable: true });
    expect(await db.episodes.get('pod|slow-down')).toMatchObject({
      state: 'failed',
      retryable: true,
    });
  });
});
