/**
 * A stateful loopback Google Reader API server for unit tests, end-to-end tests and the sync
 * bench, so no test ever needs a real FreshRSS or Miniflux. Zero dependencies on purpose (like
 * server.ts): vitest and Playwright's TS loader both load it.
 *
 * Two flavors, modelled on what the real servers answer (/work/wt/FRESHRSS.md: a real FreshRSS
 * observed; /work/wt/MINIFLUX.md: Miniflux's source read). The quirks a client must survive:
 * - 'freshrss': API under `/api/greader.php`; other paths redirect to the web UI (302 /i/).
 *   Item ids are crawl times in µs, decimal in itemRefs, long hex in contents; `i` is read as
 *   decimal when all digits, else as hex. `n` has no cap (absent: 20; 0 or junk: all) and a
 *   full page carries a continuation (the last id) even when the next page is empty. `ot`
 *   compares crawl time. `s=…/read` and an unknown label are NOT streams: both answer the whole
 *   reading list. tag/list types labels `folder` or `tag`; every feed is in a folder
 *   ("Uncategorized" by default); items carry user labels; a tag named like a folder is
 *   silently refused; edit-tag honours one `a` and one `r` and answers OK to nearly anything.
 *   Every 401 is `Unauthorized!` with `Google-Bad-Token: true`; T is checked only by edit-tag
 *   and mark-all-as-read (empty or `x` accepted); API switched off → 503 `Service Unavailable!`
 *   (but `GET <apiUrl>` still answers `OK`); several JSON answers say text/html; titles come
 *   with `＆＜＞` (feeds also `？＼／，；`) in fullwidth; unknown routes → 400 `Bad Request!`.
 * - 'miniflux': API at the root beside its web pages; item ids a small sequence; POSTs are
 *   authenticated by the form's T alone, which equals the Auth token; 401 under the API is
 *   `Unauthorized` with `X-Reader-Google-Bad-Token: true`, ClientLogin's is JSON. `output=json`
 *   is required; `n` ≤ 10,000 and continuation is an offset; `ot` compares the PUBLISHED date;
 *   ids of label streams, edit-tag with a user label, and many client mistakes → 500 JSON
 *   `{"error_message": …}`; no unread-count (unknown API routes answer 200 `[]`); ids spell the
 *   user as a number (`user/1/label/…`); folders only, every feed in one ("All" by default);
 *   enclosures use `url`; summary and content both carry the body.
 *
 * expireTokens() makes the T token stale (as The Old Reader or Inoreader do; FreshRSS's and
 * Miniflux's never expire — on Miniflux it is a no-op, its T being the Auth token).
 * Tests read and change `state` directly, and inject failures with failNext().
 * delay(route, ms) makes every request to one route wait before it is answered (a slow server,
 * so a test can close the page while a sync is still fetching and storing); 0 ends it.
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export type ReaderApiFlavor = 'freshrss' | 'miniflux';

export interface ReaderApiUser {
  username: string;
  password: string;
}

export interface FixtureSubscription {
  /** `feed/<n>`. */
  streamId: string;
  title: string;
  url: string;
  htmlUrl: string;
  /** Folder names (Miniflux: exactly one). */
  folders: string[];
}

export interface FixtureItem {
  /** The server's number for it (FreshRSS: µs timestamp; Miniflux: sequence). */
  id: number;
  streamId: string;
  title: string;
  url: string;
  author?: string;
  /** HTML. */
  content: string;
  /** Unix seconds. */
  published: number;
  /** Epoch ms the server "crawled" it; `ot` compares with it. */
  crawledMs: number;
  /** The feed's own categories. */
  categories: string[];
  read: boolean;
  starred: boolean;
  /** User labels (tags); FreshRSS only. */
  labels: string[];
  enclosures?: { href: string; type?: string; length?: number }[];
}

export interface ReaderApiState {
  subscriptions: FixtureSubscription[];
  /** Folder names, including empty folders. */
  folders: string[];
  /** User label names (FreshRSS). */
  labels: string[];
  /** Any order; answers sort newest (highest id) first. */
  items: FixtureItem[];
}

export interface ReaderApiRequest {
  method: string;
  /** Path and query as sent. */
  path: string;
  /** The route name failNext() uses: `accounts/ClientLogin`, `subscription/list`… */
  route: string;
  body?: string;
  at: number;
}

export type FailAnswer =
  | { status: number; body?: string; headers?: Record<string, string> }
  | 'hang'
  | 'html'
  | 'malformed';

export interface ItemSpec {
  title?: string;
  url?: string;
  content?: string;
  author?: string;
  published?: number;
  read?: boolean;
  starred?: boolean;
  labels?: string[];
  categories?: string[];
  enclosures?: FixtureItem['enclosures'];
}

