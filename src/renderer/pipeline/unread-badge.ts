import { liveQuery } from 'dexie';
import type { BroadsheetApi } from '@shared/contract';
import {
  MAX_BADGE_OVERLAY_CHARS,
  type DesktopCapabilities,
  type DesktopPreferences,
} from '@shared/desktop-model';
import { getApi } from '../api/broadsheet-api';
import { getDb } from '../db/database';
import type { Feed } from '../db/entities';
import { listFeeds } from '../db/queries';
import { getSetting } from '../db/settings-repository';
import { pageUnreadCounter, type UnreadCounter } from '../db/unread-counter';
import { desktopCapabilities, onDesktopCapabilities } from '../lib/desktop-capabilities';
import { reportStorageError } from '../lib/storage-errors';
import { translate } from '../i18n/current-locale';

/*
 * The unread count outside the window: the page title ("(12) Broadsheet", in both hosts: a
 * browser tab, the window's title bar) and, in the desktop app, the dock/taskbar badge
 * (`desktop.badge`; on Windows an overlay icon this page draws, main having no canvas). The
 * counts are the sidebar's own (db/unread-counter.ts: one key-range count per feed, recounted
 * only for the feeds a change touched), summed here: nothing is counted twice.
 */

export type BadgeChoice = DesktopPreferences['badge'];
export type BadgeFeed = Pick<Feed, 'id' | 'quiet' | 'notify'>;

export const APP_TITLE = 'Broadsheet';
/** Quiet enough that a refresh storing batch after batch moves the badge a few times, not 100. */
const SETTLE_MS = 200;

/**
 * The feeds the badge counts. "All unread" leaves out quiet feeds — the reader asked to keep
 * them out of All articles and Unread, and the badge is the widest of those views; "Notify
 * feeds only" counts the feeds whose new articles notify, quiet or not.
 */
export function badgeFeeds(feeds: readonly BadgeFeed[], choice: BadgeChoice): string[] {
  if (choice === 'none') return [];
  return feeds
    .filter((feed) => (choice === 'notify' ? feed.notify === true : feed.quiet !== true))
    .map((feed) => feed.id);
}

/** The sum of the feeds' counts; undefined while any of them has not been counted yet. */
export function badgeTotal(
  feedIds: readonly string[],
  count: (feedId: string) => number | undefined,
): number | undefined {
  let total = 0;
  for (const feedId of feedIds) {
    const n = count(feedId);
    if (n === undefined) return undefined;
    total += n;
  }
  return total;
}

/** "(12) Broadsheet", or the bare name when nothing is unread. */
export function badgeTitle(count: number): string {
  return count > 0 ? translate('pipeline.badge.title', { count }) : APP_TITLE;
}

/** What fits in a 16-pixel overlay: the number, or "99+". Undefined for none. */
export function overlayLabel(count: number): string | undefined {
  if (count <= 0) return undefined;
  return count > 99 ? '99+' : String(count);
}

/**
 * The Windows taskbar overlay: a red disc with the count, as a PNG data URL (32 px, so it stays
 * sharp at 200 % scaling; Windows scales it to its 16-pixel slot). Undefined where the page
 * cannot draw (no canvas) — main then shows no overlay rather than a wrong one.
 */
export function drawBadgeOverlay(count: number): string | undefined {
  const label = overlayLabel(count);
  if (!label) return undefined;
  const canvas = document.createElement('canvas');
  canvas.width = 32;
  canvas.height = 32;
  const context = canvas.getContext('2d');
  if (!context) return undefined;
  context.fillStyle = '#c42b1c';
  context.beginPath();
  context.arc(16, 16, 16, 0, 2 * Math.PI);
  context.fill();
  context.fillStyle = '#ffffff';
  context.font = `bold ${label.length > 2 ? 13 : label.length > 1 ? 18 : 22}px "Segoe UI", system-ui, sans-serif`;
  context.textAlign = 'center';
  context.textBaseline = 'middle';
  context.fillText(label, 16, 17);
  const url = canvas.toDataURL('image/png');
  return url.startsWith('data:image/png;base64,') && url.length <= MAX_BADGE_OVERLAY_CHARS
    ? url
    : undefined;
}

