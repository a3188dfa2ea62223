/**
 * What a stored row may hold, one schema per table, for rows that come from outside the app's
 * own code paths: a restored backup, an imported bookmark. A row that fails is skipped with a
 * reason a reader can act on; a row whose fault is in a field the app rebuilds by itself (sync
 * state, caches, an empty list written as null) is repaired by dropping or emptying that field,
 * and the repair is reported too. Nothing that passes can crash the reader, reach the DOM as
 * unsanitized HTML, hold a non-web address, or make the contract refuse `sync.setFeeds`.
 */
import { z } from 'zod';
import { feedSyncStateSchema, methodParams } from '@shared/contract';
import { MAX_DATE_MS } from '@shared/feed-limits';
import { MAX_EPISODE_BYTES, MAX_EPISODES_TOTAL_BYTES } from '@shared/episode-limits';
import { DEFAULT_SYNC_SETTINGS } from '@shared/sync-model';
import { ACCOUNT_SERVICES } from '@shared/account-model';
import english from '@shared/catalogues/en.json';
import type { MessageId } from '../i18n/catalogue';
import type {
  Account,
  Article,
  Feed,
  Folder,
  Highlight,
  Playback,
  ReadingPosition,
  Rule,
  SavedSearch,
  Setting,
  StoredImage,
} from './entities';
import { addressFault, MAX_NOTE_LENGTH } from '../lib/bookmarks/bookmark-record';
import type { MessageRef } from '../lib/message-ref';
import type { SettingsMap } from './settings-repository';
import { sanitizeForDisplay } from '../lib/sanitize-html';
import { MAX_TAG_LENGTH } from '../lib/bookmarks/tag-names';
import { compileQuery } from '../../search-engine/core/matcher';
import { MAX_RULE_QUERY_LENGTH } from './rules-repository';

// The contract's own schemas: a restored feed must be one main accepts in `sync.setFeeds`.
const feedSyncState = feedSyncStateSchema;
const syncSettings = methodParams['sync.setFeeds'].shape.settings;
/** http(s) only, at most 4,096 characters: the contract's bound for every address. */
const webUrl = methodParams['feeds.fetch'].shape.url;

const text = (max: number) => z.string().max(max);
/**
 * zod refuses NaN and ±Infinity for numbers: every stored number is finite. A time must also be
 * one a Date can hold (MAX_DATE_MS): one past it in a restored article made the whole bookmarks
 * export fail.
 */
const time = z.number().min(-MAX_DATE_MS).max(MAX_DATE_MS);
const count = z.number().int().nonnegative();
/**
 * A stored reason's message (lib/message-ref.ts, or main's `text`): one of the catalogue's ids
 * with bounded values. One this version does not know is dropped and the row kept: the English
 * words stored beside it are shown instead.
 */
const messageRef = z
  .object({
    id: text(200).refine((id): id is MessageId => Object.hasOwn(english, id)),
    values: z.record(text(200), z.union([text(10_000), z.number()])).optional(),
  })
  .optional()
  .catch(undefined) as z.ZodType<MessageRef | undefined>;
const KEY_MAX = 10_000;
const HTML_MAX = 10 * 1024 * 1024;
/** The contract's bounds for an account id and a server's ids (streams, labels, items). */
const accountIdText = text(100).min(1);
const remoteIdText = text(5000).min(1);

/** A raster image as a data URL: what `feeds.icon` gives (never SVG, at most 64 KB). */
const iconDataUrl = z
  .string()
  .max(100_000)
  .regex(/^data:image\/(?!svg)[a-z0-9.+-]+;base64,[A-Za-z0-9+/]*={0,2}$/i, 'is not a raster image');

