/** What the store holds. Dates are epoch milliseconds; booleans that are indexed are 0 | 1. */
import type { AccountChange, AccountService } from '@shared/account-model';
import type { MessageRef } from '../lib/message-ref';

export interface Feed {
  id: string;
  /**
   * Where we fetch it from; follows permanent redirects. Unique among this computer's feeds
   * (in code: an account may subscribe to the same address).
   */
  url: string;
  title: string;
  /** A name the user gave it, shown instead of the feed's own title. */
  customTitle?: string;
  siteUrl?: string;
  description?: string;
  language?: string;
  iconUrl?: string;
  folderId?: string;
  createdAt: number;
  /** Conditional-GET state; written in the same transaction as the articles it vouches for. */
  etag?: string;
  lastModified?: string;
  lastFetchedAt?: number;
  /** Sync bookkeeping the main-process scheduler reads back (see sync-model.ts). */
  intervalMinutes?: number;
  failureCount?: number;
  nextAttemptAt?: number;
  gone?: boolean;
  /** `text`: the message id the sentence was made from, to show it in the language in use. */
  lastError?: { code: string; message: string; at: number; status?: number; text?: MessageRef };
  /**
   * The id of another subscription this feed's server now permanently redirects to (the same
   * address, which only one row may hold): the feed keeps its own address and offers to merge.
   */
  duplicateOf?: string;
  /**
   * Set when the user unsubscribed but bookmarked articles from it remain: the row stays so
   * those articles keep their source, and is hidden from the sidebar and never synced.
   */
  unsubscribedAt?: number;
  /** Whether to fetch whole articles from the web: 'auto' decides per item (default). */
  fullText?: FullTextMode;
  /** The sidebar icon, kept as a data URL so it shows offline (at most 64 KB, never SVG). */
  icon?: { dataUrl: string; fetchedAt: number };
  /** After failed icon fetches: when to ask again, backing off, so no site is asked every launch. */
  iconRetry?: { failures: number; nextAttemptAt: number };
  /**
   * The feed's host when the reader added it themselves and it is on their own network (main
   * said so: FetchFeedResult.privateHost). Main then lets this feed's refreshes, full text,
   * images and icon reach that host, and no other host on the network. Unindexed.
   */
  allowPrivateHost?: string;
  /** "Notify me of new articles": each refresh's new ones from it make one notification. */
  notify?: boolean;
  /** The sync account that holds this subscription; absent for feeds on this computer. */
  accountId?: string;
  /** The server's handle for it (`feed/…`); with accountId. */
  remoteId?: string;
  /**
   * A local feed the reader moved into this account: subscribed on the server (queued), and
   * merged into the account's copy when that arrives (accounts-repository.ts).
   */
  movingTo?: string;
  /**
   * Kept out of All articles, Unread and Today ("Show in All articles, Unread and Today" off):
   * its articles show only under the feed itself and in search. Copied onto each article as
   * `quiet`, so the crowd views stay one key range.
   */
  quiet?: boolean;
  /** "Keep episodes offline": its items' audio and video are downloaded (pipeline/episode-downloads.ts). */
  keepEpisodes?: boolean;
}

export type FullTextMode = 'auto' | 'always' | 'never';

/** The pseudo-source of articles the reader saved (imported files, "Save URL"). */
export const SAVED_FEED_ID = 'saved';

export interface Folder {
  id: string;
  name: string;
  parentId?: string;
  /** The sync account whose folder (label) this is; absent for folders on this computer. */
  accountId?: string;
  /** The label's stream id, `user/-/label/<name>`; with accountId. */
  remoteId?: string;
}

