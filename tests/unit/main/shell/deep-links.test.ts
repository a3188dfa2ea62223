import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as nodeFs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createLinkIntake } from '@main/desktop/link-intake';
import { createLinkQueue } from '@main/desktop/link-queue';
import { deepLinkHandlers, startDeepLinks, type DeepLinkApp } from '@main/shell/deep-links';

const dir = mkdtempSync(join(tmpdir(), 'broadsheet-deep-links-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const OPML = '<opml version="2.0"><body/></opml>';
writeFileSync(join(dir, 'dropped.opml'), OPML);

/** Electron's app as far as deep links use it: events, and the system's protocol table. */
class StandInApp extends EventEmitter implements DeepLinkApp {
  registered: { protocol: string; path?: string; args?: string[] }[] = [];
  constructor(private readonly others: Record<string, string> = {}) {
    super();
  }
  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean {
    this.registered.push({ protocol, path, args });
    return true;
  }
  isDefaultProtocolClient(): boolean {
    return false;
  }
  getApplicationNameForProtocol(url: string): string {
    return this.others[url] ?? '';
  }
  /** What Electron does: the event object, then the value. */
  deliver(event: 'open-url' | 'open-file', value: string): { prevented: boolean } {
    const result = { prevented: false };
    this.emit(event, { preventDefault: () => (result.prevented = true) }, value);
    return result;
  }
}

function setUp(app: StandInApp, argv: string[], defaultApp = false) {
  let nudges = 0;
  let reveals = 0;
  const queue = createLinkQueue(() => nudges++);
  const links = startDeepLinks({
    app,
    intake: createLinkIntake(queue, nodeFs),
    defaultApp,
    execPath: '/usr/lib/electron/electron',
    argv,
    cwd: dir,
    reveal: () => reveals++,
  });
  const takeLinks = deepLinkHandlers(queue)['desktop.takeLinks'];
  return {
    links,
    take: async () => (await takeLinks({})).links,
    nudges: () => nudges,
    reveals: () => reveals,
  };
}

/**
 * Every link handed over once `count` have arrived: a dropped file is read asynchronously, so a
 * fixed pause would race a busy machine.
 */
async function takeAll(take: () => Promise<unknown[]>, count: number): Promise<unknown[]> {
  const taken: unknown[] = [];
  await vi.waitFor(
    async () => {
      taken.push(...(await take()));
      expect(taken.length).toBeGreaterThanOrEqual(count);
    },
    { timeout: 10_000, interval: 10 },
  );
  return taken;
}

describe('deep links in the desktop app', () => {
  it('hands over the link the app was launched with, ignoring the executable and switches', async () => {
    const app = new StandInApp();
    const { take } = setUp(app, [
      '/opt/Broadsheet/broadsheet',
      '--no-sandbox',
      'feed://example.com/rss',
    ]);
    expect(await takeAll(take, 1)).toEqual([{ kind: 'subscribe', url: 'https://example.com/rss' }]);
    expect(await take()).toEqual([]);
  });

  it('takes macOS open-url and open-file, even before ready, and handles them itself', async () => {
    const app = new StandInApp();
    const { take, nudges, reveals } = setUp(app, [
      '/Applications/Broadsheet.app/Contents/MacOS/Broadsheet',
    ]);
    expect(app.deliver('open-url', 'feed:https://example.com/atom').prevented).toBe(true);
    expect(app.deliver('open-file', join(dir, 'dropped.opml')).prevented).toBe(true);
    expect(await takeAll(take, 2)).toEqual([
      { kind: 'subscribe', url: 'https://example.com/atom' },
      { kind: 'opml', name: 'dropped.opml', text: OPML },
    ]);
    expect(nudges()).toBe(2);
    // The reader clicked it: the window comes to the front each time.
    expect(reveals()).toBe(2);
  });

  it("takes a second launch's link from its argv, its files from its own folder", async () => {
    const app = new StandInApp();
    const { links, take } = setUp(app, ['C:\\Broadsheet\\Broadsheet.exe']);
    links.secondInstance(
      [
        'C:\\Broadsheet\\Broadsheet.exe',
        '--original-process-start-time=13379999',
        '--',
        'broadsheet://subscribe?url=https%3A%2F%2Fexample.com%2Ffeed',
        'dropped.opml',
      ],
      dir,
    );
    expect(await takeAll(take, 2)).toEqual([
      { kind: 'subscribe', url: 'https://example.com/feed' },
      { kind: 'opml', name: 'dropped.opml', text: OPML },
    ]);
  });

  it('registers its schemes, naming the executable and app folder in development', () => {
    const packaged = new StandInApp({ 'feed://': 'NetNewsWire' });
    setUp(packaged, ['/opt/Broadsheet/broadsheet']).links.claimProtocols();
    // feed: belongs to the reader the person chose; broadsheet: is ours alone.
    expect(packaged.registered).toEqual([
      { protocol: 'broadsheet', path: undefined, args: undefined },
    ]);

    const dev = new StandInApp();
    setUp(dev, ['/usr/lib/electron/electron', 'out/main/index.js'], true).links.claimProtocols();
    expect(dev.registered).toEqual(
      ['feed', 'broadsheet'].map((protocol) => ({
        protocol,
        path: '/usr/lib/electron/electron',
        args: [resolve(dir, 'out/main/index.js')],
      })),
    );
  });
});