export const feedRowSchema = z.object({
  id: feedSyncState.shape.id,
  url: webUrl,
  title: text(10_000),
  customTitle: text(10_000).optional(),
  siteUrl: webUrl.optional(),
  description: text(100_000).optional(),
  language: text(100).optional(),
  iconUrl: webUrl.optional(),
  folderId: text(KEY_MAX).optional(),
  createdAt: time,
  etag: feedSyncState.shape.etag,
  lastModified: feedSyncState.shape.lastModified,
  lastFetchedAt: feedSyncState.shape.lastFetchedAt,
  intervalMinutes: feedSyncState.shape.intervalMinutes,
  failureCount: feedSyncState.shape.failureCount,
  nextAttemptAt: feedSyncState.shape.nextAttemptAt,
  gone: feedSyncState.shape.gone,
  allowPrivateHost: feedSyncState.shape.allowPrivateHost,
  notify: z.boolean().optional(),
  lastError: z
    .object({
      code: text(200),
      message: text(10_000),
      at: time,
      status: z.number().int().optional(),
      text: messageRef,
    })
    .optional(),
  duplicateOf: text(KEY_MAX).optional(),
  unsubscribedAt: time.optional(),
  fullText: z.enum(['auto', 'always', 'never']).optional(),
  icon: z.object({ dataUrl: iconDataUrl, fetchedAt: time }).optional(),
  iconRetry: z.object({ failures: count, nextAttemptAt: time }).optional(),
  accountId: accountIdText.optional(),
  remoteId: remoteIdText.optional(),
  movingTo: accountIdText.optional(),
  quiet: z.boolean().optional(),
  keepEpisodes: z.boolean().optional(),
});

export const folderRowSchema = z.object({
  id: text(KEY_MAX).min(1),
  name: text(1000),
  parentId: text(KEY_MAX).optional(),
  accountId: accountIdText.optional(),
  remoteId: remoteIdText.optional(),
});

