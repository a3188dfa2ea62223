import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { APP_ID } from '@main/desktop/desktop-identity';
import { createNotifier, type NotifierDeps } from '@main/shell/notifier';

/** A stand-in for Electron's Notification: records what it was made with and what was done. */
class FakeNotification extends EventEmitter {
  static supported = true;
  static made: FakeNotification[] = [];
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  shown = 0;
  closed = 0;
  constructor(readonly options: { title: string; body: string; icon?: string }) {
    super();
    FakeNotification.made.push(this);
  }
  show(): void {
    this.shown += 1;
  }
  close(): void {
    this.closed += 1;
  }
}

function setup(platform: NodeJS.Platform = 'linux', extra: Partial<NotifierDeps> = {}) {
  FakeNotification.made = [];
  FakeNotification.supported = true;
  const record = { ids: [] as string[], focused: 0, emitted: [] as unknown[] };
  const notifier = createNotifier({
    Notification: FakeNotification,
    app: { setAppUserModelId: (id) => record.ids.push(id) },
    platform,
    focusWindow: () => (record.focused += 1),
    emit: (name, payload) => record.emitted.push([name, payload]),
    ...extra,
  });
  return { notify: notifier['desktop.notify'], record };
}

describe('the desktop notifier', () => {
  it('shows the notification; a click focuses the window and asks to open the article', async () => {
    const { notify, record } = setup('linux', { icon: '/app/icon.png' });
    expect(await notify({ title: 'The Verge', body: 'A title', articleId: 'f1|a' })).toBeNull();
    const [shown] = FakeNotification.made;
    expect(shown!.options).toEqual({ title: 'The Verge', body: 'A title', icon: '/app/icon.png' });
    expect(shown!.shown).toBe(1);
    expect(record.focused).toBe(0);
    shown!.emit('click');
    expect(record.focused).toBe(1);
    expect(record.emitted).toEqual([['desktop.openArticle', { articleId: 'f1|a' }]]);
    // Not Windows: no AppUserModelID to set.
    expect(record.ids).toEqual([]);
  });

  it('sets the AppUserModelID on Windows, which toasts need', () => {
    expect(setup('win32').record.ids).toEqual([APP_ID]);
  });

  it('replaces the one on show with a newer one, and a click without an article only focuses', async () => {
    const { notify, record } = setup();
    await notify({ title: 'One', body: '' });
    await notify({ title: 'Two', body: '' });
    const [first, second] = FakeNotification.made;
    expect(first!.closed).toBe(1);
    expect(second!.closed).toBe(0);
    second!.emit('click');
    expect(record.focused).toBe(1);
    expect(record.emitted).toEqual([]);
  });

  it('shows nothing where the system has no notifications, and logs one that failed', async () => {
    const logged: unknown[] = [];
    const { notify } = setup('linux', { log: (_message, error) => logged.push(error) });
    FakeNotification.supported = false;
    await notify({ title: 'One', body: '' });
    expect(FakeNotification.made).toEqual([]);
    FakeNotification.supported = true;
    await notify({ title: 'Two', body: '' });
    FakeNotification.made[0]!.emit('failed', {}, 'no daemon');
    expect(logged).toEqual(['no daemon']);
  });
});
