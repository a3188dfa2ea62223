import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@shared/result';
import { FEED_ACCEPT } from '@main/net/accept';
import { allowlistFetch, hostsFromEnv } from '@main/net/allowlist-fetch';
import { httpGet } from '@main/net/http-get';
import { startFixtureServer, type FixtureServer } from '../../../fixture-server/server';

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());

describe('allowlist fetch', () => {
  const guarded = allowlistFetch(globalThis.fetch, ['127.0.0.1']);

  it('lets loopback through', async () => {
    const response = await guarded(`${server.url}/fixtures/feeds/sample-rss.xml`);
    expect(response.status).toBe(200);
  });

  it('refuses any other host before a connection is made, as a network error', async () => {
    await expect(guarded('https://www.theguardian.com/world')).rejects.toThrow(/not reachable/);
    const error = await httpGet(
      { fetch: guarded, userAgent: 't' },
      { url: 'https://example.com/feed', accept: FEED_ACCEPT },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('network');
  });

  it('reads the host list from the environment', () => {
    expect(hostsFromEnv('127.0.0.1, localhost')).toEqual(['127.0.0.1', 'localhost']);
    expect(hostsFromEnv('')).toBeUndefined();
    expect(hostsFromEnv(undefined)).toBeUndefined();
  });
});