export const articleRowSchema = z.object({
  id: text(KEY_MAX).min(1),
  feedId: text(KEY_MAX).min(1),
  guid: text(KEY_MAX),
  url: webUrl.optional(),
  title: text(10_000),
  authors: z.array(text(1000)).max(1000),
  publishedAt: time,
  updatedAt: time.optional(),
  fetchedAt: time,
  summary: text(HTML_MAX).optional(),
  contentHtml: text(HTML_MAX).optional(),
  listText: text(10_000).optional(),
  images: z.array(webUrl).max(10_000),
  enclosures: z
    .array(
      z.object({
        url: webUrl,
        type: text(200)
          .regex(/^(audio|video)\//i, 'is not an audio or video type')
          .optional(),
        length: count.optional(),
      }),
    )
    .max(100)
    .optional(),
  categories: z.array(text(1000)).max(1000),
  unread: z.union([z.literal(0), z.literal(1)]),
  readAt: time.optional(),
  bookmarkedAt: time.optional(),
  tags: z.array(text(200)).max(1000),
  note: text(MAX_NOTE_LENGTH).optional(),
  savedAt: time.optional(),
  allowPrivateHost: feedSyncState.shape.allowPrivateHost,
  byline: text(1000).optional(),
  siteName: text(1000).optional(),
  section: text(1000).optional(),
  lang: text(100).optional(),
  dir: z.enum(['ltr', 'rtl']).optional(),
  leadImageUrl: webUrl.optional(),
  excerpt: text(100_000).optional(),
  wordCount: count.optional(),
  readingMinutes: count.optional(),
  fullText: z.enum(['pending', 'done', 'failed', 'skipped']).optional(),
  fullTextError: text(10_000).optional(),
  fullTextErrorText: messageRef,
  offline: z.enum(['pending', 'complete', 'partial']).optional(),
  accountId: accountIdText.optional(),
  remoteId: text(200).min(1).optional(),
  hiddenAt: time.optional(),
  hiddenBy: text(KEY_MAX).optional(),
  quiet: z.literal(1).optional(),
  storyId: text(KEY_MAX).optional(),
  storyLead: z.literal(1).optional(),
  // Derived again on every write (placement.ts): whatever a file says is replaced.
  lane: text(KEY_MAX).optional(),
  crowd: z.literal(1).optional(),
  // Rewritten on every write too (read-marks.ts): only its order against a mark matters.
  unreadAt: time.optional(),
});

/**
 * An account as the library keeps it. zod drops keys it does not know, so a password or token
 * written into a backup by hand never reaches IndexedDB.
 */
export const accountRowSchema = z.object({
  id: accountIdText,
  service: z.enum(ACCOUNT_SERVICES),
  serverUrl: webUrl,
  username: text(200).min(1),
  name: text(200).min(1),
  createdAt: time,
  status: z.enum(['ok', 'signed-out', 'error']),
  lastError: z
    .object({ code: text(200), message: text(10_000), at: time, text: messageRef })
    .optional(),
  lastSyncAt: time.optional(),
  since: count.optional(),
  subscriptionsAt: time.optional(),
});

export const imageRowSchema = z
  .object({
    url: webUrl,
    articleIds: z.array(text(KEY_MAX)).max(100_000),
    status: z.enum(['ok', 'failed']),
    blob: z.instanceof(Blob).optional(),
    contentType: text(200)
      .regex(/^image\/(?!svg)/i, 'is not a raster image type')
      .optional(),
    bytes: count.optional(),
    width: count.optional(),
    height: count.optional(),
    attempts: count,
    lastError: text(10_000).optional(),
    retryable: z.boolean().optional(),
    fetchedAt: time.optional(),
  })
  // A stored copy is what the reader shows instead of the web address: it must be there.
  .refine((image) => image.status !== 'ok' || image.blob !== undefined, {
    message: 'has no stored image',
    path: ['blob'],
  });

export const positionRowSchema = z.object({
  articleId: text(KEY_MAX).min(1),
  fraction: z.number().min(0).max(1),
  updatedAt: time,
});

/** A highlight's quote and context are plain text from the article; its note is the reader's. */
export const highlightRowSchema = z.object({
  id: text(KEY_MAX).min(1),
  articleId: text(KEY_MAX).min(1),
  quote: text(100_000).min(1),
  prefix: text(1_000),
  suffix: text(1_000),
  start: z.number().int().min(0).max(100_000_000).optional(),
  note: text(MAX_NOTE_LENGTH).optional(),
  createdAt: time,
  updatedAt: time,
});

export const playbackRowSchema = z.object({
  articleId: text(KEY_MAX).min(1),
  seconds: z.number().min(0).max(1_000_000),
  duration: z.number().min(0).max(1_000_000).optional(),
  updatedAt: time,
});

/**
 * A rule as the library keeps it (rules-repository.ts validates new ones the same way): a rule
 * that could match nothing, or an "Add tag" without its tag, would do nothing but confuse.
 */
export const ruleRowSchema = z
  .object({
    id: text(KEY_MAX).min(1),
    query: text(MAX_RULE_QUERY_LENGTH).refine(
      (query) => !compileQuery(query).empty,
      'gives nothing to match',
    ),
    action: z.enum(['hide', 'read', 'bookmark', 'tag', 'notify']),
    tag: text(MAX_TAG_LENGTH).min(1).optional(),
    until: time.optional(),
    createdAt: time,
  })
  .refine((rule) => rule.action !== 'tag' || rule.tag !== undefined, {
    message: 'has no tag to add',
    path: ['tag'],
  });

const savedSearchSchema = z.object({
  id: text(KEY_MAX).min(1),
  name: text(1000),
  query: text(10_000),
  sort: z.enum(['relevance', 'date']),
}) satisfies z.ZodType<SavedSearch>;

const days = z.number().int().min(0).max(1_000_000).nullable();
const setting = <K extends string, V extends z.ZodType>(key: K, value: V) =>
  z.object({ key: z.literal(key), value });

/**
 * One schema per setting the app knows; a value's fields may be missing (a missing one reads as
 * its default), none may be wrong. `sync` is judged merged with its defaults, as main gets it.
 */
export const settingRowSchema = z.discriminatedUnion('key', [
  setting(
    'sync',
    z
      .object(syncSettings.shape)
      .partial()
      .refine(
        (value) => syncSettings.safeParse({ ...DEFAULT_SYNC_SETTINGS, ...value }).success,
        'is not a sync setting the app accepts',
      ),
  ),
  setting(
    'retention',
    z.object({ keepReadDays: days, keepUnreadDays: days, maxPerFeed: days }).partial(),
  ),
  setting('reading', z.object({ fullTextDefault: z.enum(['auto', 'always', 'never']) }).partial()),
  setting(
    'readState',
    z.object({ mode: z.enum(['open', 'delay', 'manual']), onScroll: z.boolean() }).partial(),
  ),
  setting(
    'paneWidths',
    z
      .object({ sidebar: z.number().min(0).max(100_000), list: z.number().min(0).max(100_000) })
      .partial(),
  ),
  setting(
    'articleList',
    z.object({ order: z.enum(['newest', 'oldest']), unreadOnly: z.boolean() }).partial(),
  ),
  setting(
    'readerStyle',
    z
      .object({
        theme: z.enum(['system', 'light', 'dark', 'sepia']),
        font: z.enum(['serif', 'sans']),
        size: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
        width: z.enum(['narrow', 'medium', 'wide']),
        lineHeight: z.enum(['compact', 'normal', 'relaxed']),
      })
      .partial(),
  ),
  setting('onboarded', z.object({ at: time.nullable() }).partial()),
  setting('savedSearches', z.object({ items: z.array(savedSearchSchema).max(10_000) }).partial()),
  setting('backups', z.object({ includeImages: z.boolean() }).partial()),
  setting(
    'episodes',
    z
      .object({
        maxEpisodeBytes: z.number().int().min(1).max(MAX_EPISODE_BYTES),
        maxTotalBytes: z.number().int().min(1).max(MAX_EPISODES_TOTAL_BYTES),
      })
      .partial(),
  ),
  setting(
    'desktop',
    z
      .object({
        updates: z.enum(['auto', 'off']),
        badge: z.enum(['all', 'notify', 'none']),
        tray: z.boolean(),
        openAtLogin: z.boolean(),
      })
      .partial(),
  ),
]);

// A field added to an entity but not here would be dropped from every restored row: the types
// must stay equal, optional keys included (which assignability alone would not notice).
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
type SameShape<A, B> = Exact<A, B> extends true ? Exact<keyof A, keyof B> : never;
type Same<S extends z.ZodType, T> = SameShape<z.output<S>, T>;
const covered: [
  Same<typeof feedRowSchema, Feed>,
  Same<typeof folderRowSchema, Folder>,
  Same<typeof articleRowSchema, Article>,
  Same<typeof imageRowSchema, StoredImage>,
  Same<typeof positionRowSchema, ReadingPosition>,
  Same<typeof accountRowSchema, Account>,
  Same<typeof ruleRowSchema, Rule>,
  Same<typeof highlightRowSchema, Highlight>,
  Same<typeof playbackRowSchema, Playback>,
  z.output<typeof settingRowSchema> extends Setting ? true : never,
] = [true, true, true, true, true, true, true, true, true, true];
void covered;
// Every setting the app keeps has a schema here, of the same shape: a setting added without one
// would be skipped by every restore.
type SettingRow = z.output<typeof settingRowSchema>;
/** The settings whose schema here differs from SettingsMap: must be none. */
type SettingsAdrift = {
  [K in keyof SettingsMap]: true extends SameShape<
    Extract<SettingRow, { key: K }>['value'],
    Partial<SettingsMap[K]>
  >
    ? never
    : K;
}[keyof SettingsMap];
const settingsCovered: [Exact<SettingRow['key'], keyof SettingsMap>, Exact<SettingsAdrift, never>] =
  [true, true];
void settingsCovered;

export interface TableRows {
  feeds: Feed;
  folders: Folder;
  articles: Article;
  settings: Setting;
  images: StoredImage;
  positions: ReadingPosition;
  accounts: Account;
  rules: Rule;
  highlights: Highlight;
  playback: Playback;
}
export type TableName = keyof TableRows;

/**
 * What one row came to: kept (maybe repaired, each repair said) or skipped, and why. A reason is
 * a message under `db.restore.reason.`, whose `{what}` the report fills with "3 articles".
 */
export type RowCheck<T> =
  { ok: true; row: T; repairs: MessageRef[] } | { ok: false; reason: MessageRef };

interface TableRule {
  schema: z.ZodType;
  /**
   * Fields the app rebuilds by itself (conditional-GET and retry state, icon caches, derived
   * text): a bad value is dropped rather than the row lost.
   */
  droppable: readonly string[];
  /** Lists written as null or left out, made empty: nothing is lost by it. */
  lists: readonly string[];
}

const RULES: Record<TableName, TableRule> = {
  feeds: {
    schema: feedRowSchema,
    droppable: [
      'etag',
      'lastModified',
      'lastFetchedAt',
      'intervalMinutes',
      'failureCount',
      'nextAttemptAt',
      'gone',
      'lastError',
      'siteUrl',
      'iconUrl',
      'icon',
      'iconRetry',
    ],
    lists: [],
  },
  folders: { schema: folderRowSchema, droppable: [], lists: [] },
  articles: {
    schema: articleRowSchema,
    droppable: ['listText', 'wordCount', 'readingMinutes', 'fullTextError', 'leadImageUrl'],
    lists: ['authors', 'images', 'categories', 'tags'],
  },
  settings: { schema: settingRowSchema, droppable: [], lists: [] },
  images: { schema: imageRowSchema, droppable: [], lists: ['articleIds'] },
  positions: { schema: positionRowSchema, droppable: [], lists: [] },
  // The pull's cursor is bookkeeping: restoring drops it anyway (restore-repository).
  accounts: {
    schema: accountRowSchema,
    droppable: ['lastError', 'lastSyncAt', 'since', 'subscriptionsAt'],
    lists: [],
  },
  rules: { schema: ruleRowSchema, droppable: [], lists: [] },
  highlights: { schema: highlightRowSchema, droppable: ['start'], lists: [] },
  playback: { schema: playbackRowSchema, droppable: [], lists: [] },
};

export const TABLE_NAMES = Object.keys(RULES) as TableName[];

/** Judges one row of `table`; HTML in an article is sanitized again, as the reader would. */
export function checkRow<K extends TableName>(table: K, input: unknown): RowCheck<TableRows[K]> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, reason: { id: 'db.restore.reason.notARecord' } };
  }
  const rule = RULES[table];
  const row: Record<string, unknown> = { ...input };
  const repairs: MessageRef[] = [];
  for (const list of rule.lists) {
    if (row[list] === null || row[list] === undefined) {
      row[list] = [];
      repairs.push({ id: 'db.restore.reason.listMadeEmpty', values: { list } });
    }
  }
  // An article's image list only names what to fetch; an address that is not a web one goes.
  if (table === 'articles' && Array.isArray(row.images)) {
    const images = row.images.filter((url) => webUrl.safeParse(url).success);
    if (images.length < row.images.length) repairs.push({ id: 'db.restore.reason.imagesDropped' });
    row.images = images;
  }
  let parsed = rule.schema.safeParse(row);
  if (!parsed.success) {
    const fields = new Set(parsed.error.issues.map((issue) => String(issue.path[0])));
    const dropped = rule.droppable.filter((field) => fields.has(field));
    if (dropped.length > 0) {
      for (const field of dropped) {
        repairs.push(describeDrop(field, row[field]));
        delete row[field];
      }
      parsed = rule.schema.safeParse(row);
    }
  }
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (table === 'settings' && issue?.path[0] === 'key') {
      return { ok: false, reason: { id: 'db.restore.reason.unknownSetting' } };
    }
    return { ok: false, reason: describeIssue(issue, row) };
  }
  const value = parsed.data as Record<string, unknown>;
  if (table === 'articles') {
    for (const field of ['contentHtml', 'summary']) {
      if (typeof value[field] === 'string') value[field] = sanitizeForDisplay(value[field]);
    }
  }
  return { ok: true, row: value as unknown as TableRows[K], repairs };
}

