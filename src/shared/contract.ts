/**
 * The one contract between the renderer and the main process. Both transports (Electron IPC
 * and the browser host's HTTP) carry exactly these methods and events; main validates every
 * payload against `methodParams` before a handler sees it.
 */
import { z } from 'zod';
import type { ExtractedArticle } from './article-model';
import type { ParsedFeed } from './feed-model';
import type { FeedSyncState, SyncFailure, SyncProgress, SyncSettings } from './sync-model';
import { MAX_DATE_MS, MAX_URL_LENGTH, MAX_VALIDATOR_LENGTH } from './feed-limits';
import { MAX_ITEMS_PER_FETCH } from './sync-model';
import type { MainText, Result } from './result';
import type { EventName, MethodName } from './api-names';
import { INTERFACE_LOCALES, PSEUDO_LOCALE } from './interface-locales';
import { MAX_OPML_TEXT_CHARS, opmlTreeProblem } from './opml-tree-bounds';
import { isWebUrl } from './web-url';
import { MAX_EPISODE_BYTES } from './episode-limits';
import {
  MAX_BACKUP_BYTES,
  MAX_BACKUP_CHUNK_BYTES,
  MAX_SCHEMA_VERSION,
  type BackupEntry,
} from './backup-model';
import {
  ACCOUNT_SERVICES,
  MAX_CHANGES_PER_CALL,
  MAX_ITEMS_PER_CALL,
  type AccountSnapshot,
  type AccountSummary,
  type PushResult,
  type RemoteItem,
  type SignInResult,
} from './account-model';
import {
  MAX_BADGE_OVERLAY_CHARS,
  type DeepLink,
  type DesktopCapabilities,
  type UpdateStatus,
} from './desktop-model';

export { EVENT_NAMES, METHOD_NAMES, isEventName, isMethodName } from './api-names';
export type { EventName, MethodName } from './api-names';

const httpUrl = z
  .string()
  .trim()
  .max(MAX_URL_LENGTH)
  .refine((value) => isWebUrl(value), 'must be an http or https URL');

const validator = z.string().max(MAX_VALIDATOR_LENGTH).optional();
/**
 * A host the reader typed themselves (Add feed, Save URL) that is on their own network: main
 * lets requests reach a private or loopback address for that exact host only. Hostname as
 * URL.hostname spells it.
 */
const allowPrivateHost = z.string().min(1).max(255).optional();
/** How many of a feed's newest items to bring (shared/sync-model.ts itemsPerFetch). */
const maxItems = z.number().int().min(1).max(MAX_ITEMS_PER_FETCH).optional();
const id = z.string().min(1).max(200);
const epoch = z.number().int().nonnegative().max(MAX_DATE_MS).optional();

/** One subscription as main schedules it; restore checks stored feed rows against it too. */
export const feedSyncStateSchema = z
  .object({
    id,
    url: httpUrl,
    etag: validator,
    lastModified: validator,
    lastFetchedAt: epoch,
    intervalMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .optional(),
    failureCount: z.number().int().nonnegative().max(1000).optional(),
    nextAttemptAt: epoch,
    gone: z.boolean().optional(),
    allowPrivateHost,
  })
  .strict();

/** A subscription `sync.setFeeds` could not take, and why, in words for the reader. */
export interface SyncFeedRejection {
  id: string;
  reason: string;
}

const SYNC_FIELD_NAMES: Record<string, string> = {
  url: 'address',
  etag: 'ETag',
  lastModified: 'Last-Modified date',
};

/**
 * Each subscription is checked on its own, so one that is malformed (a value a server or an old
 * backup put there) is reported by id while every other one is still scheduled.
 */
const feedSyncEntry = z
  .custom<FeedSyncState>((value) => typeof value === 'object' && value !== null)
  .transform((value): { feed: FeedSyncState } | { rejected: SyncFeedRejection } => {
    const parsed = feedSyncStateSchema.safeParse(value);
    if (parsed.success) return { feed: parsed.data };
    const rawId = (value as { id?: unknown }).id;
    const issues = parsed.error.issues.map((issue) => {
      const field = String(issue.path[0] ?? 'entry');
      return `its ${SYNC_FIELD_NAMES[field] ?? field} is not acceptable (${issue.message})`;
    });
    return {
      rejected: {
        id: typeof rawId === 'string' ? rawId.slice(0, 200) : '',
        reason: issues.join('; '),
      },
    };
  });

