/**
 * A stateful loopback Google Reader API server for unit tests, end-to-end tests and the sync
 * bench, so no test ever needs a real FreshRSS or Miniflux. Zero dependencies on purpose (like
 * server.ts): vitest and Playwright's TS loader both load it.
 *
 * Two flavors, modelled on what the real servers answer (/work/wt/FRESHRSS.md: a real FreshRSS
 * observed; MINIFLUX.md: Miniflux's source read):
 * - 'freshrss': API under `/api/greader.php` (basePath); numeric feed ids; ids are microsecond
 *   timestamps, decimal in itemRefs and long hex in contents; tag/list says `type` folder|tag;
 *   items carry user labels; every 401 says `Google-Bad-Token: true` and `Unauthorized!`; the
 *   T token is checked only by edit-tag and mark-all-as-read (empty T and `x` accepted, as
 *   FreshRSS does for old clients); API disabled → 503 `Service Unavailable!` everywhere but
 *   `GET <apiUrl>` (200 `OK`); several JSON answers labelled text/html; continuation is the
 *   last id of the page; unknown routes → 400 `Bad Request!`.
 * - 'miniflux': API at the server root; small sequential item ids; labels are folders only
 *   (one per feed), an edit-tag with a user label is refused with 400; continuation is an
 *   offset; stream ids spell the user as its number (`user/1/label/…`); a bad T answers 401
 *   with `X-Reader-Google-Bad-Token: true`; unknown routes → 404.
 *
 * Tests read and change `state` directly, and inject failures with failNext().
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
  seed(spec: { feeds: number; itemsPerFeed: number; folders?: number; unreadEvery?: number }): void;
  /** The long form of an item's id. */
  longId(item: FixtureItem): string;
  item(longOrDecimal: string): FixtureItem | undefined;
  /** The next request to `route` gets this answer instead (queued, in order). */
  failNext(route: string, answer: FailAnswer): void;
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
  /** Most ids one stream/items/ids answer holds, whatever `n` asks (default 10000). */
  idsCap?: number;
}

const LONG_PREFIX = 'tag:google.com,2005:reader/item/';
const API0 = '/reader/api/0/';
/** 2023-11-14 in µs: FreshRSS ids look like this. */
const FRESHRSS_ID_BASE = 1_700_000_000_000_000;
const LOGIN_PAGE =
  '<!DOCTYPE html><html><head><title>Login</title></head><body><form><input name="username"></form></body></html>';

