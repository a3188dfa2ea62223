import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  BUDGET_REACHED,
  SVG_REFUSED,
  TRACKING_PIXEL,
  downloadImages,
  normalizeImageUrl,
  type ImageResult,
} from '@main/net/download-images';
import { gif, jpeg, png, webp } from './image-bytes';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const PNG = png(40, 30);
const JPEG = jpeg(640, 480);
const routes = new Map<string, Handler>();
const hits = new Map<string, number>();
const userAgents: string[] = [];
let inFlight = 0;
let maxInFlight = 0;
let server: Server;
let base: string;

function send(type: string | undefined, body: Uint8Array | string, status = 200): Handler {
  return (_req, res) => {
    const headers: Record<string, string> = {};
    if (type) headers['Content-Type'] = type;
    res.writeHead(status, headers);
    res.end(body);
  };
}

function redirect(location: string, status = 302): Handler {
  return (_req, res) => {
    res.writeHead(status, { Location: location });
    res.end();
  };
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    userAgents.push(req.headers['user-agent'] ?? '');
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => (inFlight -= 1));
    const handler = routes.get(path);
    if (handler) handler(req, res);
    else send('text/plain', 'not here', 404)(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  routes.set('/a.png', send('image/png', PNG));
  routes.set('/b.png', send('image/png', png(64, 48)));
  routes.set('/photo.jpg', send('image/jpeg; charset=binary', JPEG));
  routes.set('/photo.webp', send('image/webp', webp(800, 600)));
  // Not /pixel.gif: that path is on the tracker list and is refused before any request.
  routes.set('/spacer.gif', send('image/gif', gif(1, 1)));
  routes.set('/pixel.png', send('image/png', png(2, 2)));
  routes.set('/thin.png', send('image/png', png(1, 300)));
  routes.set('/unlabelled.png', send('application/octet-stream', PNG));
  routes.set('/untyped.jpg', send(undefined, JPEG));
  routes.set('/drawing.svg', send('image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"/>'));
  routes.set(
    '/svg-in-disguise.png',
    send('image/png', '<?xml version="1.0"?>\n<!-- x --><svg onload="alert(1)"></svg>'),
  );
  routes.set('/page.png', send('text/html', '<!doctype html><p>Not found</p>'));
  routes.set('/html-as-image.png', send('image/png', '<html><body>error</body></html>'));
  routes.set('/icon.bmp', send('image/bmp', new Uint8Array([0x42, 0x4d, 1, 2, 3, 4])));
  routes.set('/declared-huge.png', (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': String(6 * 1024 * 1024) });
    res.write(PNG);
    // The client must give up on the header alone; the rest never comes.
  });
  routes.set('/streamed-huge.png', (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'image/png' });
    res.write(PNG);
    const chunk = new Uint8Array(64 * 1024);
    let sent = 0;
    const pump = () => {
      while (sent < 7 * 1024 * 1024 && !res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    pump();
  });
  routes.set('/moved.png', redirect('/a.png', 301));
  routes.set('/hop1', redirect('/hop2'));
  routes.set('/hop2', redirect(`${base}/photo.jpg`, 307));
  routes.set('/loop', redirect('/loop'));
  for (let i = 1; i <= 6; i += 1) routes.set(`/chain${i}`, redirect(`/chain${i + 1}`));
  routes.set('/chain7', send('image/png', PNG));
  routes.set('/to-javascript', redirect('javascript:alert(1)'));
  routes.set('/to-file', redirect('file:///etc/passwd'));
  routes.set('/gone.png', send('text/plain', 'gone', 410));
  routes.set('/busy.png', send('text/plain', 'busy', 503));
  routes.set('/limited.png', send('text/plain', 'slow down', 429));
  routes.set('/slow.png', (_req, res) => {
    setTimeout(() => send('image/png', PNG)(_req, res), 1500);
  });
  routes.set('/stalls.png', (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'image/png' });
    res.write(PNG.subarray(0, 10));
  });
  routes.set('/cut.png', (req) => req.socket.destroy());
  for (let i = 0; i < 6; i += 1) {
    routes.set(`/delayed${i}.png`, (_req, res) => {
      setTimeout(() => send('image/png', png(10 + i, 10))(_req, res), 80);
    });
  }
  routes.set('/600k-a.png', send('image/png', padded(png(100, 100), 600 * 1024)));
  routes.set('/600k-b.png', send('image/png', padded(png(100, 100), 600 * 1024)));
  routes.set('/small.png', send('image/png', png(20, 20)));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  hits.clear();
  userAgents.length = 0;
  maxInFlight = 0;
});

