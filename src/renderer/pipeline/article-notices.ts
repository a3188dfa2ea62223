import type { NotifyRequest } from '@shared/desktop-model';
import { getApi } from '../api/broadsheet-api';
import { isStillNews, type ArrivalNotice } from '../db/arrival-notices';
import { getArticles } from '../db/queries';
import { createNoticeRounds, type NoticeRoundTiming, type NoticeRounds } from './notice-rounds';
import { noticeText } from './notice-text';
import { translate } from '../i18n/current-locale';

/*
 * A refresh's one notification (notice-rounds.ts says when, notice-text.ts what). Storing code
 * hands over what may be named (noteArrivals) and holds the round while it works
 * (holdNoticeRound); the scheduler's runs hold it through sync.progress. The desktop app shows
 * it with Electron's Notification (`desktop.notify`; a click comes back as
 * `desktop.openArticle`), the browser host with the page's Web Notifications — which need the
 * reader's permission, asked only when they turn a notify option on
 * (ensureNotificationPermission). Either way a click reaches onNoticeOpened's listeners.
 */

let rounds: NoticeRounds | undefined;
const openListeners = new Set<(articleId: string) => void>();
let hostKind: Promise<'electron' | 'browser'> | undefined;

/** Tag of the page's notifications: a newer one replaces the older one instead of stacking. */
const WEB_TAG = 'broadsheet-new-articles';

/** Something that stores arrivals is at work: the round stays open until it calls back. */
export function holdNoticeRound(): () => void {
  return rounds?.hold() ?? (() => undefined);
}

/** Arrivals a committed transaction stored that a notification may name. */
export function noteArrivals(notices: readonly ArrivalNotice[]): void {
  rounds?.note(notices);
}

/** Hears a click on a notification: the article to open. */
export function onNoticeOpened(listener: (articleId: string) => void): () => void {
  openListeners.add(listener);
  return () => openListeners.delete(listener);
}

function opened(articleId: string): void {
  for (const listener of openListeners) listener(articleId);
}

/** Which host runs main's side (asked once): it decides how a notification is shown. */
function host(): Promise<'electron' | 'browser'> {
  // Unanswered, the transport tells: only the desktop app's preload exposes window.broadsheet.
  const guess = (): 'electron' | 'browser' => (window.broadsheet ? 'electron' : 'browser');
  hostKind ??= (async () => {
    const answer = await getApi().invoke('app.info', {});
    return answer.ok ? answer.value.host : guess();
  })().catch(guess);
  return hostKind;
}

export type NotificationAccess = 'native' | 'granted' | 'denied' | 'unsupported';

/**
 * Whether notifications can be shown, asking the browser for permission when it has not been
 * asked yet. Call it when the reader turns a notify option on (a click: browsers ask only
 * then), never at start.
 */
export async function ensureNotificationPermission(): Promise<NotificationAccess> {
  if ((await host()) === 'electron') return 'native';
  if (typeof Notification === 'undefined') return 'unsupported';
  if (Notification.permission === 'default') {
    try {
      await Notification.requestPermission();
    } catch {
      return 'unsupported';
    }
  }
  return Notification.permission === 'granted' ? 'granted' : 'denied';
}

/**
 * ensureNotificationPermission in the reader's words: undefined when notifications can be
 * shown, else why they cannot.
 */
export async function notificationProblem(): Promise<string | undefined> {
  const access = await ensureNotificationPermission();
  if (access === 'denied') return translate('notices.problem.blocked');
  if (access === 'unsupported') return translate('notices.problem.unsupported');
  return undefined;
}

function showWebNotification(request: NotifyRequest): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const notification = new Notification(request.title, { body: request.body, tag: WEB_TAG });
  notification.addEventListener('click', () => {
    window.focus();
    notification.close();
    if (request.articleId) opened(request.articleId);
  });
}

/** Shows the notification for what is still news now (read or hidden meanwhile: left out). */
async function deliver(notices: ArrivalNotice[]): Promise<void> {
  const current = new Set(
    (await getArticles(notices.map((notice) => notice.articleId)))
      .filter(isStillNews)
      .map((article) => article.id),
  );
  const request = noticeText(notices.filter((notice) => current.has(notice.articleId)));
  if (!request) return;
  if ((await host()) === 'electron') {
    const answer = await getApi().invoke('desktop.notify', request);
    if (!answer.ok) console.warn('Could not show a notification:', answer.error.message);
  } else {
    showWebNotification(request);
  }
}

/**
 * Collects what refreshes store and notifies once per round, while started (by the app shell,
 * beside the sync bridge). `timing` only for tests. Returns the stop function.
 */
export function startArticleNotices(timing?: NoticeRoundTiming): () => void {
  rounds?.dispose();
  const current = createNoticeRounds({
    now: Date.now,
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    deliver: (notices) =>
      void deliver(notices).catch((error: unknown) =>
        console.warn('Could not show a notification:', error),
      ),
    timing,
  });
  rounds = current;
  // The scheduler's run: from its first progress until it says it is no longer running.
  let releaseRun: (() => void) | undefined;
  const stopProgress = getApi().on('sync.progress', (progress) => {
    if (progress.running) releaseRun ??= current.hold();
    else {
      releaseRun?.();
      releaseRun = undefined;
    }
  });
  const stopOpen = getApi().on('desktop.openArticle', ({ articleId }) => opened(articleId));
  return () => {
    stopProgress();
    stopOpen();
    current.dispose();
    if (rounds === current) rounds = undefined;
  };
}
