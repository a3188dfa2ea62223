import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createDesktopWords } from '@main/desktop/desktop-words';
import { createPreferencesStore } from '@main/desktop/preferences-store';
import type { UpdateFeed } from '@main/desktop/update-feed';
import {
  FIRST_UPDATE_CHECK_DELAY_MS,
  UPDATE_CHECK_INTERVAL_MS,
  type Announcement,
} from '@main/desktop/update-policy';
import { createUpdater, messageBoxAnnouncer, type UpdaterLike } from '@main/shell/updater';
import { DEFAULT_DESKTOP_PREFERENCES, type UpdateStatus } from '@shared/desktop-model';

/**
 * electron-updater's autoUpdater, as far as the shell sees it: an event emitter whose check
 * plays a scripted answer (the events the real one emits, then its promise).
 */
class StandInUpdater extends EventEmitter implements UpdaterLike {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  disableWebInstaller = false;
  allowDowngrade = true;
  logger: UpdaterLike['logger'] = null;
  feeds: unknown[] = [];
  checks = 0;
  installs = 0;
  answer: (updater: StandInUpdater) => Promise<void> = async (updater) => {
    updater.emit('checking-for-update');
    updater.emit('update-not-available', { version: '1.0.0' });
  };
  setFeedURL(options: unknown) {
    this.feeds.push(options);
  }
  /** The background download electron-updater starts when it finds an update. */
  download: Promise<unknown> | null = null;
  async checkForUpdates() {
    this.checks += 1;
    await this.answer(this);
    return { downloadPromise: this.download };
  }
  quitAndInstall() {
    this.installs += 1;
    this.emit('installing');
  }
}

