import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDirFor, parseServeArgs } from '@main/host/serve-args';

describe('serve --data-dir', () => {
  it('takes a folder as a separate or inline value, made absolute', () => {
    expect(parseServeArgs(['--data-dir', '/srv/broadsheet'])).toEqual({
      port: 5178,
      dataDir: '/srv/broadsheet',
    });
    expect(parseServeArgs(['--port', '0', '--data-dir=rel/dir'])).toEqual({
      port: 0,
      dataDir: resolve('rel/dir'),
    });
    expect(parseServeArgs([])).not.toHaveProperty('dataDir');
  });

  it('explains a missing folder', () => {
    for (const argv of [['--data-dir'], ['--data-dir='], ['--data-dir', '--port', '1']]) {
      expect(parseServeArgs(argv)).toEqual({
        error:
          '--data-dir needs a folder; usage: serve [--port N] [--data-dir DIR] [--open LINK-OR-FILE]…',
      });
    }
  });

  it('prefers the flag, then BROADSHEET_DATA_DIR, then the system place per OS', () => {
    const home = '/home/ann';
    const linux = { env: {}, platform: 'linux' as const, home };
    expect(dataDirFor('/flag', { ...linux, env: { BROADSHEET_DATA_DIR: '/env' } })).toBe('/flag');
    expect(dataDirFor(undefined, { ...linux, env: { BROADSHEET_DATA_DIR: '/env' } })).toBe('/env');
    expect(dataDirFor(undefined, linux)).toBe('/home/ann/.local/share/broadsheet');
    expect(dataDirFor(undefined, { ...linux, env: { XDG_DATA_HOME: '/x' } })).toBe('/x/broadsheet');
    // A relative XDG_DATA_HOME is invalid by the spec and ignored.
    expect(dataDirFor(undefined, { ...linux, env: { XDG_DATA_HOME: 'x' } })).toBe(
      '/home/ann/.local/share/broadsheet',
    );
    expect(dataDirFor(undefined, { env: {}, platform: 'darwin', home })).toBe(
      '/home/ann/Library/Application Support/Broadsheet',
    );
    expect(dataDirFor(undefined, { env: { APPDATA: '/appdata' }, platform: 'win32', home })).toBe(
      join('/appdata', 'Broadsheet'),
    );
  });
});

describe('serve --open', () => {
  it('keeps every link or file to open, in order, separate or inline', () => {
    expect(
      parseServeArgs([
        '--open',
        'feed://example.com/rss',
        '--open=broadsheet://subscribe?url=https%3A%2F%2Fa.example%2F',
        '--open',
        'subscriptions.opml',
      ]),
    ).toEqual({
      port: 5178,
      open: [
        'feed://example.com/rss',
        'broadsheet://subscribe?url=https%3A%2F%2Fa.example%2F',
        'subscriptions.opml',
      ],
    });
    expect(parseServeArgs([])).not.toHaveProperty('open');
  });

  it('explains a missing link', () => {
    for (const argv of [['--open'], ['--open='], ['--open', '--port', '1']]) {
      expect(parseServeArgs(argv)).toEqual({
        error:
          '--open needs a feed: link or an OPML file; usage: serve [--port N] [--data-dir DIR] [--open LINK-OR-FILE]…',
      });
    }
  });
});