/** Why a field was dropped ("1 feed with an over-long ETag (dropped)"). */
function describeDrop(field: string, value: unknown): MessageRef {
  // HTTP's header names are code: they stay as they are in every language.
  const header = field === 'etag' ? 'ETag' : field === 'lastModified' ? 'Last-Modified' : '';
  if (!header) return { id: 'db.restore.reason.badFieldDropped', values: { field } };
  if (typeof value === 'string' && value.length > 1024) {
    return { id: 'db.restore.reason.overLongHeaderDropped', values: { header } };
  }
  return { id: 'db.restore.reason.badHeaderDropped', values: { header } };
}

/** Why a row was skipped ("3 articles with a javascript: URL"). */
function describeIssue(
  issue: z.core.$ZodIssue | undefined,
  row: Record<string, unknown>,
): MessageRef {
  if (!issue) return { id: 'db.restore.reason.unreadable' };
  const path = issue.path.map(String);
  const field = path[0] ?? '';
  const value = row[field];
  if (/url$/i.test(field) && path.length === 1 && typeof value === 'string') {
    const fault = addressFault(value);
    if (fault.kind === 'scheme')
      return { id: 'db.restore.reason.scheme', values: { scheme: fault.scheme } };
    if (fault.kind === 'tooLong')
      return { id: 'db.restore.reason.addressTooLong', values: { max: fault.max } };
    return { id: 'db.restore.reason.invalidAddress' };
  }
  if (issue.code === 'invalid_type' && getAt(row, path) === undefined)
    return { id: 'db.restore.reason.missing', values: { field: path.join('.') } };
  return { id: 'db.restore.reason.badField', values: { field: path.join('.') } };
}

function getAt(row: Record<string, unknown>, path: string[]): unknown {
  let at: unknown = row;
  for (const key of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}