/** A valid PNG with junk after IEND, to make it as large as needed. */
function padded(image: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size);
  out.set(image);
  return out;
}

const deps = { fetch: globalThis.fetch, userAgent: 'Broadsheet-Test/1.0' };
const url = (path: string) => `${base}${path}`;

async function one(path: string, limits = {}): Promise<ImageResult> {
  const [result] = await downloadImages(deps, [url(path)], limits);
  if (!result) throw new Error('no result');
  return result;
}

function failed(reason: string | RegExp, retryable: boolean) {
  return expect.objectContaining({
    ok: false,
    reason: typeof reason === 'string' ? reason : expect.stringMatching(reason),
    retryable,
  });
}

describe('downloadImages: images that are kept', () => {
  it('downloads a PNG with its size, sending our user agent', async () => {
    const result = await one('/a.png');
    expect(result).toEqual({
      url: url('/a.png'),
      ok: true,
      contentType: 'image/png',
      bytes: PNG,
      width: 40,
      height: 30,
    });
    expect(userAgents).toEqual(['Broadsheet-Test/1.0']);
  });

  it('reads JPEG and WebP sizes', async () => {
    expect(await one('/photo.jpg')).toMatchObject({
      ok: true,
      contentType: 'image/jpeg',
      width: 640,
      height: 480,
    });
    expect(await one('/photo.webp')).toMatchObject({
      ok: true,
      contentType: 'image/webp',
      width: 800,
      height: 600,
    });
  });

  it('trusts the bytes over a missing or generic Content-Type', async () => {
    expect(await one('/unlabelled.png')).toMatchObject({ ok: true, contentType: 'image/png' });
    expect(await one('/untyped.jpg')).toMatchObject({ ok: true, contentType: 'image/jpeg' });
  });

  it('keeps image types it cannot measure when the server says they are images', async () => {
    const result = await one('/icon.bmp');
    expect(result).toMatchObject({ ok: true, contentType: 'image/bmp' });
    expect(result).not.toHaveProperty('width');
  });

  it('keeps a thin image that is no tracking pixel', async () => {
    expect(await one('/thin.png')).toMatchObject({ ok: true, width: 1, height: 300 });
  });
});

describe('downloadImages: URLs', () => {
  it('fetches each image once, whatever the spelling, and keys results by the normal form', async () => {
    const results = await downloadImages(deps, [
      url('/a.png'),
      `${url('/a.png')}#fragment`,
      url('/a.png').replace('http://', 'HTTP://'),
      url('/photo.jpg'),
      url('/a.png'),
    ]);
    expect(results.map((r) => r.url)).toEqual([url('/a.png'), url('/photo.jpg')]);
    expect(hits.get('/a.png')).toBe(1);
    expect(normalizeImageUrl(`  ${url('/a.png')}#x `)).toBe(url('/a.png'));
  });

  it('downloads only http(s) images, without a request for the others', async () => {
    const others = [
      'data:image/png;base64,iVBORw0KGgo=',
      'file:///etc/passwd',
      'ftp://example.com/a.png',
      'javascript:alert(1)',
      'blob:http://x/1',
      'not a url',
    ];
    const results = await downloadImages(deps, others);
    expect(results).toHaveLength(others.length);
    for (const [i, result] of results.entries()) {
      expect(result).toEqual({
        url: others[i],
        ok: false,
        reason: 'only web images (http or https) are downloaded',
        retryable: false,
      });
    }
    expect(hits.size).toBe(0);
  });

  it('follows redirects and reports the URL it was asked for', async () => {
    expect(await one('/moved.png')).toMatchObject({ url: url('/moved.png'), ok: true, width: 40 });
    expect(await one('/hop1')).toMatchObject({ ok: true, contentType: 'image/jpeg' });
    expect(hits.get('/photo.jpg')).toBe(1);
  });

  it('follows at most 5 redirects', async () => {
    expect(await one('/chain2')).toMatchObject({ ok: true });
    expect(await one('/chain1')).toEqual(failed('more than 5 redirects', false));
    expect(await one('/loop')).toEqual(failed('more than 5 redirects', false));
  });

  it('refuses redirects to other schemes', async () => {
    expect(await one('/to-javascript')).toEqual(failed(/non-web address \(javascript:\)/, false));
    expect(await one('/to-file')).toEqual(failed(/non-web address \(file:\)/, false));
  });
});

