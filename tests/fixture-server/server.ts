/**
 * Loopback HTTP server for unit and end-to-end tests, so no test ever touches the internet.
 * Zero dependencies on purpose: it is loaded both by vitest and by Playwright's TS loader, and
 * must keep working whatever else changes in the dependency tree.
 *
 * Routes:
 *   GET|HEAD /shared/<path>            files under sharedDir (../shared: corpora, seed)
 *   GET|HEAD /fixtures/<path>          files under fixturesDir (tests/fixtures)
 *   GET      /redirect/<code>?to=      3xx with Location
 *   GET      /redirect-loop/<n>        302 to /redirect-loop/<n+1>, forever
 *   GET      /status/<code>            that status with a short text body
 *   GET      /drip?bytes=&interval=    a slow (optionally endless) RSS-looking stream
 *   GET      /huge?mb=                 n MiB of RSS-looking bytes, streamed fast
 *   GET      /hang                     never answers
 *   POST     /reset                    clears the request log
 *   PUT|GET|HEAD|DELETE /mutable/<name> in-memory documents tests can change between fetches
 *   PUT      /mutable/<name>?moveTo=&code= from now on a 3xx (default 301) to moveTo instead
 *
 * Static and mutable responses honour these query parameters: type, status, delay, gzip,
 * deflate, br, force, noetag, nolastmod, retryAfter, etagpad (an ETag made n characters
 * longer, as a misbehaving server might send).
 */
import { createHash } from 'node:crypto';
import { existsSync, promises as fsp } from 'node:fs';
import http from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';

export interface RecordedRequest {
  method: string;
  /** The raw request target: path plus query string, exactly as the client sent it. */
  path: string;
  headers: IncomingHttpHeaders;
  /** Date.now() when the request arrived; lets tests check retry/backoff spacing. */
  at: number;
}

export interface FixtureServer {
  /** e.g. http://127.0.0.1:PORT, no trailing slash. */
  url: string;
  port: number;
  close(): Promise<void>;
  /** Every request in arrival order. The same array for the server's life (reset empties it). */
  requests: RecordedRequest[];
}

export interface FixtureServerOptions {
  /** Default 0: the OS picks a free port. */
  port?: number;
  /** Default <repo>/tests/fixtures. */
  fixturesDir?: string;
  /** Default <repo>/../shared. */
  sharedDir?: string;
}

interface Entity {
  body: Buffer;
  contentType: string;
  etag: string;
  lastModified: Date;
}

interface MutableDoc extends Entity {
  /** Whole seconds since the epoch; kept separately so a re-PUT can move it strictly forward. */
  lastModifiedSec: number;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const CONTENT_TYPES: Record<string, string> = {
  '.xml': 'application/xml',
  '.rss': 'application/xml',
  '.atom': 'application/xml',
  '.rdf': 'application/xml',
  '.json': 'application/json',
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.opml': 'text/xml',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

const REDIRECT_CODES = new Set([301, 302, 303, 307, 308]);
const RSS_PREFIX = '<?xml version="1.0"?><rss><channel>';
// Filler looks like feed content so parsers do real work on it rather than skipping a comment.
const FILLER_UNIT = Buffer.from(
  `<item><title>Filler</title><description>${'x'.repeat(196)}</description></item>\n`,
  'utf8',
);
const MIB = 1024 * 1024;
// Big enough to make /huge fast, small enough that nothing large is ever held in memory.
const HUGE_CHUNK = 64 * 1024;

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The repo root is found by walking up to package.json rather than a fixed `../..`, so the
 * same code works when run from source (vitest, Playwright) and when bundled into out/ for the
 * CLI.
 */
function findRepoRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(__dirname, '..', '..');
    dir = parent;
  }
}

