import { useCallback, useState } from 'react';
import { call, ApiCallError } from '../../../api/broadsheet-api';
import type { Feed } from '../../../db/entities';
import { addFeed, findFeedByUrl } from '../../../db/feeds-repository';

export type SubscribeState =
  { status: 'idle' } | { status: 'working' } | { status: 'error'; message: string };

/** Paste a URL, get a stored feed with its articles, or a message that says what went wrong. */
export function useSubscribe(onSubscribed: (feed: Feed) => void) {
  const [state, setState] = useState<SubscribeState>({ status: 'idle' });

  const subscribe = useCallback(
    async (input: string) => {
      const url = normalizeUrl(input);
      if (!url) {
        setState({
          status: 'error',
          message: 'Enter a web address, like https://example.com/feed.xml',
        });
        return;
      }
      setState({ status: 'working' });
      try {
        const existing = await findFeedByUrl(url);
        if (existing) {
          setState({ status: 'error', message: `You already subscribe to “${existing.title}”.` });
          return;
        }
        const fetched = await call('feeds.fetch', { url });
        if (fetched.status !== 'ok') throw new Error('The server sent no feed.');
        const feed = await addFeed(url, fetched);
        setState({ status: 'idle' });
        onSubscribed(feed);
      } catch (error) {
        const message =
          error instanceof ApiCallError || error instanceof Error ? error.message : String(error);
        setState({ status: 'error', message });
      }
    },
    [onSubscribed],
  );

  const reset = useCallback(() => setState({ status: 'idle' }), []);
  return { state, subscribe, reset };
}

/** People paste "example.com/feed"; assume https when no scheme is given. */
export function normalizeUrl(input: string): string | undefined {
  const trimmed = input.trim();
  if (!trimmed) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.toString();
  } catch {
    return undefined;
  }
}
