import { describe, expect, it } from 'vitest';
import { createDispatcher } from '@main/api/dispatch';
import { createCore } from '@main/core';
import { createInvokeAnswer } from '@main/shell/ipc-answer';

const APP_URL = 'file:///opt/broadsheet/out/renderer/index.html';
const webContents = { id: 1 };
const window = { webContents };
const fromApp = { sender: webContents, senderFrame: { url: `${APP_URL}#/feeds` } };

const { handlers, scheduler } = createCore({
  net: {
    fetchFor: () => () => Promise.reject(new Error('no network in this test')),
    isPrivateHost: async () => false,
  },
  userAgent: 'Broadsheet/test',
  now: Date.now,
  appInfo: { name: 'Broadsheet', version: '0.0.0', host: 'electron', platform: 'linux' },
  emit: () => undefined,
});
scheduler.dispose();

describe('IPC answers', () => {
  it('serves the app’s own page and refuses any other caller', async () => {
    const answer = createInvokeAnswer(createDispatcher(handlers), () => window, APP_URL);
    expect(await answer(fromApp, 'app.info', {})).toMatchObject({ ok: true });
    const foreignFrame = { sender: webContents, senderFrame: { url: 'https://evil.example/' } };
    const otherContents = { sender: { id: 2 }, senderFrame: fromApp.senderFrame };
    for (const event of [foreignFrame, otherContents, { sender: webContents }]) {
      expect(await answer(event, 'app.info', {})).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
  });

  it('answers an 800-level OPML tree with a failed result, never a rejected invoke', async () => {
    const answer = createInvokeAnswer(createDispatcher(handlers), () => window, APP_URL);
    let root = { title: 'bottom', feeds: [] as never[], folders: [] as unknown[] };
    for (let i = 0; i < 800; i += 1) root = { title: `level ${i}`, feeds: [], folders: [root] };
    await expect(answer(fromApp, 'opml.build', { title: 'deep', root })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-params' },
    });
  });

  it('resolves to a failed result when the sender check or the dispatcher throws', async () => {
    const logged: unknown[] = [];
    const log = (error: unknown) => logged.push(error);
    // Electron throws reading senderFrame once the frame has been disposed mid-call.
    const disposed = {
      sender: webContents,
      get senderFrame(): { url: string } {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    const answer = createInvokeAnswer(createDispatcher(handlers), () => window, APP_URL, log);
    await expect(answer(disposed, 'app.info', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
    const broken = createInvokeAnswer(
      () => Promise.reject(new Error('dispatcher broke')),
      () => window,
      APP_URL,
      log,
    );
    await expect(broken(fromApp, 'app.info', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
    expect(logged).toHaveLength(2);
  });
});
