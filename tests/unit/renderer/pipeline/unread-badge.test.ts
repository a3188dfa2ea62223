import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '@main/api/dispatch';
import { markRead } from '@renderer/db/articles-repository';
import { patchSetting } from '@renderer/db/settings-repository';
import { createUnreadCounter } from '@renderer/db/unread-counter';
import { switchLocale } from '@renderer/i18n/current-locale';
import {
  badgeFeeds,
  badgeTitle,
  overlayLabel,
  startUnreadBadge,
} from '@renderer/pipeline/unread-badge';
import type { BroadsheetApi, Handlers, MethodParams } from '@shared/contract';
import type { DesktopCapabilities } from '@shared/desktop-model';
import { testDatabases } from '../db/test-db';
import { storedArticle, storedFeed } from '../db/fixtures';

const freshDb = testDatabases('unread-badge');
const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

const caps = (badge: DesktopCapabilities['badge']): DesktopCapabilities => ({
  notifications: 'native',
  badge,
  updates: false,
  tray: false,
  openAtLogin: false,
});
// A tiny valid PNG data URL, as the canvas would give.
const PNG = 'data:image/png;base64,iVBORw0KGgo=';

/** A library of three feeds: a (3 unread, 1 read), quiet q (2 unread), n notifying (1 unread). */
async function library() {
  const db = freshDb();
  await db.feeds.bulkPut([
    storedFeed('a'),
    storedFeed('q', { quiet: true }),
    storedFeed('n', { notify: true }),
  ]);
  await db.articles.bulkPut([
    storedArticle('a|1'),
    storedArticle('a|2'),
    storedArticle('a|3'),
    storedArticle('a|4', { unread: 0 }),
    storedArticle('q|1', { quiet: 1 }),
    storedArticle('q|2', { quiet: 1 }),
    storedArticle('n|1'),
  ]);
  return db;
}

/** Starts the badge against main's dispatcher (the contract checks every badge sent). */
function start(db: Awaited<ReturnType<typeof library>>, capabilities?: DesktopCapabilities) {
  const badges: MethodParams<'desktop.badge'>[] = [];
  const dispatch = createDispatcher(
    {
      'desktop.badge': async (params: MethodParams<'desktop.badge'>) => {
        badges.push(params);
        return null;
      },
    } as unknown as Handlers,
    () => undefined,
  );
  const api: BroadsheetApi = {
    invoke: (method, params) => dispatch(method, params) as never,
    on: () => () => undefined,
  };
  const counter = createUnreadCounter(Promise.resolve(), db);
  const view = { title: '' };
  stops.push(
    startUnreadBadge({
      db,
      api,
      counter,
      capabilities: () => capabilities,
      onCapabilities: () => () => undefined,
      setTitle: (title) => (view.title = title),
      drawOverlay: (count) => (count > 0 ? PNG : undefined),
      settleMs: 0,
    }),
    () => counter.dispose(),
  );
  return { view, badges };
}

describe('the unread badge', () => {
  it('puts the unread count of every feed but the quiet ones in the title, and follows reading', async () => {
    const db = await library();
    const { view } = start(db);
    await expect.poll(() => view.title).toBe('(4) Broadsheet');
    await markRead('a|1', Date.now(), db);
    await expect.poll(() => view.title).toBe('(3) Broadsheet');
    await db.articles.put(storedArticle('a|5'));
    await expect.poll(() => view.title).toBe('(4) Broadsheet');
  });

  it('counts only the feeds that notify, or nothing, as the setting says', async () => {
    const db = await library();
    const { view } = start(db);
    await expect.poll(() => view.title).toBe('(4) Broadsheet');
    await patchSetting('desktop', { badge: 'notify' }, db);
    await expect.poll(() => view.title).toBe('(1) Broadsheet');
    // A feed turned to notify joins the count.
    await db.feeds.update('q', { notify: true });
    await expect.poll(() => view.title).toBe('(3) Broadsheet');
    await patchSetting('desktop', { badge: 'none' }, db);
    await expect.poll(() => view.title).toBe('Broadsheet');
  });

  it('sends the dock count once per change where the host has a badge, and clears it at none', async () => {
    const db = await library();
    const { view, badges } = start(db, caps('count'));
    await expect.poll(() => badges).toEqual([{ count: 4 }]);
    // A feed row rewritten (a refresh's new validators) moves nothing: nothing is sent again.
    await db.feeds.update('a', { etag: '"v2"' });
    await markRead('n|1', Date.now(), db);
    await expect.poll(() => view.title).toBe('(3) Broadsheet');
    await patchSetting('desktop', { badge: 'none' }, db);
    await expect.poll(() => badges).toEqual([{ count: 4 }, { count: 3 }, { count: 0 }]);
  });

  it('sends the drawn overlay on Windows, and none with a count of zero', async () => {
    const db = await library();
    const { badges } = start(db, caps('overlay'));
    await expect.poll(() => badges).toEqual([{ count: 4, overlay: PNG }]);
    await patchSetting('desktop', { badge: 'none' }, db);
    await expect.poll(() => badges).toEqual([{ count: 4, overlay: PNG }, { count: 0 }]);
  });

  it('sends nothing to a host without a badge (the browser): the title is all it has', async () => {
    const db = await library();
    const { view, badges } = start(db, caps('none'));
    await expect.poll(() => view.title).toBe('(4) Broadsheet');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(badges).toEqual([]);
  });
});

describe('what the badge shows', () => {
  it('names the feeds per choice', () => {
    const feeds = [{ id: 'a' }, { id: 'q', quiet: true }, { id: 'n', notify: true, quiet: true }];
    expect(badgeFeeds(feeds, 'all')).toEqual(['a']);
    expect(badgeFeeds(feeds, 'notify')).toEqual(['n']);
    expect(badgeFeeds(feeds, 'none')).toEqual([]);
  });

  it('writes the title and the overlay label', () => {
    expect(badgeTitle(0)).toBe('Broadsheet');
    expect(badgeTitle(12)).toBe('(12) Broadsheet');
    expect(overlayLabel(0)).toBeUndefined();
    expect(overlayLabel(7)).toBe('7');
    expect(overlayLabel(99)).toBe('99');
    expect(overlayLabel(100)).toBe('99+');
  });

  it('writes the count in the interface language', async () => {
    expect(badgeTitle(1234)).toBe('(1,234) Broadsheet');
    await switchLocale('de');
    try {
      expect(badgeTitle(1234)).toBe('(1.234) Broadsheet');
    } finally {
      await switchLocale('en');
    }
  });
});