const syncSettings = z
  .object({
    intervalMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60),
    concurrency: z.number().int().min(1).max(32),
    maxFeedBytes: z
      .number()
      .int()
      .min(64 * 1024)
      .max(200 * 1024 * 1024),
    maxItemsPerFeed: maxItems,
  })
  .strict();

/** OPML files are small; a 10 MB cap leaves room for the largest real exports. */
const opmlText = z.string().max(MAX_OPML_TEXT_CHARS);

const opmlFeed = z
  .object({
    title: z.string().max(1000),
    xmlUrl: httpUrl,
    htmlUrl: z.string().max(4096).optional(),
  })
  .strict();
type OpmlTreeInput = { title: string; feeds: z.input<typeof opmlFeed>[]; folders: OpmlTreeInput[] };
const opmlFolder: z.ZodType<OpmlTreeInput> = z.lazy(() =>
  z
    .object({
      title: z.string().max(1000),
      feeds: z.array(opmlFeed).max(20_000),
      folders: z.array(opmlFolder).max(5_000),
    })
    .strict(),
);
/** The tree's depth and size are bounded first, so the recursive schema never overflows. */
const opmlTree: z.ZodType<OpmlTreeInput> = z
  .unknown()
  .superRefine((value, context) => {
    const problem = opmlTreeProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  })
  .pipe(opmlFolder);

const accountId = z.string().min(1).max(100);
/** Item ids as the server gave them (long form, short hex or decimal): main normalizes. */
const itemIds = z.array(z.string().min(1).max(200)).max(MAX_ITEMS_PER_CALL);
const streamId = z
  .string()
  .min(1)
  .max(MAX_URL_LENGTH + 100);
const labelName = z.string().trim().min(1).max(200);
const accountChange = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.enum(['read', 'unread', 'star', 'unstar']), itemIds: itemIds.min(1) })
    .strict(),
  z
    .object({ kind: z.enum(['label', 'unlabel']), label: labelName, itemIds: itemIds.min(1) })
    .strict(),
  z
    .object({
      kind: z.literal('subscribe'),
      url: httpUrl,
      title: z.string().max(1000).optional(),
      folder: labelName.optional(),
    })
    .strict(),
  z.object({ kind: z.literal('unsubscribe'), streamId }).strict(),
  z
    .object({
      kind: z.literal('move'),
      streamId,
      from: labelName.optional(),
      to: labelName.optional(),
    })
    .strict(),
  z
    .object({ kind: z.literal('rename'), streamId, title: z.string().trim().min(1).max(1000) })
    .strict(),
  z
    .object({ kind: z.literal('mark-all-read'), streamId, before: z.number().int().nonnegative() })
    .strict(),
]);

/** Main's name for an upload in progress (random hex it handed out). */
const backupUploadId = z.string().regex(/^[0-9a-f]{16,64}$/);
const backupSize = z.number().int().min(1).max(MAX_BACKUP_BYTES);
/** A backup's file name as `backups.list` gives it: never a path. */
const backupId = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.json$/);