function setup(feed: UpdateFeed = { kind: 'packaged' }, unsupported?: string) {
  let clock = 1_000_000;
  const updater = new StandInUpdater();
  const preferences = createPreferencesStore();
  const timers: { run: () => void; ms: number; cleared: boolean }[] = [];
  const statuses: UpdateStatus[] = [];
  const said: Announcement[] = [];
  let loads = 0;
  let restart = false;
  const order: string[] = [];
  const shell = createUpdater({
    beforeInstall: () => order.push('quitting'),
    load: async () => {
      loads += 1;
      return updater;
    },
    preferences,
    unsupported,
    feed,
    currentVersion: '1.0.0',
    emit: (status) => statuses.push(status),
    announce: async (announcement) => {
      said.push(announcement);
      return restart;
    },
    say: createDesktopWords(['en-US']).say,
    now: () => clock,
    log: () => undefined,
    setTimer: (run, ms) => {
      const timer = { run, ms, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (timer) => {
      (timer as { cleared: boolean }).cleared = true;
    },
  });
  const pending = () => timers.filter((timer) => !timer.cleared);
  updater.on('installing', () => order.push('installing'));
  return {
    shell,
    updater,
    order,
    preferences,
    statuses,
    said,
    pending,
    loads: () => loads,
    advance: (ms: number) => (clock += ms),
    restartWhenAsked: () => (restart = true),
    /** Runs the one due timer and lets its check settle. */
    async fire() {
      const due = pending();
      expect(due).toHaveLength(1);
      due[0]!.cleared = true;
      due[0]!.run();
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
  };
}

const auto = { ...DEFAULT_DESKTOP_PREFERENCES, updates: 'auto' as const };
const off = { ...DEFAULT_DESKTOP_PREFERENCES, updates: 'off' as const };

describe('the updater while updates are off', () => {
  it('never loads electron-updater, asked or not, and says it is off', async () => {
    const t = setup();
    expect(t.pending()).toHaveLength(0);
    // Before the renderer has said, nothing checks, but nothing claims "off" either.
    expect(await t.shell.handlers['updates.current']({})).toEqual({ state: 'idle' });
    expect(await t.shell.handlers['updates.check']({})).toEqual({ state: 'off' });
    t.preferences.set(off);
    expect(t.pending()).toHaveLength(0);
    expect(await t.shell.handlers['updates.check']({})).toEqual({ state: 'off' });
    expect(await t.shell.handlers['updates.current']({})).toEqual({ state: 'off' });
    await t.shell.checkFromMenu();
    expect(t.said).toEqual([expect.objectContaining({ message: 'Updates are turned off.' })]);
    expect(t.loads()).toBe(0);
    expect(t.updater.checks).toBe(0);
  });

  it('stops the clock when turned off, and no longer installs at quit', async () => {
    const t = setup();
    t.preferences.set(auto);
    await t.shell.handlers['updates.check']({});
    expect(t.updater.autoInstallOnAppQuit).toBe(true);
    expect(t.pending()).toHaveLength(1);
    t.preferences.set(off);
    expect(t.pending()).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(t.updater.autoInstallOnAppQuit).toBe(false);
    expect(t.statuses.at(-1)).toEqual({ state: 'off' });
  });
});

describe('automatic checks', () => {
  it('wait for the start delay, download what they find and offer it once ready', async () => {
    const t = setup({ kind: 'generic', url: 'https://updates.example.org/' });
    t.preferences.set(auto);
    expect(t.loads()).toBe(0);
    expect(t.pending().map((timer) => timer.ms)).toEqual([FIRST_UPDATE_CHECK_DELAY_MS]);
    t.updater.answer = async (updater) => {
      updater.emit('checking-for-update');
      updater.emit('update-available', { version: '2.0.0' });
      updater.emit('download-progress', { percent: 50 });
      updater.emit('update-downloaded', { version: '2.0.0' });
    };
    t.advance(FIRST_UPDATE_CHECK_DELAY_MS);
    await t.fire();
    expect(t.loads()).toBe(1);
    expect(t.updater.feeds).toEqual([{ provider: 'generic', url: 'https://updates.example.org/' }]);
    expect(t.updater.autoDownload).toBe(true);
    expect(t.updater.disableWebInstaller).toBe(true);
    expect(t.updater.allowDowngrade).toBe(false);
    expect(t.statuses).toEqual([
      { state: 'idle' },
      { state: 'checking', manual: false },
      { state: 'available', version: '2.0.0', manual: false },
      { state: 'downloading', version: '2.0.0', percent: 50 },
      { state: 'ready', version: '2.0.0' },
    ]);
    // Nothing more to check for until the reader restarts.
    expect(t.pending()).toHaveLength(0);
    expect(await t.shell.handlers['updates.install']({})).toBeNull();
    expect(t.updater.installs).toBe(1);
    // The shell learns it is quitting before electron-updater closes the windows.
    expect(t.order).toEqual(['quitting', 'installing']);
  });

  it('keep a failure quiet and try again after the interval', async () => {
    const t = setup();
    t.preferences.set(auto);
    t.updater.answer = async (updater) => {
      updater.emit('checking-for-update');
      updater.emit('error', new Error('net::ERR_INTERNET_DISCONNECTED'));
      throw new Error('net::ERR_INTERNET_DISCONNECTED');
    };
    await t.fire();
    expect(t.statuses.at(-1)).toEqual({ state: 'idle' });
    expect(t.statuses.some((status) => status.state === 'error')).toBe(false);
    expect(t.pending().map((timer) => timer.ms)).toEqual([UPDATE_CHECK_INTERVAL_MS]);
  });

  it('never run two checks at once: a reader joining one gets its outcome', async () => {
    const t = setup();
    t.preferences.set(auto);
    let finish!: () => void;
    t.updater.answer = (updater) =>
      new Promise<void>((resolve) => {
        updater.emit('checking-for-update');
        finish = () => {
          updater.emit('update-not-available', { version: '1.0.0' });
          resolve();
        };
      });
    await t.fire();
    const asked = t.shell.handlers['updates.check']({});
    const menu = t.shell.checkFromMenu();
    await new Promise((resolve) => setTimeout(resolve, 0));
    finish();
    expect(await asked).toMatchObject({ state: 'none', manual: true });
    await menu;
    expect(t.updater.checks).toBe(1);
    expect(t.said).toEqual([expect.objectContaining({ message: 'Broadsheet is up to date.' })]);
  });
});

describe('checks the reader asks for', () => {
  it('show their failure, and the menu offers a restart for a ready update', async () => {
    const t = setup();
    t.preferences.set(auto);
    t.updater.answer = async (updater) => {
      updater.emit('error', new Error('HttpError: 404\nstack…'));
      throw new Error('HttpError: 404');
    };
    expect(await t.shell.handlers['updates.check']({})).toEqual({
      state: 'error',
      message: 'HttpError: 404',
      manual: true,
    });
    t.updater.answer = async (updater) => {
      updater.emit('update-available', { version: '2.0.0' });
      updater.emit('update-downloaded', { version: '2.0.0' });
    };
    t.restartWhenAsked();
    await t.shell.checkFromMenu();
    expect(t.said.at(-1)).toMatchObject({ offerRestart: true });
    expect(t.updater.installs).toBe(1);
  });

  it('show a failed download as the error of the check that found it, unhandled nowhere', async () => {
    const t = setup();
    t.preferences.set(auto);
    t.updater.answer = async (updater) => {
      updater.emit('update-available', { version: '2.0.0' });
      updater.download = Promise.reject(new Error('sha512 checksum mismatch'));
      setTimeout(() => updater.emit('error', new Error('sha512 checksum mismatch')), 0);
    };
    expect(await t.shell.handlers['updates.check']({})).toMatchObject({ state: 'available' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(t.statuses.at(-1)).toEqual({
      state: 'error',
      message: 'sha512 checksum mismatch',
      manual: true,
    });
  });

  it('ends a check the updater gave no answer to, instead of checking forever', async () => {
    const t = setup();
    t.preferences.set(auto);
    t.updater.answer = async () => undefined;
    expect(await t.shell.handlers['updates.check']({})).toMatchObject({ state: 'error' });
  });

  it('refuse to install before an update is ready', async () => {
    const t = setup();
    t.preferences.set(auto);
    await expect(t.shell.handlers['updates.install']({})).rejects.toThrow(/No update is ready/);
    expect(t.updater.installs).toBe(0);
  });
});

describe('where this copy cannot update', () => {
  it('answers why for a refused feed or an unpackaged run, and loads nothing', async () => {
    const refused = setup({ kind: 'refused', reason: 'BROADSHEET_UPDATE_URL must be https.' });
    refused.preferences.set(auto);
    expect(await refused.shell.handlers['updates.check']({})).toEqual({
      state: 'unsupported',
      reason: 'BROADSHEET_UPDATE_URL must be https.',
    });
    const dev = setup({ kind: 'packaged' }, 'Not installed.');
    dev.preferences.set(auto);
    expect(await dev.shell.handlers['updates.current']({})).toMatchObject({ state: 'unsupported' });
    expect(refused.pending().length + dev.pending().length).toBe(0);
    expect(refused.loads() + dev.loads()).toBe(0);
  });
});

describe('the menu check as a message box', () => {
  it('offers Restart to update only for a ready update, and restarts only on that button', async () => {
    const shown: unknown[] = [];
    let response = 0;
    const announce = messageBoxAnnouncer(
      async (options) => {
        shown.push(options);
        return { response };
      },
      createDesktopWords(['en-US']).say,
    );
    expect(
      await announce({ kind: 'info', message: 'Ready', detail: 'd', offerRestart: true }),
    ).toBe(true);
    expect(shown[0]).toMatchObject({ buttons: ['Restart to update', 'Later'], cancelId: 1 });
    response = 1;
    expect(
      await announce({ kind: 'info', message: 'Ready', detail: 'd', offerRestart: true }),
    ).toBe(false);
    response = 0;
    expect(await announce({ kind: 'error', message: 'Failed', detail: 'd' })).toBe(false);
    expect(shown[2]).toMatchObject({ type: 'error', buttons: ['OK'] });
  });

  it('names its buttons in the interface language', async () => {
    const shown: unknown[] = [];
    const announce = messageBoxAnnouncer(
      async (options) => (shown.push(options), { response: 1 }),
      createDesktopWords(['es-MX']).say,
    );
    await announce({ kind: 'info', message: 'Lista', detail: 'd', offerRestart: true });
    expect(shown[0]).toMatchObject({ buttons: ['Reiniciar para actualizar', 'Más tarde'] });
  });
});