export interface ReaderApiServer {
  flavor: ReaderApiFlavor;
  /** The server root as a reader types it, e.g. http://127.0.0.1:PORT (no trailing slash). */
  url: string;
  /** Where the API lives (FreshRSS: `${url}/api/greader.php`; Miniflux: `${url}`). */
  apiUrl: string;
  port: number;
  requests: ReaderApiRequest[];
  state: ReaderApiState;
  /** The `/reader/api/0/token` value currently valid. */
  currentToken(): string;
  addSubscription(spec: { title?: string; url?: string; folder?: string }): FixtureSubscription;
  /** Adds items to a feed, newest last; returns them. */
  addItems(streamId: string, items: number | ItemSpec[]): FixtureItem[];
  /** `feeds` subscriptions spread over `folders` folders with `itemsPerFeed` items each. */
  /** `crawledAgoMs`: the items reached the server that long ago (default: just now). */
  seed(spec: {
    feeds: number;
    itemsPerFeed: number;
    folders?: number;
    unreadEvery?: number;
    crawledAgoMs?: number;
  }): void;
  /** The long form of an item's id. */
  longId(item: FixtureItem): string;
  item(longOrDecimal: string): FixtureItem | undefined;
  /** The next request to `route` gets this answer instead (queued, in order). */
  failNext(route: string, answer: FailAnswer): void;
  /** Every request to `route` waits `ms` before it is answered, until set back to 0. */
  delay(route: string, ms: number): void;
  /** The T token changes: the next write with the old one is refused as a bad token. */
  expireTokens(): void;
  /** Every Auth token handed out so far stops working (password changed elsewhere). */
  revokeAuth(): void;
  disableApi(): void;
  enableApi(): void;
  /** Stops listening (connections cut); state is kept. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export interface ReaderApiServerOptions {
  flavor: ReaderApiFlavor;
  users?: ReaderApiUser[];
  /** Default 0: the OS picks. */
  port?: number;
  /** FreshRSS default `/api/greader.php`; Miniflux default ''. */
  basePath?: string;
  /** Most ids one stream/items/ids answer holds (FreshRSS: no cap; Miniflux 10000). */
  idsCap?: number;
}

const LONG_PREFIX = 'tag:google.com,2005:reader/item/';
const API0 = '/reader/api/0/';
const WEB_PAGE =
  '<!DOCTYPE html><html><head><title>Login</title></head><body><form><input name="username"></form></body></html>';
const MINIFLUX_MAX_IDS = 10_000;

type Params = URLSearchParams;
type Res = ServerResponse;