describe('downloadImages: what is refused', () => {
  it('refuses SVG by Content-Type and by its bytes', async () => {
    expect(await one('/drawing.svg')).toEqual(failed(SVG_REFUSED, false));
    expect(await one('/svg-in-disguise.png')).toEqual(failed(SVG_REFUSED, false));
  });

  it('refuses what is not an image', async () => {
    expect(await one('/page.png')).toEqual(failed('not an image (text/html)', false));
    expect(await one('/html-as-image.png')).toEqual(failed('not an image (image/png)', false));
  });

  it('drops 1×1 and 2×2 tracking pixels', async () => {
    expect(await one('/spacer.gif')).toEqual(failed(TRACKING_PIXEL, false));
    expect(await one('/pixel.png')).toEqual(failed(TRACKING_PIXEL, false));
  });

  it('refuses an image over the cap from its Content-Length, before the body', async () => {
    expect(await one('/declared-huge.png')).toEqual(failed(/^larger than 5 MB/, false));
  });

  it('refuses an image over the cap while streaming it', async () => {
    expect(await one('/streamed-huge.png')).toEqual(failed(/^larger than 5 MB/, false));
    expect(await one('/a.png', { maxImageBytes: 20 })).toEqual(
      failed(/^larger than 20 bytes/, false),
    );
  });

  it('stops at the article budget: the image that does not fit and all after it', async () => {
    const results = await downloadImages(
      deps,
      [url('/600k-a.png'), url('/600k-b.png'), url('/small.png')],
      { maxArticleBytes: 1024 * 1024, concurrency: 1 },
    );
    expect(results[0]).toMatchObject({ ok: true, width: 100 });
    expect(results[1]).toEqual(failed(BUDGET_REACHED, false));
    expect(results[2]).toEqual(failed(BUDGET_REACHED, false));
    expect(hits.get('/small.png')).toBeUndefined();
  });

  it('never lets parallel downloads pass the budget together', async () => {
    const results = await downloadImages(deps, [url('/600k-a.png'), url('/600k-b.png')], {
      maxArticleBytes: 1024 * 1024,
      concurrency: 2,
    });
    const kept = results.filter((r) => r.ok);
    expect(kept).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([failed(BUDGET_REACHED, false)]);
  });

  it('does not count refused images against the budget', async () => {
    const results = await downloadImages(deps, [url('/spacer.gif'), url('/a.png')], {
      maxArticleBytes: PNG.byteLength,
      concurrency: 1,
    });
    expect(results[1]).toMatchObject({ ok: true });
  });
});

describe('downloadImages: failures worth retrying', () => {
  it('marks server errors and rate limits retryable, missing images not', async () => {
    expect(await one('/gone.png')).toEqual(failed('the server answered 410 Gone', false));
    expect(await one('/nowhere.png')).toEqual(failed('the server answered 404 Not Found', false));
    expect(await one('/busy.png')).toEqual(
      failed('the server answered 503 Service Unavailable', true),
    );
    expect(await one('/limited.png')).toEqual(failed(/^the server answered 429/, true));
  });

  it('gives up on a slow answer or a stalled body after the timeout', async () => {
    expect(await one('/slow.png', { timeoutMs: 200 })).toEqual(
      failed('no answer within 0.2 seconds', true),
    );
    expect(await one('/stalls.png', { timeoutMs: 200 })).toEqual(
      failed('no answer within 0.2 seconds', true),
    );
  });

  it('reports refused and cut connections as retryable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const [refused] = await downloadImages(deps, [`http://127.0.0.1:${port}/a.png`]);
    expect(refused).toEqual(failed(`127.0.0.1:${port} refused the connection`, true));
    expect(await one('/cut.png')).toEqual(failed(/cut off|could not reach/, true));
  });

  it('never throws: a fetch that throws synchronously still yields a result', async () => {
    const broken = {
      userAgent: 'x',
      fetch: (() => {
        throw new TypeError('boom');
      }) as typeof fetch,
    };
    const [result] = await downloadImages(broken, ['https://example.com/a.png']);
    expect(result).toEqual(failed('could not reach example.com (boom)', true));
  });
});

describe('downloadImages: concurrency', () => {
  it('runs at most `concurrency` downloads at once, and keeps the input order', async () => {
    const paths = Array.from({ length: 6 }, (_, i) => `/delayed${i}.png`);
    const results = await downloadImages(deps, paths.map(url), { concurrency: 2 });
    expect(maxInFlight).toBe(2);
    expect(results.map((r) => (r.ok ? r.width : r.reason))).toEqual([10, 11, 12, 13, 14, 15]);
  });

  it('defaults to 4 at once', async () => {
    const paths = Array.from({ length: 6 }, (_, i) => `/delayed${i}.png`);
    await downloadImages(deps, paths.map(url));
    expect(maxInFlight).toBe(4);
  });
});