export async function startReaderApiServer(
  options: ReaderApiServerOptions,
): Promise<ReaderApiServer> {
  const flavor = options.flavor;
  const users = options.users ?? [{ username: 'alice', password: 'alice-api-pass' }];
  const basePath = (options.basePath ?? (flavor === 'freshrss' ? '/api/greader.php' : '')).replace(
    /\/+$/,
    '',
  );
  const idsCap = options.idsCap ?? 10_000;
  const userNumber = 1;
  const userPart = flavor === 'miniflux' ? String(userNumber) : '-';
  const state: ReaderApiState = { subscriptions: [], folders: [], labels: [], items: [] };
  const requests: ReaderApiRequest[] = [];
  const failures = new Map<string, FailAnswer[]>();
  const secret = randomBytes(8).toString('hex');
  let authGeneration = 0;
  let tokenGeneration = 0;
  let apiEnabled = true;
  let nextFeed = 1;
  let nextItem = 1;
  const sockets = new Set<Socket>();
  const hanging = new Set<ServerResponse>();

  const hash = (text: string) => createHash('sha1').update(text).digest('hex');
  const authFor = (username: string) =>
    `${username}/${hash(`${secret}:${authGeneration}:${username}`)}`;
  const currentToken = () => `${hash(`${secret}:T:${tokenGeneration}`)}ZZZZZZZZZZZZZZZZZ`;

  function longId(item: FixtureItem): string {
    return `${LONG_PREFIX}${item.id.toString(16).padStart(16, '0')}`;
  }

  function numberOf(value: string): number | undefined {
    if (value.startsWith(LONG_PREFIX)) {
      const hex = value.slice(LONG_PREFIX.length);
      return /^[0-9a-f]{1,16}$/i.test(hex) ? Number.parseInt(hex, 16) : undefined;
    }
    return /^\d{1,20}$/.test(value) ? Number(value) : undefined;
  }

  function item(value: string): FixtureItem | undefined {
    const id = numberOf(value);
    return id === undefined ? undefined : state.items.find((entry) => entry.id === id);
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
    const folder = spec.folder ?? (flavor === 'miniflux' ? 'All' : undefined);
    if (folder) addFolder(folder);
    const subscription: FixtureSubscription = {
      streamId: `feed/${n}`,
      title: spec.title ?? `Feed ${n}`,
      url: spec.url ?? `https://feeds.example.com/${n}.xml`,
      htmlUrl: `https://site${n}.example.com/`,
      folders: folder ? [folder] : [],
    };
    state.subscriptions.push(subscription);
    return subscription;
  }

  function allocateId(): number {
    const n = nextItem++;
    return flavor === 'freshrss' ? FRESHRSS_ID_BASE + n * 1000 : n;
  }

  function addItems(streamId: string, specs: number | ItemSpec[]): FixtureItem[] {
    const list: ItemSpec[] =
      typeof specs === 'number' ? Array.from({ length: specs }, () => ({})) : specs;
    const added: FixtureItem[] = [];
    const nowSeconds = Math.floor(Date.now() / 1000);
    for (const spec of list) {
      const id = allocateId();
      const n = nextItem - 1;
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
        published: spec.published ?? nowSeconds - 3600 + n,
        crawledMs: Date.now(),
        categories: spec.categories ?? [],
        read: spec.read ?? false,
        starred: spec.starred ?? false,
        labels: spec.labels ?? [],
      };
      if (spec.author) entry.author = spec.author;
      if (spec.enclosures) entry.enclosures = spec.enclosures;
      state.items.push(entry);
      added.push(entry);
    }
    return added;
  }

  function seed(spec: {
    feeds: number;
    itemsPerFeed: number;
    folders?: number;
    unreadEvery?: number;
  }): void {
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
      addItems(subscription.streamId, specs);
    }
  }

  // ---- reading requests ----

  function readBody(req: IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });
  }

  /** Query and form together, as PHP's $_REQUEST and Go's r.Form see them. */
  function paramsOf(url: URL, body: string, req: IncomingMessage): URLSearchParams {
    const params = new URLSearchParams(url.search);
    const type = req.headers['content-type'] ?? '';
    if (body && type.includes('application/x-www-form-urlencoded')) {
      for (const [key, value] of new URLSearchParams(body)) params.append(key, value);
    }
    return params;
  }

  function authUser(req: IncomingMessage): string | undefined {
    const header = req.headers.authorization ?? '';
    const match = /^GoogleLogin auth=(.+)$/.exec(header);
    if (!match) return undefined;
    const token = match[1].trim();
    const username = token.split('/')[0];
    return users.some((user) => user.username === username) && authFor(username) === token
      ? username
      : undefined;
  }

  // ---- answering ----

  function send(
    res: ServerResponse,
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

  const text = (res: ServerResponse, status: number, body: string, headers = {}) =>
    send(res, status, body, 'text/plain; charset=UTF-8', headers);
  /** FreshRSS labels some JSON and text answers text/html. */
  const lyingText = (res: ServerResponse, body: string) =>
    send(res, 200, body, flavor === 'freshrss' ? 'text/html; charset=UTF-8' : 'text/plain');
  const json = (res: ServerResponse, value: unknown, lying = false) =>
    send(
      res,
      200,
      JSON.stringify(value),
      lying && flavor === 'freshrss' ? 'text/html; charset=UTF-8' : 'application/json',
    );

  function unauthorized(res: ServerResponse): void {
    if (flavor === 'freshrss') text(res, 401, 'Unauthorized!', { 'Google-Bad-Token': 'true' });
    else text(res, 401, 'Unauthorized');
  }

  function badToken(res: ServerResponse): void {
    if (flavor === 'freshrss') text(res, 401, 'Unauthorized!', { 'Google-Bad-Token': 'true' });
    else text(res, 401, 'Unauthorized', { 'X-Reader-Google-Bad-Token': 'true' });
  }

  function badRequest(res: ServerResponse, why = ''): void {
    text(res, 400, flavor === 'freshrss' ? 'Bad Request!' : `Bad Request${why ? `: ${why}` : ''}`);
  }

  function tokenAccepted(params: URLSearchParams, route: string): boolean {
    const given = params.get('T') ?? '';
    if (flavor === 'freshrss') {
      // FreshRSS checks T only on these, and lets old clients send none or "x".
      if (route !== 'edit-tag' && route !== 'mark-all-as-read') return true;
      return given === '' || given === 'x' || given === currentToken();
    }
    return given === currentToken();
  }

  // ---- streams ----

  function labelOf(streamId: string): string | undefined {
    return /^user\/[^/]*\/label\/(.+)$/.exec(streamId)?.[1];
  }
  function stateOf(streamId: string): string | undefined {
    return /^user\/[^/]*\/state\/com\.google\/(.+)$/.exec(streamId)?.[1];
  }
  const labelId = (name: string) => `user/${userPart}/label/${name}`;
  const stateId = (name: string) => `user/${userPart}/state/com.google/${name}`;

  function feedFolders(streamId: string): string[] {
    return state.subscriptions.find((s) => s.streamId === streamId)?.folders ?? [];
  }

  function inStream(entry: FixtureItem, streamId: string): boolean {
    if (streamId.startsWith('feed/')) return entry.streamId === streamId;
    const st = stateOf(streamId);
    if (st === 'reading-list') return true;
    if (st === 'read') return entry.read;
    if (st === 'starred') return entry.starred;
    const label = labelOf(streamId);
    if (label !== undefined) {
      return feedFolders(entry.streamId).includes(label) || entry.labels.includes(label);
    }
    return false;
  }

  function newestFirst(list: FixtureItem[]): FixtureItem[] {
    return [...list].sort((a, b) => b.id - a.id);
  }

  function streamIds(params: URLSearchParams, res: ServerResponse): void {
    const stream = params.get('s');
    if (!stream) return badRequest(res, 's is required');
    const exclude = params.get('xt');
    const ot = Number(params.get('ot') ?? 0);
    const asked = Number(params.get('n') ?? 20);
    const n = Math.max(1, Math.min(Number.isFinite(asked) && asked > 0 ? asked : 20, idsCap));
    let list = newestFirst(
      state.items.filter(
        (entry) =>
          inStream(entry, stream) &&
          !(exclude && inStream(entry, exclude)) &&
          entry.crawledMs >= ot * 1000,
      ),
    );
    const c = params.get('c');
    if (c) {
      if (flavor === 'freshrss') {
        const after = Number(c);
        list = list.filter((entry) => entry.id < after);
      } else {
        list = list.slice(Number(c) || 0);
      }
    }
    const page = list.slice(0, n);
    const answer: { itemRefs: { id: string }[]; continuation?: string } = {
      itemRefs: page.map((entry) => ({ id: String(entry.id) })),
    };
    if (list.length > n) {
      answer.continuation =
        flavor === 'freshrss' ? String(page[page.length - 1].id) : String((Number(c) || 0) + n);
    }
    json(res, answer);
  }

  function contentsOf(entry: FixtureItem): unknown {
    const subscription = state.subscriptions.find((s) => s.streamId === entry.streamId);
    const categories = [
      stateId('reading-list'),
      ...feedFolders(entry.streamId).map(labelId),
      ...(entry.read ? [stateId('read')] : []),
      ...(entry.starred ? [stateId('starred')] : []),
      ...entry.labels.map(labelId),
      ...entry.categories,
    ];
    const body: Record<string, unknown> = {
      id: longId(entry),
      crawlTimeMsec: String(entry.crawledMs),
      timestampUsec: String(entry.crawledMs * 1000),
      published: entry.published,
      title: entry.title,
      canonical: [{ href: entry.url }],
      alternate: [{ href: entry.url, type: 'text/html' }],
      categories,
      origin: {
        streamId: entry.streamId,
        title: subscription?.title ?? '',
        htmlUrl: subscription?.htmlUrl ?? '',
      },
      summary: { content: entry.content },
    };
    if (flavor === 'miniflux') {
      body.updated = entry.published;
      body.content = { direction: 'ltr', content: entry.content };
    }
    if (entry.author) body.author = entry.author;
    if (entry.enclosures) body.enclosure = entry.enclosures;
    return body;
  }

  function streamContents(params: URLSearchParams, res: ServerResponse): void {
    const ids = params.getAll('i');
    if (!ids.length) return badRequest(res, 'i is required');
    const found: unknown[] = [];
    for (const id of ids) {
      const entry = item(id);
      if (entry) found.push(contentsOf(entry));
    }
    json(res, {
      id: 'user/-/state/com.google/reading-list',
      updated: Math.floor(Date.now() / 1000),
      items: found,
    });
  }

  function editTag(params: URLSearchParams, res: ServerResponse): void {
    const ids = params.getAll('i');
    if (!ids.length) return badRequest(res, 'i is required');
    const adds = params.getAll('a');
    const removes = params.getAll('r');
    // Miniflux knows read, starred and kept-unread, and nothing else an item could carry.
    if (flavor === 'miniflux') {
      for (const tag of [...adds, ...removes]) {
        const st = stateOf(tag);
        if (st !== 'read' && st !== 'starred' && st !== 'kept-unread') {
          return badRequest(res, `unsupported tag ${tag}`);
        }
      }
    }
    for (const id of ids) {
      const entry = item(id);
      if (!entry) continue;
      for (const tag of adds) applyTag(entry, tag, true);
      for (const tag of removes) applyTag(entry, tag, false);
    }
    lyingText(res, 'OK');
  }

  function applyTag(entry: FixtureItem, tag: string, on: boolean): void {
    const st = stateOf(tag);
    if (st === 'read') entry.read = on;
    else if (st === 'kept-unread') entry.read = !on;
    else if (st === 'starred') entry.starred = on;
    const label = labelOf(tag);
    if (label === undefined) return;
    if (on && !entry.labels.includes(label)) {
      entry.labels.push(label);
      if (!state.labels.includes(label)) state.labels.push(label);
    }
    if (!on) entry.labels = entry.labels.filter((name) => name !== label);
  }

  function markAllRead(params: URLSearchParams, res: ServerResponse): void {
    const stream = params.get('s');
    if (!stream) return badRequest(res, 's is required');
    const tsUsec = Number(params.get('ts') ?? 0);
    for (const entry of state.items) {
      if (!inStream(entry, stream)) continue;
      if (tsUsec > 0 && entry.crawledMs * 1000 > tsUsec) continue;
      entry.read = true;
    }
    lyingText(res, 'OK');
  }

  function quickAdd(params: URLSearchParams, res: ServerResponse): void {
    let url = params.get('quickadd') ?? '';
    if (url.startsWith('feed/')) url = url.slice(5);
    if (!/^https?:\/\//.test(url)) {
      return json(res, { numResults: 0, query: url, error: 'Not a valid feed URL' }, true);
    }
    const existing = state.subscriptions.find((s) => s.url === url);
    const subscription = existing ?? addSubscription({ url, title: new URL(url).hostname });
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

  function editSubscription(params: URLSearchParams, res: ServerResponse): void {
    const action = params.get('ac');
    const streamId = params.get('s') ?? '';
    const title = params.get('t');
    const add = labelOf(params.get('a') ?? '');
    const remove = labelOf(params.get('r') ?? '');
    let subscription = state.subscriptions.find((s) => s.streamId === streamId);
    if (action === 'subscribe') {
      const url = streamId.startsWith('feed/') ? streamId.slice(5) : streamId;
      subscription ??=
        state.subscriptions.find((s) => s.url === url) ??
        addSubscription({ url, title: title ?? url });
    } else if (!subscription) {
      return badRequest(res, 'unknown subscription');
    }
    if (action === 'unsubscribe') {
      state.subscriptions = state.subscriptions.filter((s) => s !== subscription);
      state.items = state.items.filter((entry) => entry.streamId !== subscription.streamId);
      return lyingText(res, 'OK');
    }
    if (action !== 'subscribe' && action !== 'edit') return badRequest(res, 'bad ac');
    if (title) subscription.title = title;
    if (remove !== undefined) {
      subscription.folders = subscription.folders.filter((name) => name !== remove);
    }
    if (add !== undefined) {
      // One folder per feed on both servers: moving replaces it.
      subscription.folders = [add];
      addFolder(add);
    }
    if (flavor === 'miniflux' && subscription.folders.length === 0) subscription.folders = ['All'];
    lyingText(res, 'OK');
  }

  function subscriptionList(res: ServerResponse): void {
    json(res, {
      subscriptions: state.subscriptions.map((s) => ({
        id: s.streamId,
        title: s.title,
        categories: s.folders.map((name) => ({ id: labelId(name), label: name })),
        url: s.url,
        htmlUrl: s.htmlUrl,
        iconUrl: '',
      })),
    });
  }

  function tagList(res: ServerResponse): void {
    const tags: Record<string, unknown>[] = [{ id: stateId('starred') }];
    for (const name of state.folders) {
      tags.push(
        flavor === 'freshrss' ? { id: labelId(name), type: 'folder' } : { id: labelId(name) },
      );
    }
    if (flavor === 'freshrss') {
      for (const name of state.labels) tags.push({ id: labelId(name), type: 'tag' });
    }
    json(res, { tags });
  }

  function unreadCount(res: ServerResponse): void {
    const counts = new Map<string, number>();
    let total = 0;
    for (const entry of state.items) {
      if (entry.read) continue;
      total += 1;
      counts.set(entry.streamId, (counts.get(entry.streamId) ?? 0) + 1);
    }
    const unreadcounts: Record<string, unknown>[] = [...counts].map(([id, count]) => ({
      id,
      count,
      newestItemTimestampUsec: '0',
    }));
    if (flavor === 'freshrss') {
      unreadcounts.push({
        id: stateId('reading-list'),
        count: total,
        newestItemTimestampUsec: '0',
      });
    }
    json(res, { max: total, unreadcounts });
  }

  // ---- dispatch ----

  function routeOf(pathname: string): string | undefined {
    if (basePath && !pathname.startsWith(basePath)) return undefined;
    const rest = pathname.slice(basePath.length);
    if (rest === '' || rest === '/') return rest === '' ? '' : '/';
    if (rest === '/accounts/ClientLogin') return 'accounts/ClientLogin';
    if (rest.startsWith(API0)) return rest.slice(API0.length);
    // Miniflux serves its web app beside the API; greader.php is all API.
    return flavor === 'miniflux' ? undefined : rest.slice(1);
  }

  function answerFailure(answer: FailAnswer, res: ServerResponse): void {
    if (answer === 'hang') {
      hanging.add(res);
      return;
    }
    if (answer === 'html') return send(res, 200, LOGIN_PAGE, 'text/html; charset=UTF-8');
    if (answer === 'malformed')
      return send(res, 200, '{"items": [{"id": "tag:', 'application/json');
    send(res, answer.status, answer.body ?? '', 'text/plain; charset=UTF-8', answer.headers);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const body = req.method === 'POST' ? await readBody(req) : '';
    const route = routeOf(url.pathname);
    requests.push({
      method: req.method ?? 'GET',
      path: `${url.pathname}${url.search}`,
      route: route ?? url.pathname,
      ...(body ? { body } : {}),
      at: Date.now(),
    });
    if (route === undefined || (flavor === 'miniflux' && route === '')) {
      // Outside the API: the web app's pages.
      return send(res, 200, LOGIN_PAGE, 'text/html; charset=UTF-8');
    }
    const queued = failures.get(route);
    if (queued?.length) {
      const answer = queued.shift() as FailAnswer;
      return answerFailure(answer, res);
    }
    if (flavor === 'freshrss' && route === '') return lyingText(res, 'OK');
    if (!apiEnabled) {
      if (flavor === 'freshrss') return text(res, 503, 'Service Unavailable!');
      return unauthorized(res);
    }
    const params = paramsOf(url, body, req);
    if (route === 'accounts/ClientLogin') {
      const email = params.get('Email');
      const password = params.get('Passwd');
      if (email === null || password === null) return badRequest(res);
      const user = users.find((u) => u.username === email && u.password === password);
      if (!user) return unauthorized(res);
      const auth = authFor(user.username);
      return text(res, 200, `SID=${auth}\nLSID=null\nAuth=${auth}\n`);
    }
    const username = authUser(req);
    if (!username) return unauthorized(res);
    const isPost = req.method === 'POST';
    switch (route) {
      case 'token':
        return lyingText(res, `${currentToken()}\n`);
      case 'user-info':
        return json(
          res,
          {
            userId: flavor === 'freshrss' ? username : String(userNumber),
            userName: username,
            userProfileId: flavor === 'freshrss' ? username : String(userNumber),
            userEmail: '',
          },
          true,
        );
      case 'subscription/list':
        return subscriptionList(res);
      case 'tag/list':
        return tagList(res);
      case 'unread-count':
        return unreadCount(res);
      case 'stream/items/ids':
        return streamIds(params, res);
      case 'stream/items/contents':
        return streamContents(params, res);
    }
    const writes: Record<string, (p: URLSearchParams, r: ServerResponse) => void> = {
      'edit-tag': editTag,
      'mark-all-as-read': markAllRead,
      'subscription/quickadd': quickAdd,
      'subscription/edit': editSubscription,
    };
    const write = writes[route];
    if (write) {
      if (!isPost) return badRequest(res, 'POST required');
      if (!tokenAccepted(params, route)) return badToken(res);
      return write(params, res);
    }
    if (flavor === 'freshrss') return badRequest(res);
    return text(res, 404, '404 page not found');
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
      hanging.clear();
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
