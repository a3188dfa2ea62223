import { afterAll, describe, expect, it } from 'vitest';
import { getDb } from '@renderer/db/database';
import type { ArrivalNotice } from '@renderer/db/arrival-notices';
import {
  holdNoticeRound,
  notificationProblem,
  noteArrivals,
  onNoticeOpened,
  startArticleNotices,
} from '@renderer/pipeline/article-notices';
import { storedArticle } from '../db/fixtures';
import { installMainBridge } from '../support/main-bridge';

// The browser host: app.info says so, and the page's Web Notifications show what is new. The
// page's Notification is a stand-in recording what it was asked to show.
installMainBridge({
  'app.info': async () => ({ name: 'B', version: '1', host: 'browser', platform: 'linux' }),
});

class RecordingNotification extends EventTarget {
  static permission: NotificationPermission = 'default';
  static answer: NotificationPermission = 'granted';
  static asked = 0;
  static shown: RecordingNotification[] = [];
  static async requestPermission(): Promise<NotificationPermission> {
    RecordingNotification.asked += 1;
    RecordingNotification.permission = RecordingNotification.answer;
    return RecordingNotification.permission;
  }
  closed = false;
  constructor(
    readonly title: string,
    readonly options: NotificationOptions = {},
  ) {
    super();
    RecordingNotification.shown.push(this);
  }
  close(): void {
    this.closed = true;
  }
}
Object.assign(window, { Notification: RecordingNotification });

afterAll(async () => {
  await getDb().delete();
});

const notice = (articleId: string): ArrivalNotice => ({
  articleId,
  feedId: 'f1',
  feedTitle: 'Tech Daily',
  title: `Title ${articleId}`,
  publishedAt: Number(articleId.slice(-1)),
});

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

describe('permission for the page’s notifications', () => {
  it('is asked once, when the reader turns an option on, and a refusal is explained', async () => {
    RecordingNotification.answer = 'denied';
    expect(await notificationProblem()).toBe(
      'This browser blocks notifications from Broadsheet: allow them in the site’s settings to be notified.',
    );
    expect(RecordingNotification.asked).toBe(1);
    // Refused: the browser does not ask again, and neither do we.
    expect(await notificationProblem()).toMatch(/blocks notifications/);
    expect(RecordingNotification.asked).toBe(1);
    RecordingNotification.permission = 'default';
    RecordingNotification.answer = 'granted';
    expect(await notificationProblem()).toBeUndefined();
    expect(RecordingNotification.asked).toBe(2);
  });
});

describe('a refresh round’s notification in the browser host', () => {
  it('shows one notification for what is still news, and a click opens the article', async () => {
    RecordingNotification.shown = [];
    const db = getDb();
    await db.articles.bulkPut([
      storedArticle('f1|a1'),
      storedArticle('f1|a2'),
      storedArticle('f1|a3', { unread: 0 }), // read before the round ended
    ]);
    const stop = startArticleNotices({ settleMs: 20, minGapMs: 0, maxHoldMs: 60_000 });
    const opened: string[] = [];
    const stopOpened = onNoticeOpened((id) => opened.push(id));
    const first = holdNoticeRound();
    const second = holdNoticeRound();
    noteArrivals([notice('f1|a1'), notice('f1|a3')]);
    first();
    noteArrivals([notice('f1|a2')]);
    await new Promise((r) => setTimeout(r, 60));
    expect(RecordingNotification.shown).toHaveLength(0);
    second();
    await until(() => RecordingNotification.shown.length === 1);
    const [shown] = RecordingNotification.shown;
    expect(shown!.title).toBe('2 new articles from Tech Daily');
    expect(shown!.options.body).toBe('Title f1|a2\nTitle f1|a1');
    shown!.dispatchEvent(new Event('click'));
    expect(opened).toEqual(['f1|a2']);
    expect(shown!.closed).toBe(true);
    await new Promise((r) => setTimeout(r, 60));
    expect(RecordingNotification.shown).toHaveLength(1);
    stopOpened();
    stop();
  });

  it('shows nothing without permission, and nothing once stopped', async () => {
    RecordingNotification.shown = [];
    await getDb().articles.put(storedArticle('f1|b1'));
    RecordingNotification.permission = 'denied';
    const stop = startArticleNotices({ settleMs: 10, minGapMs: 0, maxHoldMs: 60_000 });
    noteArrivals([notice('f1|b1')]);
    await new Promise((r) => setTimeout(r, 60));
    expect(RecordingNotification.shown).toHaveLength(0);
    RecordingNotification.permission = 'granted';
    stop();
    noteArrivals([notice('f1|b1')]);
    await new Promise((r) => setTimeout(r, 60));
    expect(RecordingNotification.shown).toHaveLength(0);
  });
});
