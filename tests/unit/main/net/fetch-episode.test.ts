import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchEpisodeChunk } from '@main/net/fetch-episode';

/** A fake "episode": 10,000 bytes whose values tell each byte's position. */
const EPISODE = Uint8Array.from({ length: 10_000 }, (_, i) => i % 251);
let server: Server;
let base: string;
const ranges: (string | undefined)[] = [];
/** Cut the connection after this many bytes of the next answer (a failed download). */
let cutAfter: number | undefined;

/** Answers Range requests as a podcast CDN does (206 + Content-Range), or ignores them. */
function serve(req: IncomingMessage, res: ServerResponse): void {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (path === '/moved.mp3') {
    res.writeHead(302, { Location: '/ranged.mp3' });
    res.end();
    return;
  }
  if (path === '/page.mp3') {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<p>Sign in</p>');
    return;
  }
  ranges.push(req.headers.range);
  const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
  const ranged = path === '/ranged.mp3' || path === '/unsized.mp3';
  let body = EPISODE;
  if (ranged && range) {
    const start = Number(range[1]);
    if (start >= EPISODE.length) {
      res.writeHead(416, { 'Content-Range': `bytes */${EPISODE.length}` });
      res.end();
      return;
    }
    const end = Math.min(range[2] ? Number(range[2]) : EPISODE.length - 1, EPISODE.length - 1);
    body = EPISODE.subarray(start, end + 1);
    const size = path === '/unsized.mp3' ? '*' : String(EPISODE.length);
    res.writeHead(206, {
      'Content-Type': 'audio/mpeg',
      'Content-Range': `bytes ${start}-${end}/${size}`,
      'Content-Length': String(body.byteLength),
    });
  } else {
    res.writeHead(200, { 'Content-Type': 'audio/mpeg', 'Content-Length': String(body.length) });
  }
  if (cutAfter !== undefined) {
    const cut = cutAfter;
    cutAfter = undefined;
    res.write(body.subarray(0, cut), () => res.destroy());
    return;
  }
  res.end(body);
}

beforeAll(async () => {
  server = createServer(serve);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const deps = { fetch: globalThis.fetch, userAgent: 'Broadsheet-test' };

/** Calls until done, as the renderer's download loop does; returns the bytes in order. */
async function downloadAll(url: string, maxBytes: number, chunkBytes: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let from = 0;
  for (let calls = 0; calls < 100; calls += 1) {
    const chunk = await fetchEpisodeChunk(deps, { url, from, maxBytes }, { chunkBytes });
    parts.push(chunk.bytes);
    from += chunk.bytes.byteLength;
    if (chunk.done) break;
  }
  return Uint8Array.from(parts.flatMap((part) => [...part]));
}

describe('fetchEpisodeChunk', () => {
  it('downloads an episode in ranged chunks that join to the whole file', async () => {
    ranges.length = 0;
    const first = await fetchEpisodeChunk(
      deps,
      { url: `${base}/ranged.mp3`, from: 0, maxBytes: 1_000_000 },
      { chunkBytes: 4000 },
    );
    expect(first).toMatchObject({ total: 10_000, done: false, contentType: 'audio/mpeg' });
    expect(first.bytes.byteLength).toBe(4000);
    expect(ranges[0]).toBe('bytes=0-4000');
    expect(await downloadAll(`${base}/ranged.mp3`, 1_000_000, 4000)).toEqual(EPISODE);
    // Without a size in Content-Range, the extra byte asked for tells where the file ends.
    expect(await downloadAll(`${base}/unsized.mp3`, 1_000_000, 2500)).toEqual(EPISODE);
    // Redirects are followed (a podcast's tracking-free CDN hop).
    expect(await downloadAll(`${base}/moved.mp3`, 1_000_000, 6000)).toEqual(EPISODE);
  });

  it('resumes from the bytes kept after a connection was cut', async () => {
    cutAfter = 1500;
    await expect(
      fetchEpisodeChunk(deps, { url: `${base}/ranged.mp3`, from: 0, maxBytes: 1_000_000 }),
    ).rejects.toMatchObject({ code: 'network' });
    ranges.length = 0;
    const rest = await fetchEpisodeChunk(deps, {
      url: `${base}/ranged.mp3`,
      from: 1500,
      maxBytes: 1_000_000,
    });
    // Asks from where it stopped, never past the cap.
    expect(ranges).toEqual([`bytes=1500-1000000`]);
    expect(rest.done).toBe(true);
    expect(rest.bytes).toEqual(EPISODE.subarray(1500));
    // Asked past the end (everything already stored): done, nothing more.
    const past = await fetchEpisodeChunk(deps, {
      url: `${base}/ranged.mp3`,
      from: 10_000,
      maxBytes: 1_000_000,
    });
    expect(past).toMatchObject({ done: true, total: 10_000 });
    expect(past.bytes.byteLength).toBe(0);
  });

  it('still resumes, by skipping, from a server that ignores Range', async () => {
    const rest = await fetchEpisodeChunk(
      deps,
      { url: `${base}/whole.mp3`, from: 7000, maxBytes: 1_000_000 },
      { chunkBytes: 2000 },
    );
    expect(rest.bytes).toEqual(EPISODE.subarray(7000, 9000));
    expect(rest.done).toBe(false);
    expect(await downloadAll(`${base}/whole.mp3`, 1_000_000, 3000)).toEqual(EPISODE);
  });

  it('refuses an episode over the cap, by its announced size or as it arrives', async () => {
    // Announced: refused before a byte is kept.
    await expect(
      fetchEpisodeChunk(deps, { url: `${base}/ranged.mp3`, from: 0, maxBytes: 9999 }),
    ).rejects.toMatchObject({
      code: 'too-large',
      message: expect.stringMatching(/larger than .*the most kept for one episode/),
    });
    await expect(
      fetchEpisodeChunk(deps, { url: `${base}/whole.mp3`, from: 0, maxBytes: 5000 }),
    ).rejects.toMatchObject({ code: 'too-large' });
    // Not announced: the chunk that reaches the cap with more to come is refused.
    await expect(downloadAll(`${base}/unsized.mp3`, 6000, 2500)).rejects.toMatchObject({
      code: 'too-large',
    });
    // Exactly the cap is allowed.
    expect(await downloadAll(`${base}/unsized.mp3`, 10_000, 2500)).toEqual(EPISODE);
  });

  it('refuses a page instead of the episode, and answers that are errors', async () => {
    await expect(
      fetchEpisodeChunk(deps, { url: `${base}/page.mp3`, from: 0, maxBytes: 1_000_000 }),
    ).rejects.toMatchObject({ code: 'unsupported' });
    await expect(
      fetchEpisodeChunk(deps, { url: `${base}/ranged.mp3`, from: 12_000, maxBytes: 1_000_000 }),
    ).rejects.toMatchObject({ code: 'http' });
  });
});