export interface Article {
  /** `${feedId}|${guid}`: the same item from the same feed is always the same row. */
  id: string;
  feedId: string;
  guid: string;
  url?: string;
  title: string;
  authors: string[];
  /** When published, or first seen when the feed gave no date. */
  publishedAt: number;
  updatedAt?: number;
  fetchedAt: number;
  summary?: string;
  contentHtml?: string;
  /**
   * The list row's plain-text excerpt of `summary` (else `contentHtml`), made once when the
   * article is stored rather than by parsing HTML for every row painted. Rows stored before
   * it existed lack it; the list then makes it on the fly.
   */
  listText?: string;
  images: string[];
  /** The item's audio and video (db/enclosures.ts keeps only those), for the reader's player. */
  enclosures?: MediaEnclosure[];
  categories: string[];
  unread: 0 | 1;
  readAt?: number;
  bookmarkedAt?: number;
  tags: string[];
  note?: string;
  /** Set for articles the reader saved (file import, Save URL); their feedId is SAVED_FEED_ID. */
  savedAt?: number;
  /** A page saved by URL from the reader's own network: its host (see Feed.allowPrivateHost). */
  allowPrivateHost?: string;
  /** Article metadata from extraction or import. */
  byline?: string;
  siteName?: string;
  section?: string;
  lang?: string;
  dir?: 'ltr' | 'rtl';
  leadImageUrl?: string;
  excerpt?: string;
  wordCount?: number;
  readingMinutes?: number;
  /** Whole-article extraction: wanted and not yet done, done, failed, or not wanted. */
  fullText?: 'pending' | 'done' | 'failed' | 'skipped';
  fullTextError?: string;
  /** The message `fullTextError` was made from, to show it in the language in use. */
  fullTextErrorText?: MessageRef;
  /** 'pending' while text or images are still to be fetched for offline reading. */
  offline?: 'pending' | 'complete' | 'partial';
  /** The sync account this item belongs to: its read, star and label changes are queued. */
  accountId?: string;
  /** The server's item id (long form); equal to guid for account items. */
  remoteId?: string;
  /** When a rule hid it (schema v6): it leaves every view and count but Hidden. */
  hiddenAt?: number;
  /** The rule that hid it; with hiddenAt. */
  hiddenBy?: string;
  /** Its feed is kept out of All articles, Unread and Today (Feed.quiet). */
  quiet?: 1;
  /** The story it belongs to when other sources carry the same story: the story's first article id. */
  storyId?: string;
  /** The copy that stands for its story in All articles, Unread and Today (the fullest). */
  storyLead?: 1;
  /**
   * Derived on every write (db/placement.ts), never set by hand: the feed whose views show it
   * (absent while hidden) and 1 when All articles, Unread and Today show it. IndexedDB leaves a
   * row out of an index whose key is missing, so each view and count is one key range.
   */
  lane?: string;
  crowd?: 1;
  /**
   * While unread: when it last became unread (a monotonic stamp, db/read-marks.ts), set on every
   * write by a Dexie middleware and absent once read. A "mark all as read" recorded at stamp
   * `at` covers only rows unread since before it.
   */
  unreadAt?: number;
}

/**
 * What a tally counts (db/tallies.ts): All articles (`crowd`), its unread rows (`crowd+unread`),
 * what rules hid (`hidden`), one feed's unread rows as its views show them (`unread:<feedId>`)
 * — each the size of one index range — and what one feed's articles (`feed:<feedId>`) and their
 * images (`images:<feedId>`) take.
 */
export type ViewTallyKey = 'crowd' | 'crowd+unread' | 'hidden';
export type StorageTallyKey = `feed:${string}` | `images:${string}` | `unread:${string}`;
export type TallyKey = ViewTallyKey | StorageTallyKey;

/**
 * How many rows a tally counts, kept in step with every write of them (schema v8), and for a
 * storage tally the bytes they hold. A per-feed tally's absence means "not measured yet": it is
 * counted once when first asked for (the storage report, the sidebar's unread counts), then kept.
 */
export interface Tally {
  key: TallyKey;
  count: number;
  bytes?: number;
}

/** A feed item's audio or video file, as the feed announced it. */
export interface MediaEnclosure {
  url: string;
  /** audio/… or video/…; absent when the feed gave none and the address's ending told. */
  type?: string;
  /** Bytes the feed announced; often wrong or 0, so only a hint. */
  length?: number;
}

/**
 * A rule the reader wrote in the search language (schema v6): applied to each article as it is
 * stored, or to the stored ones on demand. `until` makes it a mute that ends by itself.
 */
export interface Rule {
  id: string;
  query: string;
  action: RuleAction;
  /** The tag "Add tag" adds. */
  tag?: string;
  /** Epoch ms after which the rule no longer applies and what it hid comes back. */
  until?: number;
  createdAt: number;
}

/** 'notify' changes nothing stored: a match makes the arrival one the refresh's notification names. */
export type RuleAction = 'hide' | 'read' | 'bookmark' | 'tag' | 'notify';

/**
 * What story grouping keeps of a stored article (schema v6), so a new arrival finds its
 * candidates through the `keys` index instead of reading articles. Shape of `fingerprint` is the
 * grouping code's (search-engine/core story grouping).
 */
export interface StoryFingerprintRow {
  articleId: string;
  /** Lookup keys: canonical URL, normalized title, MinHash bands. */
  keys: string[];
  storyId?: string;
  fingerprint: unknown;
  /**
   * Stories the reader split this article out of ("Split from story"): it never joins them
   * again, even when it arrives anew. Kept (without keys) after the article is deleted.
   */
  splitFrom?: string[];
}

/**
 * "Mark all as read" over many articles, recorded at once (schema v6) and folded into the
 * article rows in the background; see db/read-marks.ts.
 */
export type ReadMark = CrowdReadMark | QuietChange;

