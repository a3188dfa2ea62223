import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../../src/main/api/dispatch';
import type { Handlers } from '../../../../src/shared/contract';
import { AppError } from '../../../../src/shared/result';

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
      throw new AppError('unsupported', 'n/a');
    },
    'articles.import': async () => {
      throw new AppError('unsupported', 'n/a');
    },
    'images.fetch': async () => [],
    'feeds.icon': async () => ({ ok: false, reason: 'none' }),
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

  it('turns an AppError into its code and message', async () => {
    const dispatch = createDispatcher(
      handlers({
        'feeds.fetch': async () => {
          throw new AppError('not-a-feed', 'This is a web page, not a feed.');
        },
      }),
    );
    expect(await dispatch('feeds.fetch', { url: 'https://e.com/' })).toEqual({
      ok: false,
      error: { code: 'not-a-feed', message: 'This is a web page, not a feed.' },
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
});