export const methodParams = {
  'app.info': z.object({}).strict(),
  'feeds.fetch': z
    .object({
      url: httpUrl,
      /** The conditional-GET state stored with the feed, sent back so the server can say 304. */
      etag: validator,
      lastModified: validator,
      allowPrivateHost,
      maxItems,
    })
    .strict(),
  /** A site or feed URL → the feeds it offers (the URL itself when it is a feed). */
  'feeds.discover': z.object({ url: httpUrl, allowPrivateHost }).strict(),
  'opml.parse': z.object({ text: opmlText }).strict(),
  'opml.build': z.object({ title: z.string().max(1000), root: opmlTree }).strict(),
  /** Replaces main's view of every subscription; main reschedules from it. */
  'sync.setFeeds': z
    .object({ feeds: z.array(feedSyncEntry).max(50_000), settings: syncSettings })
    .strict(),
  /** Refresh now: every feed, or the named ones (also those marked gone). */
  'sync.refresh': z.object({ feedIds: z.array(id).max(50_000).optional() }).strict(),
  'sync.cancel': z.object({}).strict(),
  /** Fetch a web page and extract its article (full text for a feed item, or "Save URL"). */
  'articles.fetchFull': z.object({ url: httpUrl, allowPrivateHost }).strict(),
  /** Turn a file the reader chose (.txt, .md, .html) into an article. */
  'articles.import': z
    .object({
      name: z.string().min(1).max(1000),
      bytes: z
        .instanceof(Uint8Array)
        .refine((b) => b.byteLength <= 10 * 1024 * 1024, 'file larger than 10 MB'),
      baseUrl: httpUrl.optional(),
    })
    .strict(),
  /** Download an article's images for offline reading (capped per image and per article). */
  'images.fetch': z.object({ urls: z.array(httpUrl).min(1).max(500), allowPrivateHost }).strict(),
  /**
   * One piece (at most EPISODE_CHUNK_BYTES) of a podcast or video episode from byte `from` on,
   * refused when the episode is known to pass `maxBytes` (the reader's cap). Called again with
   * the bytes stored so far, it resumes a download that failed.
   */
  'episodes.fetch': z
    .object({
      url: httpUrl,
      allowPrivateHost,
      from: z.number().int().min(0).max(MAX_EPISODE_BYTES),
      maxBytes: z.number().int().min(1).max(MAX_EPISODE_BYTES),
    })
    .strict(),
  /** A feed's icon for the sidebar: its own, else the site's linked icon, else /favicon.ico. */
  'feeds.icon': z
    .object({
      feedUrl: httpUrl,
      iconUrl: httpUrl.optional(),
      siteUrl: httpUrl.optional(),
      allowPrivateHost,
    })
    .strict(),
  /**
   * Checks the credentials at once and keeps the token in main (never in the renderer). With
   * `accountId`, signs an existing account in again (same server and user).
   */
  'accounts.signIn': z
    .object({
      service: z.enum(ACCOUNT_SERVICES),
      serverUrl: httpUrl,
      username: z.string().trim().min(1).max(200),
      password: z.string().min(1).max(1000),
      accountId: accountId.optional(),
    })
    .strict(),
  /** Every account main holds credentials or a record for. */
  'accounts.list': z.object({}).strict(),
  /** Forgets the token; the record stays so the reader can sign in again. */
  'accounts.signOut': z.object({ accountId }).strict(),
  /** Forgets the account entirely. */
  'accounts.remove': z.object({ accountId }).strict(),
  /** What the server holds now, as ids; `since` is the last pull's `nextSince`. */
  'accounts.pull': z
    .object({
      accountId,
      since: z.number().int().nonnegative().optional(),
      subscriptions: z.boolean(),
    })
    .strict(),
  /** The contents of these items (missing: the server no longer has them). */
  'accounts.fetchItems': z.object({ accountId, ids: itemIds.min(1) }).strict(),
  /** Sends queued changes in order; says how many from the front the server confirmed. */
  'accounts.push': z
    .object({ accountId, changes: z.array(accountChange).min(1).max(MAX_CHANGES_PER_CALL) })
    .strict(),
  /**
   * Automatic backups (main/backups): the renderer's dexie-export-import file travels in
   * chunks, so a large library is never one giant IPC or HTTP message. `begin` says how many
   * bytes will come; `append` sends them in order (`offset` is where this chunk starts);
   * `finish` checks the file and makes it a backup, `abort` drops it.
   */
  'backups.begin': z.discriminatedUnion('reason', [
    z.object({ reason: z.literal('daily'), size: backupSize }).strict(),
    z
      .object({
        reason: z.literal('before-upgrade'),
        /** The schema version the library had before the upgrade. */
        fromVersion: z.number().int().min(1).max(MAX_SCHEMA_VERSION),
        size: backupSize,
      })
      .strict(),
  ]),
  'backups.append': z
    .object({
      uploadId: backupUploadId,
      offset: z.number().int().min(0).max(MAX_BACKUP_BYTES),
      bytes: z
        .instanceof(Uint8Array)
        .refine(
          (b) => b.byteLength >= 1 && b.byteLength <= MAX_BACKUP_CHUNK_BYTES,
          `a chunk holds 1 to ${MAX_BACKUP_CHUNK_BYTES} bytes`,
        ),
    })
    .strict(),
  'backups.finish': z.object({ uploadId: backupUploadId }).strict(),
  'backups.abort': z.object({ uploadId: backupUploadId }).strict(),
  /** Every automatic backup, newest first. */
  'backups.list': z.object({}).strict(),
  /** A part of one backup file (ids from `backups.list`), for restoring it. */
  'backups.read': z
    .object({
      id: backupId,
      offset: z.number().int().min(0).max(MAX_BACKUP_BYTES),
      length: z.number().int().min(1).max(MAX_BACKUP_CHUNK_BYTES),
    })
    .strict(),
  /** The reader's desktop choices (shared/desktop-model.ts); main acts on none before this. */
  'desktop.preferences': z
    .object({
      updates: z.enum(['auto', 'off']),
      badge: z.enum(['all', 'notify', 'none']),
      tray: z.boolean(),
      openAtLogin: z.boolean(),
    })
    .strict(),
  /** The unread count for the dock/taskbar/tray; on Windows the overlay the renderer drew. */
  'desktop.badge': z
    .object({
      count: z.number().int().min(0).max(10_000_000),
      overlay: z
        .string()
        .max(MAX_BADGE_OVERLAY_CHARS)
        .regex(/^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/)
        .optional(),
    })
    .strict(),
  'desktop.notify': z
    .object({
      title: z.string().min(1).max(300),
      body: z.string().max(1000),
      articleId: id.optional(),
    })
    .strict(),
  /** Links and files the system asked us to open, handed over once each. */
  'desktop.takeLinks': z.object({}).strict(),
  /**
   * The interface language in use, for main's own words (the application menu, the tray, the
   * update dialogs): said at start and on every change.
   */
  'desktop.language': z.object({ locale: z.enum([...INTERFACE_LOCALES, PSEUDO_LOCALE]) }).strict(),
  'updates.check': z.object({}).strict(),
  'updates.install': z.object({}).strict(),
  /** The status as main knows it, without checking (Settings → Updates opening). */
  'updates.current': z.object({}).strict(),
} as const satisfies { [K in MethodName]: z.ZodType };