function hashEtag(body: Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

function parseIntParam(value: string | null, name: string, min: number, max: number): number {
  if (value === null) throw new HttpError(400, `missing ${name}`);
  if (!/^\d+$/.test(value)) throw new HttpError(400, `${name} must be an integer`);
  const n = Number(value);
  if (n < min || n > max) throw new HttpError(400, `${name} must be in ${min}..${max}`);
  return n;
}

function optionalInt(query: URLSearchParams, name: string, min: number, max: number) {
  return query.has(name) ? parseIntParam(query.get(name), name, min, max) : undefined;
}

function flag(query: URLSearchParams, name: string): boolean {
  const value = query.get(name);
  return value !== null && value !== '0' && value !== 'false';
}

function statusHasBody(status: number): boolean {
  return status >= 200 && status !== 204 && status !== 304;
}

function bodyAllowed(method: string, status: number): boolean {
  return method !== 'HEAD' && statusHasBody(status);
}

function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new HttpError(400, 'bad percent-encoding');
  }
}

/** Endless filler: successive chunks continue the pattern instead of restarting it. */
function makeFiller(chunkSize: number): (offset: number) => Buffer {
  const copies = Math.ceil((chunkSize + FILLER_UNIT.length) / FILLER_UNIT.length);
  const pattern = Buffer.concat(Array.from({ length: copies }, () => FILLER_UNIT));
  return (offset) => {
    const start = offset % FILLER_UNIT.length;
    return pattern.subarray(start, start + chunkSize);
  };
}

/** Weak comparison, as RFC 9110 prescribes for If-None-Match. */
function etagMatches(header: string, etag: string): boolean {
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}

