import type { App, BrowserWindow, NativeImage } from 'electron';
import type { DesktopCapabilities } from '../../shared/desktop-model';
import type { DesktopHandlers } from '../desktop/desktop-handlers';
import type { DesktopSay } from '../desktop/desktop-words';

export interface BadgeDeps {
  app: Pick<App, 'setBadgeCount'>;
  /** `nativeImage.createFromDataURL`. */
  imageFromDataUrl: (dataUrl: string) => Pick<NativeImage, 'isEmpty'>;
  getWindow: () => Pick<BrowserWindow, 'setOverlayIcon' | 'isDestroyed'> | undefined;
  /** What this system shows (capabilities.ts): a dock/launcher count, a Windows overlay, none. */
  kind: DesktopCapabilities['badge'];
  /** Told every count (the tray shows it too). */
  onCount?: (count: number) => void;
  /** Main's words in the interface language: the overlay's count for screen readers. */
  say: DesktopSay;
  logError?: (message: string, error: unknown) => void;
}

export interface Badge {
  handlers: Pick<DesktopHandlers, 'desktop.badge'>;
  /** Puts the last overlay on a window made after it was sent (Windows). */
  reapply(): void;
}

/**
 * `desktop.badge`: the unread count the page worked out, on the app's icon. macOS and Linux
 * (docks speaking the LauncherEntry D-Bus API) take a number; Windows has no numeric badge, so
 * the page drew an overlay and this sets it on the taskbar button, with the count in words for
 * screen readers. A zero count clears either.
 */
export function createBadge(deps: BadgeDeps): Badge {
  const log = deps.logError ?? ((message, error) => console.error(message, error));
  let last: { count: number; overlay?: string } = { count: 0 };

  const showOverlay = (): void => {
    const window = deps.getWindow();
    if (!window || window.isDestroyed()) return;
    const image = last.count > 0 && last.overlay ? deps.imageFromDataUrl(last.overlay) : null;
    // An image the system could not decode shows nothing rather than a broken square.
    const shown = image && !image.isEmpty() ? (image as NativeImage) : null;
    window.setOverlayIcon(
      shown,
      shown ? deps.say('main.desktop.tray.unread', { count: last.count }) : '',
    );
  };

  return {
    handlers: {
      'desktop.badge': async ({ count, overlay }) => {
        last = { count, overlay };
        deps.onCount?.(count);
        try {
          if (deps.kind === 'count') deps.app.setBadgeCount(count);
          else if (deps.kind === 'overlay') showOverlay();
        } catch (error) {
          // A badge is a courtesy: the page's call still succeeds.
          log('Could not show the unread count on the app icon:', error);
        }
        return null;
      },
    },
    reapply: () => {
      if (deps.kind === 'overlay') showOverlay();
    },
  };
}