export interface AppInfo {
  name: string;
  version: string;
  /** Which host runs the main-process code: the Electron app or the browser host. */
  host: 'electron' | 'browser';
  platform: string;
}

export type FetchFeedResult =
  | { status: 'not-modified'; url: string }
  | {
      status: 'ok';
      /** Where the feed was finally fetched from, after redirects. */
      url: string;
      /** Set when a permanent redirect (301/308) moved the feed: the store should follow it. */
      movedTo?: string;
      etag?: string;
      lastModified?: string;
      feed: ParsedFeed;
      /**
       * Set when the reader typed this feed's address and its host is on their own network:
       * the subscription keeps it as its `allowPrivateHost` so later fetches may reach it.
       */
      privateHost?: string;
    };

export interface DiscoveredFeed {
  url: string;
  title?: string;
  /** From the link's type attribute or the parsed document. */
  format?: ParsedFeed['format'];
}

export interface DiscoverResult {
  /** Empty when the page offers no feed; then `message` says what was tried. */
  feeds: DiscoveredFeed[];
  message?: string;
}

/** An OPML outline tree reduced to what a reader needs: folders of feeds. */
export interface OpmlFolder {
  title: string;
  feeds: OpmlFeed[];
  folders: OpmlFolder[];
}

export interface OpmlFeed {
  title: string;
  xmlUrl: string;
  htmlUrl?: string;
}

export interface OpmlParseResult {
  title?: string;
  root: OpmlFolder;
  /**
   * One line per outline that could not be imported, saying which and why: `reason` in English,
   * `text` the same as one of main's messages, for the reader in their language. `outline` is
   * the outline's own title, or, when the line is about no one outline, English words that
   * `outlineText` gives as a message.
   */
  problems: { outline: string; reason: string; text?: MainText; outlineText?: MainText }[];
}