export async function startReaderApiServer(
  options: ReaderApiServerOptions,
): Promise<ReaderApiServer> {
  const flavor = options.flavor;
  const freshrss = flavor === 'freshrss';
  const users = options.users ?? [{ username: 'alice', password: 'alice-api-pass' }];
  const basePath = (options.basePath ?? (freshrss ? '/api/greader.php' : '')).replace(/\/+$/, '');
  const idsCap = options.idsCap ?? (freshrss ? Infinity : MINIFLUX_MAX_IDS);
  const userNumber = 1;
  const userPart = freshrss ? '-' : String(userNumber);
  const defaultFolder = freshrss ? 'Uncategorized' : 'All';
  const state: ReaderApiState = {
    subscriptions: [],
    folders: [defaultFolder],
    labels: [],
    items: [],
  };
  const requests: ReaderApiRequest[] = [];
  const failures = new Map<string, FailAnswer[]>();
  const delays = new Map<string, number>();
  const secret = randomBytes(8).toString('hex');
  let authGeneration = 0;
  let tokenGeneration = 0;
  let apiEnabled = true;
  let nextFeed = 1;
  let nextItem = 1;
  let lastId = 0;
  const sockets = new Set<Socket>();

  const hash = (text: string) => createHash('sha1').update(text).digest('hex');
  const authFor = (username: string) =>
    `${username}/${hash(`${secret}:${authGeneration}:${username}`)}`;
  function currentToken(): string {
    if (!freshrss) return authFor(users[0].username);
    return `${hash(`${secret}:T:${tokenGeneration}:${authGeneration}`)}ZZZZZZZZZZZZZZZZZ`;
  }

  function longId(entry: FixtureItem): string {
    return `${LONG_PREFIX}${entry.id.toString(16).padStart(16, '0')}`;
  }

  /** How each server reads an `i`. */
  function numberOf(value: string): number | undefined {
    const hex = (text: string) =>
      /^[0-9a-f]{1,16}$/i.test(text) ? Number.parseInt(text, 16) : undefined;
    if (value.startsWith(LONG_PREFIX)) return hex(value.slice(LONG_PREFIX.length));
    if (freshrss) {
      if (/^[1-9]\d*$/.test(value)) return Number(value);
      return hex(value.slice(value.lastIndexOf('/') + 1));
    }
    // Miniflux tries a 16-character id as hex first.
    if (value.length === 16) return hex(value) ?? undefined;
    return /^\d{1,19}$/.test(value) ? Number(value) : undefined;
  }

  function item(value: string): FixtureItem | undefined {
    const id = numberOf(value);
    return id === undefined ? undefined : state.items.find((entry) => entry.id === id);
  }

  /** Items by id for one request: tests may replace `state.items`, so it is not kept. */
  function itemIndex(): Map<number, FixtureItem> {
    return new Map(state.items.map((entry) => [entry.id, entry]));
  }

  function addFolder(name: string): void {
    if (!state.folders.includes(name)) state.folders.push(name);
  }

  function addSubscription(spec: {
    title?: string;
    url?: string;
    folder?: string;
  }): FixtureSubscription {
    const n = nextFeed++;
    const folder = spec.folder ?? defaultFolder;
    addFolder(folder);
    const subscription: FixtureSubscription = {
      streamId: `feed/${n}`,
      title: spec.title ?? `Feed ${n}`,
      url: spec.url ?? `https://feeds.example.com/${n}.xml`,
      htmlUrl: `https://site${n}.example.com/`,
      folders: [folder],
    };
    state.subscriptions.push(subscription);
    return subscription;
  }

  /** FreshRSS: the crawl time in µs (consecutive within one fetch); Miniflux: a sequence. */
  function allocateId(atMs: number): number {
    lastId = freshrss ? Math.max(lastId + 1, atMs * 1000) : lastId + 1;
    return lastId;
  }

  /** `atMs`: when the server "crawled" them (now unless a seed dates them back). */
  function addItems(
    streamId: string,
    specs: number | ItemSpec[],
    atMs = Date.now(),
  ): FixtureItem[] {
    const list: ItemSpec[] =
      typeof specs === 'number' ? Array.from({ length: specs }, () => ({})) : specs;
    const added: FixtureItem[] = [];
    const nowSeconds = Math.floor(atMs / 1000);
    list.forEach((spec, index) => {
      const id = allocateId(atMs);
      const n = nextItem++;
      for (const label of spec.labels ?? []) {
        if (!state.labels.includes(label)) state.labels.push(label);
      }
      const entry: FixtureItem = {
        id,
        streamId,
        title: spec.title ?? `Item ${n}`,
        url: spec.url ?? `https://articles.example.com/${n}`,
        content:
          spec.content ??
          `<p>Item ${n} has a full story. ${'Words that make a whole article. '.repeat(20)}</p>`,
        // Later items newer, none in the future.
        published: spec.published ?? nowSeconds - (list.length - index),
        crawledMs: freshrss ? Math.floor(id / 1000) : atMs,
        categories: spec.categories ?? [],
        read: spec.read ?? false,
        starred: spec.starred ?? false,
        labels: spec.labels ?? [],
      };
      if (spec.author) entry.author = spec.author;
      if (spec.enclosures) entry.enclosures = spec.enclosures;
      state.items.push(entry);
      added.push(entry);
    });
    return added;
  }

  function seed(spec: {
    feeds: number;
    itemsPerFeed: number;
    folders?: number;
    unreadEvery?: number;
    crawledAgoMs?: number;
  }): void {
    const at = Date.now() - (spec.crawledAgoMs ?? 0);
    const folders = spec.folders ?? 10;
    const every = spec.unreadEvery ?? 2;
    let count = 0;
    for (let f = 0; f < spec.feeds; f += 1) {
      const subscription = addSubscription({
        folder: folders > 0 ? `Folder ${f % folders}` : undefined,
      });
      const specs: ItemSpec[] = [];
      for (let i = 0; i < spec.itemsPerFeed; i += 1) {
        count += 1;
        specs.push({ read: count % every !== 0, starred: count % 50 === 0 });
      }
      addItems(subscription.streamId, specs, at);
    }
  }

  // ---- requests ----

  function readBody(req: IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });
  }

  function formOf(body: string, req: IncomingMessage): Params {
    const type = req.headers['content-type'] ?? '';
    return body && type.includes('application/x-www-form-urlencoded')
      ? new URLSearchParams(body)
      : new URLSearchParams();
  }

  /** Query and form together, as PHP's $_REQUEST and Go's r.Form see them. */
  function merged(url: URL, form: Params): Params {
    const params = new URLSearchParams(url.search);
    for (const [key, value] of form) params.append(key, value);
    return params;
  }

  function userOfToken(token: string): string | undefined {
    const username = token.split('/')[0];
    return users.some((user) => user.username === username) && authFor(username) === token
      ? username
      : undefined;
  }

  function headerUser(req: IncomingMessage): string | undefined {
    const match = /^GoogleLogin auth=(.+)$/.exec(req.headers.authorization ?? '');
    return match ? userOfToken(match[1].trim()) : undefined;
  }

  // ---- answers ----

  function send(
    res: Res,
    status: number,
    body: string,
    type: string,
    headers: Record<string, string> = {},
  ): void {
    res.writeHead(status, {
      'Content-Type': type,
      'Content-Length': Buffer.byteLength(body),
      ...headers,
    });
    res.end(body);
  }

  const text = (res: Res, status: number, body: string, headers: Record<string, string> = {}) =>
    send(res, status, body, 'text/plain; charset=UTF-8', headers);
  /** FreshRSS labels several answers text/html whatever they hold. */
  const lying = (res: Res, body: string) =>
    send(res, 200, body, freshrss ? 'text/html; charset=UTF-8' : 'text/plain; charset=utf-8');
  const json = (res: Res, value: unknown, lie = false) =>
    send(
      res,
      200,
      JSON.stringify(value),
      lie && freshrss ? 'text/html; charset=UTF-8' : 'application/json; charset=UTF-8',
    );
  const minifluxError = (res: Res, status: number, message: string) =>
    send(res, status, JSON.stringify({ error_message: message }), 'application/json');

  function unauthorized(res: Res): void {
    if (freshrss) text(res, 401, 'Unauthorized!', { 'Google-Bad-Token': 'true' });
    else text(res, 401, 'Unauthorized', { 'X-Reader-Google-Bad-Token': 'true' });
  }

  function badRequest(res: Res, why: string): void {
    if (freshrss) text(res, 400, 'Bad Request!');
    else minifluxError(res, 400, `googlereader: ${why}`);
  }

  // ---- streams ----

  const labelOf = (streamId: string) => /^user\/[^/]*\/label\/(.+)$/.exec(streamId)?.[1];
  const stateOf = (streamId: string) =>
    /^user\/[^/]*\/state\/com\.google\/(.+)$/.exec(streamId)?.[1];
  const labelId = (name: string) => `user/${userPart}/label/${name}`;
  const stateId = (name: string) => `user/${userPart}/state/com.google/${name}`;

  function feedFolders(streamId: string): string[] {
    return state.subscriptions.find((s) => s.streamId === streamId)?.folders ?? [];
  }

  /** Undefined: the server does not know this stream. */
  function streamFilter(streamId: string): ((entry: FixtureItem) => boolean) | undefined {
    if (streamId.startsWith('feed/')) return (entry) => entry.streamId === streamId;
    const st = stateOf(streamId);
    if (st === 'reading-list') return () => true;
    if (st === 'starred') return (entry) => entry.starred;
    if (st === 'read') return freshrss ? () => true : (entry) => entry.read;
    const label = labelOf(streamId);
    if (label !== undefined && freshrss) {
      // The folder wins over a tag of the same name; an unknown label is the whole list.
      if (state.folders.includes(label)) {
        return (entry) => feedFolders(entry.streamId).includes(label);
      }
      if (state.labels.includes(label)) return (entry) => entry.labels.includes(label);
      return () => true;
    }
    if (label !== undefined && state.folders.includes(label)) {
      return (entry) => feedFolders(entry.streamId).includes(label);
    }
    return undefined;
  }

  function newestFirst(list: FixtureItem[]): FixtureItem[] {
    return freshrss
      ? [...list].sort((a, b) => b.id - a.id)
      : [...list].sort((a, b) => b.published - a.published || b.id - a.id);
  }

  function streamIds(params: Params, res: Res): void {
    const stream = params.get('s');
    if (!stream) return badRequest(res, 'stream is required');
    if (!freshrss && params.getAll('s').length > 1) {
      return minifluxError(res, 500, 'googlereader: only one stream type expected');
    }
    if (!freshrss && (labelOf(stream) !== undefined || streamFilter(stream) === undefined)) {
      return minifluxError(res, 500, 'googlereader: unknown stream type LabelStream');
    }
    const inStream = streamFilter(stream) ?? (() => false);
    const exclude = params.get('xt');
    const include = freshrss ? params.get('it') : null;
    const isRead = (name: string | null) => name !== null && stateOf(name) === 'read';
    const ot = Number(params.get('ot') ?? 0) || 0;
    let list = state.items.filter((entry) => {
      if (!inStream(entry)) return false;
      if (isRead(exclude) && entry.read) return false;
      if (freshrss && exclude && !isRead(exclude) && streamFilter(exclude)?.(entry)) return false;
      if (include && isRead(include) && !entry.read) return false;
      if (ot > 0) return freshrss ? entry.id >= ot * 1_000_000 : entry.published > ot;
      return true;
    });
    list = newestFirst(list);
    const raw = params.get('n');
    const asked = raw === null ? 20 : Number(raw);
    let n: number;
    if (freshrss) n = Number.isInteger(asked) && asked > 0 ? asked : Infinity;
    else
      n =
        Number.isInteger(asked) && asked > 0 ? Math.min(asked, MINIFLUX_MAX_IDS) : MINIFLUX_MAX_IDS;
    n = Math.min(n, idsCap);
    const c = params.get('c');
    let offset = 0;
    if (c && freshrss && /^\d+$/.test(c)) list = list.filter((entry) => entry.id < Number(c));
    if (c && !freshrss) offset = Number(c) || 0;
    const page = list.slice(offset, offset + n);
    const answer: { itemRefs: { id: string }[]; continuation?: string } = {
      itemRefs: page.map((entry) => ({ id: String(entry.id) })),
    };
    if (freshrss) {
      // A full page (or an unlimited one) always says there may be more.
      if (page.length > 0 && (n === Infinity || page.length >= n)) {
        answer.continuation = String(page[page.length - 1].id);
      }
    } else if (offset + page.length < list.length) {
      answer.continuation = String(offset + page.length);
    }
    json(res, answer);
  }

  function escapeTitle(title: string, feed: boolean): string {
    if (!freshrss) return title;
    const map: Record<string, string> = { '&': '＆', '<': '＜', '>': '＞' };
    if (feed) Object.assign(map, { '?': '？', '\\': '＼', '/': '／', ',': '，', ';': '；' });
    return title.replace(feed ? /[&<>?\\/,;]/g : /[&<>]/g, (char) => map[char] ?? char);
  }

  /** FreshRSS appends each enclosure to the HTML, with a 💾 download link. */
  function withEnclosureFigures(entry: FixtureItem): string {
    const figures = (entry.enclosures ?? []).map((enclosure) => {
      const media = enclosure.type?.startsWith('image')
        ? `<img src="${enclosure.href}" alt="" title="" />`
        : `<audio preload="none" src="${enclosure.href}" controls="controls" title=""></audio> <a download="" href="${enclosure.href}">💾</a>`;
      return `<figure class="enclosure"><p class="enclosure-content">${media}</p></figure>`;
    });
    return `${entry.content}${figures.join('')}`;
  }

  function contentsOf(entry: FixtureItem): unknown {
    const subscription = state.subscriptions.find((s) => s.streamId === entry.streamId);
    const categories = [
      stateId('reading-list'),
      ...feedFolders(entry.streamId).map(labelId),
      ...(entry.read ? [stateId('read')] : []),
      ...(entry.starred ? [stateId('starred')] : []),
      ...(freshrss ? entry.labels.map(labelId) : []),
      ...(freshrss ? entry.categories : []),
    ];
    const body: Record<string, unknown> = {
      id: longId(entry),
      crawlTimeMsec: String(entry.crawledMs),
      timestampUsec: String(freshrss ? entry.id : entry.published * 1_000_000),
      published: entry.published,
      title: escapeTitle(entry.title, false),
      canonical: [{ href: entry.url }],
      alternate: [{ href: entry.url, type: 'text/html' }],
      categories,
      origin: {
        streamId: entry.streamId,
        title: escapeTitle(subscription?.title ?? '', true),
        htmlUrl: subscription?.htmlUrl ?? '',
      },
      summary: { content: freshrss ? withEnclosureFigures(entry) : entry.content },
    };
    if (!freshrss) {
      body.updated = entry.published;
      body.content = { direction: 'ltr', content: entry.content };
      body.author = entry.author ?? '';
      body.enclosure = (entry.enclosures ?? []).map((e) => ({ url: e.href, type: e.type ?? '' }));
    } else {
      if (entry.author) body.author = entry.author;
      if (entry.enclosures) body.enclosure = entry.enclosures;
    }
    return body;
  }

  function streamContents(params: Params, res: Res): void {
    const ids = params.getAll('i');
    if (!ids.length) return badRequest(res, 'no items requested');
    const found = new Set<FixtureItem>();
    const byId = itemIndex();
    for (const id of ids) {
      const number = numberOf(id);
      if (number === undefined) {
        if (freshrss) continue;
        return badRequest(res, `failed to parse item ID ${id}`);
      }
      const entry = byId.get(number);
      if (entry) found.add(entry);
    }
    json(res, {
      id: stateId('reading-list'),
      updated: Math.floor(Date.now() / 1000),
      items: newestFirst([...found]).map(contentsOf),
    });
  }

  function editTag(params: Params, form: Params, res: Res): void {
    const ids = params.getAll('i');
    // FreshRSS reads one `a` and one `r` from $_POST; Miniflux any number, from the body only.
    const adds = freshrss ? form.getAll('a').slice(-1) : form.getAll('a');
    const removes = freshrss ? form.getAll('r').slice(-1) : form.getAll('r');
    if (!freshrss) {
      if (!ids.length) return badRequest(res, 'no items requested');
      if (!adds.length && !removes.length) {
        return minifluxError(res, 500, 'googlreader: add or/and remove tags should be supplied');
      }
      for (const tag of [...adds, ...removes]) {
        if (labelOf(tag) !== undefined) {
          return minifluxError(res, 500, 'googlereader: unsupported tag type: LabelStream');
        }
        const st = stateOf(tag);
        if (!['read', 'starred', 'kept-unread', 'broadcast', 'like'].includes(st ?? '')) {
          return minifluxError(res, 500, `googlereader: unknown stream with id: ${tag}`);
        }
      }
      for (const id of ids) {
        if (numberOf(id) === undefined) return badRequest(res, `failed to parse item ID ${id}`);
      }
    }
    const byId = itemIndex();
    for (const id of ids) {
      const number = numberOf(id);
      const entry = number === undefined ? undefined : byId.get(number);
      if (!entry) continue;
      for (const tag of adds) applyTag(entry, tag, true);
      for (const tag of removes) applyTag(entry, tag, false);
    }
    lying(res, 'OK');
  }

  function applyTag(entry: FixtureItem, tag: string, on: boolean): void {
    const st = stateOf(tag);
    if (st === 'read') entry.read = on;
    else if (st === 'kept-unread' && !freshrss) entry.read = !on;
    else if (st === 'starred') entry.starred = on;
    const label = labelOf(tag);
    if (label === undefined || !freshrss) return;
    if (on) {
      // FreshRSS refuses a tag named like a folder, silently.
      if (state.folders.includes(label)) return;
      if (!entry.labels.includes(label)) entry.labels.push(label);
      if (!state.labels.includes(label)) state.labels.push(label);
    } else {
      entry.labels = entry.labels.filter((name) => name !== label);
    }
  }

  function markAllRead(params: Params, res: Res): void {
    const stream = params.get('s') ?? '';
    const ts = params.get('ts') ?? '';
    if (ts && !/^\d+$/.test(ts)) return badRequest(res, 'invalid timestamp');
    const label = labelOf(stream);
    const st = stateOf(stream);
    if (freshrss) {
      const known =
        (stream.startsWith('feed/') && /^feed\/\d+$/.test(stream)) ||
        st === 'reading-list' ||
        (label !== undefined && (state.folders.includes(label) || state.labels.includes(label)));
      if (!known) return badRequest(res, 'unknown stream');
    } else {
      if (label !== undefined && !state.folders.includes(label)) {
        return minifluxError(res, 404, 'resource not found');
      }
      if (st === 'starred') return lying(res, 'OK');
    }
    const inStream = streamFilter(stream) ?? (() => false);
    const nowUs = Date.now() * 1000;
    let limitUs = ts && Number(ts) > 0 ? Number(ts) : nowUs;
    if (!freshrss && ts && ts.length < 16) limitUs = Number(ts) * 1_000_000;
    for (const entry of state.items) {
      if (!inStream(entry)) continue;
      const at = freshrss ? entry.id : entry.published * 1_000_000;
      if (at <= limitUs) entry.read = true;
    }
    lying(res, 'OK');
  }

  function quickAdd(params: Params, res: Res): void {
    let url = params.get('quickadd') ?? '';
    if (url.startsWith('feed/')) url = url.slice(5);
    if (!/^https?:\/\/[^/]/.test(url)) {
      if (!freshrss) return badRequest(res, 'invalid URL');
      return json(
        res,
        { numResults: 0, error: `cURL error 6: Could not resolve host [${url}]` },
        true,
      );
    }
    if (state.subscriptions.some((s) => s.url === url)) {
      if (!freshrss) return minifluxError(res, 500, 'This feed already exists.');
      return json(res, { numResults: 0, error: `Already subscribed! ${url}` }, true);
    }
    const subscription = addSubscription({
      url,
      title: new URL(url).hostname,
      folder: freshrss ? defaultFolder : state.folders[0],
    });
    json(
      res,
      {
        numResults: 1,
        query: url,
        streamId: subscription.streamId,
        streamName: subscription.title,
      },
      true,
    );
  }

  function editSubscription(params: Params, form: Params, res: Res): void {
    const action = params.get('ac');
    const streams = params.getAll('s');
    const title = params.get('t');
    const add = labelOf(form.get('a') ?? '');
    const remove = labelOf(form.get('r') ?? '');
    if (action !== 'subscribe' && action !== 'unsubscribe' && action !== 'edit') {
      return badRequest(res, `unrecognized action ${action}`);
    }
    if (!streams.length) return badRequest(res, 'no valid stream');
    const byId = (id: string) => state.subscriptions.find((s) => s.streamId === id);
    if (action === 'subscribe') {
      for (const streamId of freshrss ? streams : streams.slice(0, 1)) {
        const url = streamId.startsWith('feed/') ? streamId.slice(5) : '';
        if (/^\d+$/.test(url) && freshrss) continue;
        if (!/^https?:\/\/[^/]/.test(url)) return badRequest(res, 'invalid URL');
        if (state.subscriptions.some((s) => s.url === url)) {
          if (freshrss) return badRequest(res, 'duplicate');
          return minifluxError(res, 500, 'This feed already exists.');
        }
        const folder = add ?? (freshrss ? defaultFolder : state.folders[0]);
        addSubscription({ url, title: title ?? new URL(url).hostname, folder });
      }
      return lying(res, 'OK');
    }
    if (action === 'unsubscribe') {
      for (const streamId of streams) {
        if (!freshrss && !/^feed\/\d+$/.test(streamId)) {
          return minifluxError(res, 500, `strconv.ParseInt: parsing "${streamId}": invalid syntax`);
        }
        const subscription = byId(streamId);
        if (!subscription) {
          if (freshrss) return badRequest(res, 'not subscribed');
          return minifluxError(res, 500, 'feed not found');
        }
        state.subscriptions = state.subscriptions.filter((s) => s !== subscription);
        state.items = state.items.filter((entry) => entry.streamId !== streamId);
      }
      return lying(res, 'OK');
    }
    for (const streamId of freshrss ? streams : streams.slice(0, 1)) {
      const subscription = byId(streamId);
      if (!subscription) {
        if (freshrss) continue;
        return badRequest(res, 'feed not found');
      }
      if (title) subscription.title = title;
      // One folder per feed: `a` moves; FreshRSS moves to its default on `r` alone;
      // Miniflux ignores `r`.
      if (add !== undefined) {
        subscription.folders = [add];
        addFolder(add);
      } else if (remove !== undefined && freshrss) {
        subscription.folders = [defaultFolder];
      }
    }
    lying(res, 'OK');
  }

  function subscriptionList(res: Res): void {
    json(res, {
      subscriptions: state.subscriptions.map((s) => ({
        id: s.streamId,
        title: escapeTitle(s.title, true),
        categories: s.folders.map((name) =>
          freshrss
            ? { id: labelId(name), label: name }
            : { id: labelId(name), label: name, type: 'folder' },
        ),
        url: s.url,
        htmlUrl: s.htmlUrl,
        iconUrl: '',
      })),
    });
  }

  function tagList(res: Res): void {
    const tags: Record<string, unknown>[] = [{ id: stateId('starred') }];
    for (const name of state.folders) tags.push({ id: labelId(name), type: 'folder' });
    if (freshrss) {
      for (const name of state.labels) {
        const unread = state.items.filter((e) => !e.read && e.labels.includes(name)).length;
        tags.push({ id: labelId(name), type: 'tag', unread_count: unread });
      }
    }
    json(res, { tags });
  }

  function unreadCount(res: Res): void {
    const counts = new Map<string, number>();
    let total = 0;
    const bump = (id: string) => counts.set(id, (counts.get(id) ?? 0) + 1);
    for (const entry of state.items) {
      if (entry.read) continue;
      total += 1;
      bump(entry.streamId);
      for (const name of feedFolders(entry.streamId)) bump(labelId(name));
      for (const name of entry.labels) bump(labelId(name));
    }
    bump(stateId('reading-list'));
    counts.set(stateId('reading-list'), total);
    json(res, {
      max: total,
      unreadcounts: [...counts].map(([id, count]) => ({ id, count, newestItemTimestampUsec: '0' })),
    });
  }

  // ---- dispatch ----

  /** The API route, '' for the API's own address, undefined outside the API. */
  function routeOf(pathname: string): string | undefined {
    if (basePath && pathname !== basePath && !pathname.startsWith(`${basePath}/`)) return undefined;
    const rest = pathname.slice(basePath.length);
    if (rest === '') return freshrss ? '' : undefined;
    if (rest === '/accounts/ClientLogin') return 'accounts/ClientLogin';
    if (rest.startsWith(API0)) return rest.slice(API0.length);
    // Miniflux serves its web app beside the API; greader.php is all API.
    return freshrss ? rest.slice(1) : undefined;
  }

  function answerFailure(answer: FailAnswer, res: Res): void {
    if (answer === 'hang') return;
    if (answer === 'html') return send(res, 200, WEB_PAGE, 'text/html; charset=UTF-8');
    if (answer === 'malformed')
      return send(res, 200, '{"items": [{"id": "tag:', 'application/json');
    send(res, answer.status, answer.body ?? '', 'text/plain; charset=UTF-8', answer.headers);
  }

  function webApp(pathname: string, res: Res): void {
    if (!freshrss && pathname === '/healthcheck') return text(res, 200, 'OK');
    // FreshRSS sends everything outside its API to the web UI's login.
    if (freshrss && !pathname.startsWith('/i/') && pathname !== '/api/') {
      res.writeHead(302, { Location: '/i/', 'Content-Length': 0 });
      res.end();
      return;
    }
    send(res, 200, WEB_PAGE, 'text/html; charset=UTF-8');
  }

  const OUTPUT_ROUTES = new Set([
    'tag/list',
    'subscription/list',
    'stream/items/ids',
    'stream/items/contents',
  ]);

  async function handle(req: IncomingMessage, res: Res): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const body = method === 'POST' ? await readBody(req) : '';
    let route = routeOf(url.pathname);
    // Miniflux's ClientLogin is POST only; a GET reaches the web app.
    if (!freshrss && route === 'accounts/ClientLogin' && method !== 'POST') route = undefined;
    requests.push({
      method,
      path: `${url.pathname}${url.search}`,
      route: route ?? url.pathname,
      ...(body ? { body } : {}),
      at: Date.now(),
    });
    if (route === undefined) return webApp(url.pathname, res);
    const wait = delays.get(route);
    if (wait) {
      // Unref'd: a delay never holds the process open; a stop() meanwhile cut the connection.
      await new Promise<void>((resolve) => setTimeout(resolve, wait).unref());
      if (res.destroyed) return;
    }
    const queued = failures.get(route);
    if (queued?.length) return answerFailure(queued.shift() as FailAnswer, res);
    if (route === '') return lying(res, 'OK');
    if (freshrss && !apiEnabled) return text(res, 503, 'Service Unavailable!');
    const form = formOf(body, req);
    const params = merged(url, form);
    if (route === 'accounts/ClientLogin') {
      const email = params.get('Email');
      const password = params.get('Passwd');
      const user = users.find((u) => u.username === email && u.password === password);
      if (freshrss && (email === null || password === null)) return text(res, 400, 'Bad Request!');
      if (!user || !apiEnabled) {
        if (freshrss) return unauthorized(res);
        return minifluxError(res, 401, 'access unauthorized');
      }
      const auth = authFor(user.username);
      const lsid = freshrss ? 'null' : auth;
      return text(res, 200, `SID=${auth}\nLSID=${lsid}\nAuth=${auth}\n`);
    }
    // Miniflux authenticates a POST by its T field alone, a GET by the header alone.
    const username =
      !freshrss && method === 'POST' ? userOfToken(params.get('T') ?? '') : headerUser(req);
    if (!username || !apiEnabled) return unauthorized(res);
    const output = params.get('output');
    if (!freshrss && OUTPUT_ROUTES.has(route) && output !== 'json') {
      return minifluxError(res, 400, 'googlereader: only json output is supported');
    }
    if (freshrss && OUTPUT_ROUTES.has(route) && output !== null && output !== 'json') {
      return text(res, 501, 'Not Implemented!');
    }
    switch (route) {
      case 'token':
        return lying(res, freshrss ? `${currentToken()}\n` : currentToken());
      case 'user-info':
        return json(
          res,
          {
            userId: freshrss ? username : String(userNumber),
            userName: username,
            userProfileId: freshrss ? username : String(userNumber),
            userEmail: freshrss ? '' : username,
          },
          true,
        );
      case 'subscription/list':
        return method === 'GET' || freshrss ? subscriptionList(res) : json(res, []);
      case 'tag/list':
        return method === 'GET' || freshrss ? tagList(res) : json(res, []);
      case 'unread-count':
        return freshrss ? unreadCount(res) : json(res, []);
      case 'stream/items/ids':
        return method === 'GET' || freshrss ? streamIds(params, res) : json(res, []);
      case 'stream/items/contents':
        return streamContents(params, res);
    }
    const writes: Partial<Record<string, (p: Params, f: Params, r: Res) => void>> = {
      'edit-tag': editTag,
      'mark-all-as-read': (p, _f, r) => markAllRead(p, r),
      'subscription/quickadd': (p, _f, r) => quickAdd(p, r),
      'subscription/edit': editSubscription,
    };
    const write = writes[route];
    if (write && method === 'POST') {
      // FreshRSS checks T only here, and lets old clients send none or "x".
      if (freshrss && (route === 'edit-tag' || route === 'mark-all-as-read')) {
        const given = form.get('T') ?? '';
        if (given !== '' && given !== 'x' && given !== currentToken()) return unauthorized(res);
      }
      return write(params, form, res);
    }
    // FreshRSS: a GET edit-tag answers OK and does nothing (it reads the body only).
    if (write && freshrss) return lying(res, 'OK');
    if (freshrss) return text(res, 400, 'Bad Request!');
    // Miniflux's fallback route for anything else under /reader/api/0/.
    return json(res, []);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent || res.destroyed) return;
      text(res, 500, error instanceof Error ? error.message : String(error));
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function listen(port: number): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    if (address === null || typeof address === 'string') {
      throw new Error('reader API fixture did not bind a TCP port');
    }
    return address.port;
  }

  function stop(): Promise<void> {
    if (!server.listening) return Promise.resolve();
    return new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    });
  }

  const port = await listen(options.port ?? 0);
  const root = `http://127.0.0.1:${port}`;
  return {
    flavor,
    url: root,
    apiUrl: `${root}${basePath}`,
    port,
    requests,
    state,
    currentToken,
    addSubscription,
    addItems,
    seed,
    longId,
    item,
    failNext(route, answer) {
      const queue = failures.get(route) ?? [];
      queue.push(answer);
      failures.set(route, queue);
    },
    delay(route, ms) {
      if (ms > 0) delays.set(route, ms);
      else delays.delete(route);
    },
    expireTokens() {
      tokenGeneration += 1;
    },
    revokeAuth() {
      authGeneration += 1;
    },
    disableApi() {
      apiEnabled = false;
    },
    enableApi() {
      apiEnabled = true;
    },
    stop,
    async start() {
      if (!server.listening) await listen(port);
    },
    close: stop,
  };
}