function acceptsEncoding(header: string | undefined, coding: string): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    if (name.trim() !== coding && name.trim() !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/**
 * Maps a URL path below a route prefix onto a file inside root. Traversal is judged on the
 * decoded path, because `%2e%2e` and `..%2f` reach the server undecoded and would otherwise
 * slip past a check on the raw string.
 */
function resolveInside(root: string, rawSubPath: string): string {
  const decoded = decodeSegment(rawSubPath);
  if (decoded.includes('\0')) throw new HttpError(403, 'forbidden');
  const parts = decoded.split(/[\\/]+/);
  if (parts.includes('..')) throw new HttpError(403, 'forbidden');
  const rootAbs = path.resolve(root);
  const target = path.resolve(rootAbs, ...parts.filter((p) => p !== '' && p !== '.'));
  if (target !== rootAbs && !target.startsWith(rootAbs + path.sep)) {
    throw new HttpError(403, 'forbidden');
  }
  return target;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendText(res: ServerResponse, method: string, status: number, text: string): void {
  const body = Buffer.from(text, 'utf8');
  res.statusCode = status;
  if (statusHasBody(status)) {
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.setHeader('Content-Length', body.length);
  }
  res.end(bodyAllowed(method, status) ? body : undefined);
}

function statusText(status: number): string {
  return `${status} ${http.STATUS_CODES[status] ?? 'Unknown'}\n`;
}

export async function startFixtureServer(
  options: FixtureServerOptions = {},
): Promise<FixtureServer> {
  const repoRoot = findRepoRoot();
  const fixturesDir = options.fixturesDir ?? path.join(repoRoot, 'tests', 'fixtures');
  const sharedDir = options.sharedDir ?? path.resolve(repoRoot, '..', 'shared');

  const requests: RecordedRequest[] = [];
  const mutables = new Map<string, MutableDoc>();
  const moves = new Map<string, { code: number; to: string }>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  /** A timer that close() can cancel, so pending delays never hold the process open. */
  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });
  }

  function gone(res: ServerResponse): boolean {
    return closed || res.destroyed || res.socket === null || res.socket.destroyed;
  }

  /** Shared by static files and mutable documents: conditionals, overrides, encodings. */
  async function sendEntity(
    req: IncomingMessage,
    res: ServerResponse,
    query: URLSearchParams,
    entity: Entity,
  ): Promise<void> {
    const method = req.method ?? 'GET';
    const statusOverride = optionalInt(query, 'status', 200, 599);
    const delay = optionalInt(query, 'delay', 0, 600_000);
    const useEtag = !flag(query, 'noetag');
    const useLastMod = !flag(query, 'nolastmod');
    const etagPad = optionalInt(query, 'etagpad', 0, 64 * 1024);
    if (etagPad) entity = { ...entity, etag: `${entity.etag.slice(0, -1)}${'x'.repeat(etagPad)}"` };

    if (delay !== undefined) await sleep(delay);
    if (gone(res)) return;

    const headers: Record<string, string | number> = {};
    if (useEtag) headers['ETag'] = entity.etag;
    if (useLastMod) headers['Last-Modified'] = entity.lastModified.toUTCString();
    const retryAfter = query.get('retryAfter');
    if (retryAfter !== null) headers['Retry-After'] = retryAfter;

    // A forced status means the test wants exactly that status, so conditionals stay out of it.
    if (statusOverride === undefined && isNotModified(req, entity, useEtag, useLastMod)) {
      res.writeHead(304, headers);
      res.end();
      return;
    }

    const status = statusOverride ?? 200;
    let body = entity.body;
    const coding = pickEncoding(req, query);
    if (coding !== undefined) {
      body = compress(coding, body);
      headers['Content-Encoding'] = coding;
    }
    if (query.has('gzip') || query.has('deflate') || query.has('br')) {
      headers['Vary'] = 'Accept-Encoding';
    }
    headers['Content-Type'] = query.get('type') ?? entity.contentType;
    if (statusHasBody(status)) headers['Content-Length'] = body.length;
    res.writeHead(status, headers);
    res.end(bodyAllowed(method, status) ? body : undefined);
  }

  function isNotModified(
    req: IncomingMessage,
    entity: Entity,
    useEtag: boolean,
    useLastMod: boolean,
  ): boolean {
    const inm = req.headers['if-none-match'];
    // RFC 9110: If-Modified-Since is ignored whenever If-None-Match is present.
    if (inm !== undefined) return useEtag && etagMatches(inm, entity.etag);
    const ims = req.headers['if-modified-since'];
    if (ims === undefined || !useLastMod) return false;
    const since = Date.parse(ims);
    if (Number.isNaN(since)) return false;
    return Math.floor(entity.lastModified.getTime() / 1000) <= Math.floor(since / 1000);
  }

  function pickEncoding(
    req: IncomingMessage,
    query: URLSearchParams,
  ): 'gzip' | 'deflate' | 'br' | undefined {
    const force = flag(query, 'force');
    for (const coding of ['gzip', 'deflate', 'br'] as const) {
      if (!flag(query, coding)) continue;
      if (force || acceptsEncoding(req.headers['accept-encoding'], coding)) return coding;
    }
    return undefined;
  }

  function compress(coding: 'gzip' | 'deflate' | 'br', body: Buffer): Buffer {
    if (coding === 'gzip') return zlib.gzipSync(body);
    if (coding === 'deflate') return zlib.deflateSync(body);
    return zlib.brotliCompressSync(body);
  }

  async function serveFile(
    req: IncomingMessage,
    res: ServerResponse,
    query: URLSearchParams,
    root: string,
    rawSubPath: string,
  ): Promise<void> {
    const filePath = resolveInside(root, rawSubPath);
    const stat = await fsp.stat(filePath).catch(() => undefined);
    if (!stat?.isFile()) throw new HttpError(404, 'not found');
    const body = await fsp.readFile(filePath);
    await sendEntity(req, res, query, {
      body,
      contentType: contentTypeFor(filePath),
      etag: hashEtag(body),
      lastModified: stat.mtime,
    });
  }

  async function handleMutable(
    req: IncomingMessage,
    res: ServerResponse,
    query: URLSearchParams,
    name: string,
  ): Promise<void> {
    const method = req.method ?? 'GET';
    const moveTo = query.get('moveTo');
    if (method === 'PUT' && moveTo) {
      const code = optionalInt(query, 'code', 300, 399) ?? 301;
      if (!REDIRECT_CODES.has(code)) throw new HttpError(400, 'not a redirect code');
      moves.set(name, { code, to: moveTo });
      sendText(res, method, 204, '');
      return;
    }
    if (method === 'PUT') {
      moves.delete(name);
      const body = await readBody(req);
      const previous = mutables.get(name);
      // Last-Modified has one-second resolution; a test that PUTs twice within a second would
      // otherwise get a 304 for changed content, so the stamp always moves strictly forward.
      const nowSec = Math.floor(Date.now() / 1000);
      const lastModifiedSec = previous ? Math.max(nowSec, previous.lastModifiedSec + 1) : nowSec;
      const doc: MutableDoc = {
        body,
        contentType: req.headers['content-type'] ?? 'application/xml',
        etag: hashEtag(body),
        lastModified: new Date(lastModifiedSec * 1000),
        lastModifiedSec,
      };
      mutables.set(name, doc);
      const reply = JSON.stringify({
        etag: doc.etag,
        lastModified: doc.lastModified.toUTCString(),
      });
      res.writeHead(previous ? 200 : 201, { 'Content-Type': 'application/json' });
      res.end(reply);
      return;
    }
    if (method === 'DELETE') {
      const moved = moves.delete(name);
      const existed = mutables.delete(name) || moved;
      sendText(res, method, existed ? 204 : 404, existed ? '' : 'not found\n');
      return;
    }
    if (method !== 'GET' && method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD, PUT, DELETE');
      throw new HttpError(405, 'method not allowed');
    }
    const move = moves.get(name);
    if (move) {
      res.setHeader('Location', move.to);
      sendText(res, method, move.code, `${statusText(move.code)}Location: ${move.to}\n`);
      return;
    }
    const doc = mutables.get(name);
    if (!doc) throw new HttpError(404, 'not found');
    await sendEntity(req, res, query, doc);
  }

  /** Writes `total` bytes (Infinity for endless): the RSS prefix, then filler. */
  async function stream(
    res: ServerResponse,
    total: number,
    chunkSize: number,
    intervalMs: number,
  ): Promise<void> {
    const prefix = Buffer.from(RSS_PREFIX, 'utf8');
    const filler = makeFiller(chunkSize);
    let sent = 0;
    let fillerSent = 0;
    const write = async (chunk: Buffer): Promise<void> => {
      const piece = chunk.subarray(0, Math.min(chunk.length, total - sent));
      sent += piece.length;
      if (!res.write(piece) && !gone(res)) {
        await new Promise<void>((resolve) => {
          const done = () => {
            res.off('drain', done);
            res.off('close', done);
            resolve();
          };
          res.on('drain', done);
          res.on('close', done);
        });
      }
    };
    await write(prefix);
    while (sent < total && !gone(res)) {
      if (intervalMs > 0) await sleep(intervalMs);
      if (gone(res)) return;
      const chunk = filler(fillerSent);
      fillerSent += chunk.length;
      await write(chunk);
    }
    if (!gone(res)) res.end();
  }

  async function handleDrip(
    req: IncomingMessage,
    res: ServerResponse,
    query: URLSearchParams,
  ): Promise<void> {
    const bytes = optionalInt(query, 'bytes', 0, 1024 * MIB);
    const interval = optionalInt(query, 'interval', 0, 600_000) ?? 200;
    const chunk = optionalInt(query, 'chunk', 1, MIB) ?? 32;
    const headers: Record<string, string | number> = { 'Content-Type': 'application/xml' };
    if (bytes !== undefined && flag(query, 'declare')) headers['Content-Length'] = bytes;
    res.writeHead(200, headers);
    // An endless drip would otherwise keep a HEAD response open for ever.
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    // Headers go out now: a drip is about a slow body, not a slow response.
    res.flushHeaders();
    await stream(res, bytes ?? Infinity, chunk, interval);
  }

  async function handleHuge(
    req: IncomingMessage,
    res: ServerResponse,
    query: URLSearchParams,
  ): Promise<void> {
    const mb = Number(query.get('mb') ?? '1');
    if (!Number.isFinite(mb) || mb <= 0 || mb > 4096) throw new HttpError(400, 'bad mb');
    const total = Math.floor(mb * MIB);
    const headers: Record<string, string | number> = { 'Content-Type': 'application/xml' };
    // Chunked by default, because a size cap must also work when no Content-Length warns of it.
    if (flag(query, 'declare')) headers['Content-Length'] = total;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    await stream(res, total, HUGE_CHUNK, 0);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const rawUrl = req.url ?? '/';
    requests.push({ method, path: rawUrl, headers: { ...req.headers }, at: Date.now() });

    const queryStart = rawUrl.indexOf('?');
    const rawPath = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
    const query = new URLSearchParams(queryStart === -1 ? '' : rawUrl.slice(queryStart + 1));
    const readOnly = method === 'GET' || method === 'HEAD';
    const requireRead = () => {
      if (readOnly) return;
      res.setHeader('Allow', 'GET, HEAD');
      throw new HttpError(405, 'method not allowed');
    };

    let match: RegExpMatchArray | null;
    if (rawPath.startsWith('/shared/')) {
      requireRead();
      await serveFile(req, res, query, sharedDir, rawPath.slice('/shared/'.length));
    } else if (rawPath.startsWith('/fixtures/')) {
      requireRead();
      await serveFile(req, res, query, fixturesDir, rawPath.slice('/fixtures/'.length));
    } else if ((match = rawPath.match(/^\/mutable\/([^/]+)$/))) {
      await handleMutable(req, res, query, decodeSegment(match[1] ?? ''));
    } else if ((match = rawPath.match(/^\/redirect\/(\d+)$/))) {
      requireRead();
      const code = Number(match[1]);
      if (!REDIRECT_CODES.has(code)) throw new HttpError(400, 'not a redirect code');
      const to = query.get('to');
      if (!to) throw new HttpError(400, 'missing to');
      res.setHeader('Location', to);
      sendText(res, method, code, `${statusText(code)}Location: ${to}\n`);
    } else if ((match = rawPath.match(/^\/redirect-loop\/(\d+)$/))) {
      requireRead();
      const next = `/redirect-loop/${Number(match[1]) + 1}`;
      res.setHeader('Location', next);
      sendText(res, method, 302, `${statusText(302)}Location: ${next}\n`);
    } else if ((match = rawPath.match(/^\/status\/(\d+)$/))) {
      requireRead();
      const code = parseIntParam(match[1] ?? '', 'status', 200, 599);
      const retryAfter = query.get('retryAfter');
      if (retryAfter !== null) res.setHeader('Retry-After', retryAfter);
      sendText(res, method, code, statusText(code));
    } else if (rawPath === '/drip') {
      requireRead();
      await handleDrip(req, res, query);
    } else if (rawPath === '/huge') {
      requireRead();
      await handleHuge(req, res, query);
    } else if (rawPath === '/hang') {
      // Deliberately nothing: the socket stays open until the client gives up or close() runs.
    } else if (rawPath === '/reset') {
      if (method !== 'POST') {
        res.setHeader('Allow', 'POST');
        throw new HttpError(405, 'method not allowed');
      }
      requests.length = 0;
      sendText(res, method, 204, '');
    } else {
      throw new HttpError(404, 'not found');
    }
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (gone(res)) return;
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const status = error instanceof HttpError ? error.status : 500;
      const message = error instanceof Error ? error.message : String(error);
      sendText(res, req.method ?? 'GET', status, `${statusText(status)}${message}\n`);
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') {
    throw new Error('fixture server did not bind a TCP port');
  }
  const port = address.port;

  let closing: Promise<void> | undefined;
  function close(): Promise<void> {
    closing ??= new Promise<void>((resolve) => {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.close(() => resolve());
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    });
    return closing;
  }

  return { url: `http://127.0.0.1:${port}`, port, close, requests };
}