/**
 * All articles, Unread or Today marked read, published in [from, before): covers every article
 * not hidden and not from a quiet feed (story copies included), unread in that range, that had
 * been unread since before `at` (its `unreadAt`). See db/read-marks.ts.
 */
export interface CrowdReadMark {
  id: string;
  kind: 'read';
  from: number;
  before: number;
  /** The unread stamp at the mark (db/read-marks.ts `nextUnreadStamp`). */
  at: number;
  /** The readAt the folded rows get. */
  readAt: number;
  /** The feed lane the fold reached (lanes are folded in key order). */
  lane?: string;
}

/** A feed's "Show in All articles, Unread and Today" being copied onto its articles. */
export interface QuietChange {
  id: string;
  kind: 'quiet';
  feedId: string;
  quiet: boolean;
}

/** An image kept for offline reading; shared by every article that shows the same URL. */
export interface StoredImage {
  url: string;
  articleIds: string[];
  status: 'ok' | 'failed';
  blob?: Blob;
  contentType?: string;
  bytes?: number;
  width?: number;
  height?: number;
  attempts: number;
  lastError?: string;
  /** False when retrying cannot help (too large, not an image): never fetched again. */
  retryable?: boolean;
  fetchedAt?: number;
}

export interface Setting {
  key: string;
  value: unknown;
}

/** A search the reader kept as a view of its own in the sidebar. */
export interface SavedSearch {
  id: string;
  name: string;
  query: string;
  sort: 'relevance' | 'date';
}

/**
 * A passage the reader highlighted (schema v7), anchored by its quote and the text around it
 * (W3C Web Annotation's TextQuoteSelector), with character offsets in the article's text as a
 * hint only, so a re-render or a changed paragraph elsewhere does not lose it.
 */
export interface Highlight {
  id: string;
  articleId: string;
  quote: string;
  prefix: string;
  suffix: string;
  /** Offsets in the article's plain text when made: a hint to choose between equal quotes. */
  start?: number;
  note?: string;
  createdAt: number;
  updatedAt: number;
}

/** A feed item's audio or video (schema v7 keeps what "Keep episodes offline" stored). */
export interface EpisodeRow {
  articleId: string;
  feedId: string;
  url: string;
  type?: string;
  /** Bytes the server announced, when it did. */
  size?: number;
  /** Bytes stored so far, in `episodeParts`; a failed download resumes from here. */
  stored: number;
  state: 'queued' | 'downloading' | 'complete' | 'failed';
  error?: string;
  /** The message `error` was made from, to show it in the language in use. */
  errorText?: MessageRef;
  /** With 'failed': true when trying again later may work (network, server busy). */
  retryable?: boolean;
  updatedAt: number;
}

/** One stored piece of an episode, in order; played back as one Blob of all parts. */
export interface EpisodePart {
  articleId: string;
  index: number;
  bytes: Blob;
}

/** Where the reader left an episode's playback. */
export interface Playback {
  articleId: string;
  seconds: number;
  duration?: number;
  updatedAt: number;
}

/** Where the reader left an article; absent when it was never scrolled or was finished. */
export interface ReadingPosition {
  articleId: string;
  /** Share of the scrollable height, 0–1: survives a different window size or font size. */
  fraction: number;
  updatedAt: number;
}

/**
 * A sync account as the library knows it: what the reader sees and the pull's bookkeeping.
 * Never a password or token: those live only in main.
 */
export interface Account {
  id: string;
  service: AccountService;
  serverUrl: string;
  username: string;
  /** The shown name; the reader may rename it. */
  name: string;
  createdAt: number;
  /** 'signed-out': the server refused the saved sign-in, or the reader signed out. */
  status: 'ok' | 'signed-out' | 'error';
  /** `text`: the message id the sentence was made from, to show it in the language in use. */
  lastError?: { code: string; message: string; at: number; text?: MessageRef };
  lastSyncAt?: number;
  /** The last pull's `nextSince`; written with the last batch of items it brought. */
  since?: number;
  /** When subscriptions and folders were last pulled. */
  subscriptionsAt?: number;
}

/** One change not yet confirmed by the account's server; written with the change itself. */
/**
 * An account's item this library does not fetch again: retention purged it, or a sync asked
 * and could not keep it (the server had lost it, or it belongs to no subscription held here).
 */
export interface PurgedItem {
  accountId: string;
  remoteId: string;
  at: number;
  /** Set when its subscription was not held here: once it is, the item is wanted again. */
  streamId?: string;
}

export interface OutboxEntry {
  /** Auto-increment: the order changes are replayed in. */
  seq?: number;
  accountId: string;
  change: AccountChange;
  at: number;
  /** Times the server refused this change outright (not for being unreachable). */
  refusals?: number;
}
