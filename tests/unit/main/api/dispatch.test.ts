import { describe, expect, it } from 'vitest';
import { createDispatcher } from '@main/api/dispatch';
import { METHOD_NAMES, type Handlers } from '@shared/contract';
import { AppError } from '@shared/result';

const appInfo = {
  name: 'Broadsheet',
  version: '1.0.0',
  host: 'browser',
  platform: 'linux',
} as const;

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const seen: unknown[] = [];
  return {
    'app.info': async () => appInfo,
    'feeds.fetch': async (params) => {
      seen.push(params);
      return { status: 'not-modified', url: params.url };
    },
    'feeds.discover': async () => ({ feeds: [] }),
    'opml.parse': async () => ({ root: { title: '', feeds: [], folders: [] }, problems: [] }),
    'opml.build': async () => ({ text: '' }),
    'sync.setFeeds': async () => ({ rejected: [] }),
    'sync.refresh': async () => null,
    'sync.cancel': async () => null,
    'articles.fetchFull': async () => {
      throw new AppError('unsupported', 'main.error.untranslated', { message: 'n/a' });
    },
    'articles.import': async () => {
      throw new AppError('unsupported', 'main.error.untranslated', { message: 'n/a' });
    },
    'images.fetch': async () => [],
    'episodes.fetch': async () => ({ bytes: new Uint8Array(0), done: true }),
    'feeds.icon': async () => ({ ok: false, reason: 'none' }),
    ...(Object.fromEntries(
      METHOD_NAMES.filter((name) => /^(accounts|backups|desktop|updates)\./.test(name)).map(
        (name) => [
          name,
          async () => {
            throw new AppError('unsupported', 'main.error.untranslated', { message: 'n/a' });
          },
        ],
      ),
    ) as unknown as Pick<
      Handlers,
      `${'accounts' | 'backups' | 'desktop' | 'updates'}.${string}` & keyof Handlers
    >),
    ...overrides,
  };
}

describe('dispatcher', () => {
  it('runs the handler with validated params and wraps the value', async () => {
    const dispatch = createDispatcher(handlers());
    expect(await dispatch('app.info', {})).toEqual({ ok: true, value: appInfo });
    expect(await dispatch('feeds.fetch', { url: ' https://e.com/f ' })).toEqual({
      ok: true,
      value: { status: 'not-modified', url: 'https://e.com/f' },
    });
  });

  it('refuses unknown methods, including prototype names', async () => {
    const dispatch = createDispatcher(handlers());
    for (const name of ['nope', '__proto__', 'constructor', 42]) {
      const result = await dispatch(name, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    }
  });

  it('refuses invalid params before the handler runs', async () => {
    let called = false;
    const dispatch = createDispatcher(
      handlers({
        'feeds.fetch': async () => {
          called = true;
          return { status: 'not-modified', url: '' };
        },
      }),
    );
    const result = await dispatch('feeds.fetch', { url: 'javascript:alert(1)' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
    if (!result.ok) expect(result.error.message).toMatch(/http or https/);
    expect(called).toBe(false);
  });

  it('turns an AppError into its code, English message and text for the reader', async () => {
    const dispatch = createDispatcher(
      handlers({
        'feeds.fetch': async () => {
          throw new AppError('not-a-feed', 'main.feed.webPage', { found: '<html>' });
        },
      }),
    );
    expect(await dispatch('feeds.fetch', { url: 'https://e.com/' })).toEqual({
      ok: false,
      error: {
        code: 'not-a-feed',
        message: 'This is a web page, not a feed (found <html>).',
        text: { id: 'main.feed.webPage', values: { found: '<html>' } },
      },
    });
  });

  it('gives its own refusals a text too', async () => {
    const dispatch = createDispatcher(handlers());
    expect(await dispatch('no.such', {})).toEqual({
      ok: false,
      error: {
        code: 'unknown-method',
        message: 'Unknown method: no.such',
        text: { id: 'main.api.unknownMethod', values: { method: 'no.such' } },
      },
    });
    const invalid = await dispatch('feeds.fetch', { url: 42 });
    expect(invalid).toMatchObject({
      ok: false,
      error: { text: { id: 'main.api.invalidParams', values: { method: 'feeds.fetch' } } },
    });
  });

  it('hides unexpected errors behind a generic message and logs them', async () => {
    const logged: unknown[] = [];
    const dispatch = createDispatcher(
      handlers({
        'app.info': async () => {
          throw new TypeError('secret internals at /home/user/x.js');
        },
      }),
      (error) => logged.push(error),
    );
    const result = await dispatch('app.info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    if (!result.ok) expect(result.error.message).not.toContain('secret');
    expect(logged).toHaveLength(1);
  });

  it('refuses an OPML tree nested too deep with a clear message, never a stack overflow', async () => {
    let built = 0;
    const dispatch = createDispatcher(
      handlers({
        'opml.build': async () => {
          built += 1;
          return { text: '<opml/>' };
        },
      }),
    );
    const tree = (depth: number) => {
      let root: { title: string; feeds: never[]; folders: unknown[] } = {
        title: 'bottom',
        feeds: [],
        folders: [],
      };
      for (let i = 0; i < depth; i += 1) root = { title: `level ${i}`, feeds: [], folders: [root] };
      return root;
    };
    for (const depth of [65, 800, 100_000]) {
      const result = await dispatch('opml.build', { title: 'deep', root: tree(depth) });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
      if (!result.ok) expect(result.error.message).toMatch(/at most 64 levels/);
    }
    expect(built).toBe(0);
    // The deepest tree the contract accepts still validates (and reaches the handler).
    expect(await dispatch('opml.build', { title: 'ok', root: tree(64) })).toEqual({
      ok: true,
      value: { text: '<opml/>' },
    });
    expect(built).toBe(1);
  });

  it('refuses, quickly, folder trees that loop or share folders (a structured clone can)', async () => {
    const dispatch = createDispatcher(handlers());
    const loop: { title: string; feeds: never[]; folders: unknown[] } = {
      title: 'loop',
      feeds: [],
      folders: [],
    };
    loop.folders.push(loop);
    const looped = await dispatch('opml.build', { title: 't', root: loop });
    expect(looped).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
    // 40 levels, each naming the level below 1000 times: 1000^40 folders if walked naively.
    let shared: { title: string; feeds: never[]; folders: unknown[] } = {
      title: 'x',
      feeds: [],
      folders: [],
    };
    for (let i = 0; i < 40; i += 1) {
      shared = { title: `level ${i}`, feeds: [], folders: Array(1000).fill(shared) };
    }
    const started = performance.now();
    const wide = await dispatch('opml.build', { title: 't', root: shared });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(wide).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
    if (!wide.ok) expect(wide.error.message).toMatch(/at most 100000 feeds and folders/);
  });

  it('answers with a failed result even when reading the params throws', async () => {
    const logged: unknown[] = [];
    const dispatch = createDispatcher(handlers(), (error) => logged.push(error));
    const hostile = {
      get url(): string {
        throw new Error('getter blew up');
      },
    };
    const result = await dispatch('feeds.fetch', hostile);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(logged).toHaveLength(1);
  });
});
