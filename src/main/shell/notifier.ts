import type { Events } from '../../shared/contract';
import type { DesktopHandlers } from '../desktop/desktop-handlers';
import { APP_ID } from '../desktop/desktop-identity';

/*
 * The desktop app's notifications (`desktop.notify`): the renderer decides when and what (one per
 * refresh round, renderer/pipeline/article-notices.ts); this shows it with Electron's
 * Notification and, on a click, brings the window forward and tells the renderer which article
 * to open (`desktop.openArticle`). Electron objects come in as parameters, so this is tested
 * with stand-ins; index.ts passes the real ones.
 */

/** What is used of an Electron Notification. */
export interface NotificationLike {
  on(event: 'click' | 'close', listener: () => void): unknown;
  on(event: 'failed', listener: (event: unknown, error: string) => void): unknown;
  show(): void;
  close(): void;
}

export interface NotifierDeps {
  Notification: {
    new (options: { title: string; body: string; icon?: string }): NotificationLike;
    isSupported(): boolean;
  };
  app: { setAppUserModelId(id: string): void };
  platform: NodeJS.Platform;
  /** Shows and focuses the main window (restoring it when minimized). */
  focusWindow(): void;
  emit(name: 'desktop.openArticle', payload: Events['desktop.openArticle']): void;
  /** The app's icon for Linux notification daemons (Windows and macOS use the app's own). */
  icon?: string;
  log?(message: string, error: unknown): void;
}

export function createNotifier(deps: NotifierDeps): Pick<DesktopHandlers, 'desktop.notify'> {
  // Windows shows a toast only for an app with an AppUserModelID, and names it by it; the
  // installer's shortcut carries the same id (electron-builder's appId).
  if (deps.platform === 'win32') deps.app.setAppUserModelId(APP_ID);
  /**
   * The one notification on show. Kept referenced: a Notification the garbage collector takes
   * no longer hears its click. A newer refresh's replaces it, as the page's `tag` does.
   */
  let current: NotificationLike | undefined;

  return {
    'desktop.notify': async ({ title, body, articleId }) => {
      if (!deps.Notification.isSupported()) return null;
      current?.close();
      const notification = new deps.Notification({
        title,
        body,
        ...(deps.icon ? { icon: deps.icon } : {}),
      });
      notification.on('click', () => {
        deps.focusWindow();
        if (articleId) deps.emit('desktop.openArticle', { articleId });
        if (current === notification) current = undefined;
      });
      notification.on('close', () => {
        if (current === notification) current = undefined;
      });
      notification.on('failed', (_event, error) => {
        deps.log?.('A notification could not be shown', error);
        if (current === notification) current = undefined;
      });
      current = notification;
      notification.show();
      return null;
    },
  };
}
