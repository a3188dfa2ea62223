import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { closeToBackground } from '@main/shell/close-to-background';

/** A window stand-in: emits 'close' with an event whose default can be prevented. */
class FakeWindow extends EventEmitter {
  hidden = 0;
  hide() {
    this.hidden++;
  }
  /** What the close button does: true when the window really closes. */
  clickClose(): boolean {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    return !prevented;
  }
}

function setUp(platform: NodeJS.Platform, trayShown = false) {
  const app = new EventEmitter();
  const autoUpdater = new EventEmitter();
  const closing = closeToBackground({
    app: app as never,
    autoUpdater: autoUpdater as never,
    platform,
    trayShown: () => trayShown,
  });
  const window = new FakeWindow();
  closing.attach(window as never);
  return { app, autoUpdater, window, closing };
}

describe('closing the window', () => {
  it('hides it on macOS so the page keeps storing refreshes, until a real quit', () => {
    const { app, window } = setUp('darwin');
    expect(window.clickClose()).toBe(false);
    expect(window.hidden).toBe(1);
    app.emit('before-quit', {});
    expect(window.clickClose()).toBe(true);
    expect(window.hidden).toBe(1);
  });

  it('hides it to the tray on Windows and Linux only while the tray shows', () => {
    expect(setUp('win32', true).window.clickClose()).toBe(false);
    expect(setUp('linux', true).window.clickClose()).toBe(false);
    expect(setUp('win32', false).window.clickClose()).toBe(true);
    expect(setUp('linux', false).window.clickClose()).toBe(true);
  });

  it('lets an update quit close the window (before-quit comes only after the windows close)', () => {
    const { autoUpdater, window, closing } = setUp('darwin');
    autoUpdater.emit('before-quit-for-update');
    expect(closing.quitting()).toBe(true);
    expect(window.clickClose()).toBe(true);
  });

  it('lets the updater’s install close a hidden-on-close window before before-quit', () => {
    const { window, closing } = setUp('linux', true);
    expect(window.clickClose()).toBe(false);
    closing.prepareToQuit();
    expect(window.clickClose()).toBe(true);
  });
});