export type ImageFetchResult =
  | {
      url: string;
      ok: true;
      contentType: string;
      bytes: Uint8Array;
      width?: number;
      height?: number;
    }
  | { url: string; ok: false; reason: string; retryable: boolean };

/** A piece of an episode (`episodes.fetch`). */
export interface EpisodeChunkResult {
  bytes: Uint8Array;
  /** The whole file's size when the server said it. */
  total?: number;
  /** True when these bytes end the file. */
  done: boolean;
  contentType?: string;
}

/** A small raster icon (never SVG), or why none of the candidates gave one. */
export type FeedIconResult =
  { ok: true; url: string; contentType: string; bytes: Uint8Array } | { ok: false; reason: string };

export interface MethodResults {
  'app.info': AppInfo;
  'feeds.fetch': FetchFeedResult;
  'feeds.discover': DiscoverResult;
  'opml.parse': OpmlParseResult;
  'opml.build': { text: string };
  /** Every valid subscription is scheduled; the others are listed here, not silently lost. */
  'sync.setFeeds': { rejected: SyncFeedRejection[] };
  'sync.refresh': null;
  'sync.cancel': null;
  'articles.fetchFull': ExtractedArticle;
  'articles.import': ExtractedArticle;
  'images.fetch': ImageFetchResult[];
  'episodes.fetch': EpisodeChunkResult;
  'feeds.icon': FeedIconResult;
  'accounts.signIn': SignInResult;
  'accounts.list': { accounts: AccountSummary[] };
  'accounts.signOut': null;
  'accounts.remove': null;
  'accounts.pull': AccountSnapshot;
  'accounts.fetchItems': { items: RemoteItem[]; missing: string[] };
  'accounts.push': PushResult;
  'backups.begin': { uploadId: string };
  'backups.append': null;
  'backups.finish': BackupEntry;
  'backups.abort': null;
  'backups.list': { backups: BackupEntry[] };
  /** `bytes` is empty past the end; `size` is the whole file's. */
  'backups.read': { bytes: Uint8Array; size: number };
  'desktop.preferences': DesktopCapabilities;
  'desktop.badge': null;
  'desktop.notify': null;
  'desktop.takeLinks': { links: DeepLink[] };
  'desktop.language': null;
  /** The status after the check (manual: errors and "up to date" are for showing). */
  'updates.check': UpdateStatus;
  'updates.install': null;
  'updates.current': UpdateStatus;
}

export type MethodParams<K extends MethodName> = z.input<(typeof methodParams)[K]>;
export type ValidParams<K extends MethodName> = z.output<(typeof methodParams)[K]>;
export type MethodResult<K extends MethodName> = MethodResults[K];

/** What main implements: one async function per method, given already-validated params. */
export type Handlers = {
  [K in MethodName]: (params: ValidParams<K>) => Promise<MethodResult<K>>;
};

/** Pushed from main to the renderer. */
export interface Events {
  'app.ready': { at: number };
  'sync.progress': SyncProgress;
  /** One feed fetched: store the result (articles and new conditional-GET state together). */
  'sync.result':
    | { feedId: string; fetchedAt: number; ok: true; result: FetchFeedResult }
    | { feedId: string; fetchedAt: number; ok: false; failure: SyncFailure };
  /** A link or file is waiting: call `desktop.takeLinks`. */
  'desktop.linksWaiting': Record<string, never>;
  /** The reader clicked a notification. */
  'desktop.openArticle': { articleId: string };
  'updates.status': UpdateStatus;
}

export type { BackupEntry, ExtractedArticle, FeedSyncState, SyncSettings };

// Compile-time check that every declared event name has a payload type and vice versa.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const eventsMatchNames: Exact<keyof Events, EventName> = true;
void eventsMatchNames;

/** What the renderer sees as `window.broadsheet` (Electron) or gets from the HTTP transport. */
export interface BroadsheetApi {
  invoke<K extends MethodName>(
    method: K,
    params: MethodParams<K>,
  ): Promise<Result<MethodResult<K>>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}