export interface UnreadBadgeOptions {
  db?: ReturnType<typeof getDb>;
  api?: BroadsheetApi;
  counter?: UnreadCounter;
  /** What the host can show (undefined until it has said); re-read on every change. */
  capabilities?: () => DesktopCapabilities | undefined;
  onCapabilities?: (listener: () => void) => () => void;
  setTitle?: (title: string) => void;
  drawOverlay?: (count: number) => string | undefined;
  settleMs?: number;
}

/** Keeps the title and the badge current while the app is open; returns the stop function. */
export function startUnreadBadge(options: UnreadBadgeOptions = {}): () => void {
  const db = options.db ?? getDb();
  const api = options.api ?? getApi();
  const counter = options.counter ?? pageUnreadCounter();
  const capabilities = options.capabilities ?? desktopCapabilities;
  const setTitle = options.setTitle ?? ((title: string) => (document.title = title));
  const drawOverlay = options.drawOverlay ?? drawBadgeOverlay;
  const settleMs = options.settleMs ?? SETTLE_MS;

  let feeds: BadgeFeed[] | undefined;
  let choice: BadgeChoice | undefined;
  let wanted: string[] = [];
  const watching = new Map<string, () => void>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let sent: string | undefined;
  let stopped = false;

  const publish = (): void => {
    timer = undefined;
    if (stopped || feeds === undefined || choice === undefined) return;
    const total = badgeTotal(wanted, (feedId) => counter.get(feedId));
    // Some feed is still being counted: its count calls back, and then the sum is whole.
    if (total === undefined) return;
    setTitle(badgeTitle(total));
    const can = capabilities()?.badge ?? 'none';
    if (can === 'none') return;
    const key = `${can}:${total}`;
    if (key === sent) return;
    sent = key;
    const overlay = can === 'overlay' ? drawOverlay(total) : undefined;
    void api
      .invoke('desktop.badge', overlay ? { count: total, overlay } : { count: total })
      .then((answer) => {
        if (!answer.ok) throw new Error(answer.error.message);
      })
      .catch((error: unknown) => {
        // The next change tries again.
        if (sent === key) sent = undefined;
        console.warn('Could not show the unread count on the app icon:', error);
      });
  };

  const schedule = (): void => {
    if (stopped || timer !== undefined) return;
    timer = setTimeout(publish, settleMs);
  };

  const follow = (): void => {
    if (feeds === undefined || choice === undefined) return;
    wanted = badgeFeeds(feeds, choice);
    const keep = new Set(wanted);
    for (const [feedId, unsubscribe] of watching) {
      if (keep.has(feedId)) continue;
      unsubscribe();
      watching.delete(feedId);
    }
    for (const feedId of wanted) {
      if (!watching.has(feedId)) watching.set(feedId, counter.subscribe(feedId, schedule));
    }
    schedule();
  };

  const feedRows = liveQuery(() => listFeeds(db)).subscribe({
    next: (rows) => {
      feeds = rows.map(({ id, quiet, notify }) => ({ id, quiet, notify }));
      follow();
    },
    error: (error: unknown) => reportStorageError(error),
  });
  const setting = liveQuery(() => getSetting('desktop', db)).subscribe({
    next: (desktop) => {
      choice = desktop.badge;
      follow();
    },
    error: (error: unknown) => reportStorageError(error),
  });
  const stopCapabilities = (options.onCapabilities ?? onDesktopCapabilities)(schedule);

  return () => {
    stopped = true;
    clearTimeout(timer);
    feedRows.unsubscribe();
    setting.unsubscribe();
    stopCapabilities();
    for (const unsubscribe of watching.values()) unsubscribe();
    watching.clear();
  };
}
