import { useCallback, useState } from 'react';
import type { DiscoveredFeed } from '@shared/contract';
import { itemsPerFetch } from '@shared/sync-model';
import { getApi } from '../../../api/broadsheet-api';
import type { Feed } from '../../../db/entities';
import { addFeed, allowFeedOnOwnNetwork, findFeedByUrl } from '../../../db/feeds-repository';
import { getSetting } from '../../../db/settings-repository';
import { normalizeUrl } from '../../../lib/typed-url';

export type SubscribeState =
  | { status: 'idle' }
  | { status: 'working'; message: string }
  | { status: 'choose'; feeds: DiscoveredFeed[]; typedHost?: string }
  | { status: 'error'; message: string };

/**
 * Paste a feed or a site address, get a stored feed with its articles — or a choice when the
 * site offers several feeds, or a message that says what went wrong.
 */
export function useSubscribe(onSubscribed: (feed: Feed) => void) {
  const [state, setState] = useState<SubscribeState>({ status: 'idle' });

  const subscribeTo = useCallback(
    async (url: string, typedHost?: string): Promise<boolean> => {
      const existing = await findFeedByUrl(url);
      if (existing && !existing.unsubscribedAt) {
        // Typing the address of a feed that came from elsewhere (OPML) and was refused for being
        // on the reader's own network is how the reader says it may be fetched there.
        if (
          typedHost &&
          existing.allowPrivateHost !== typedHost &&
          existing.lastError?.code === 'forbidden'
        ) {
          const fetched = await getApi().invoke('feeds.fetch', {
            url,
            allowPrivateHost: typedHost,
            maxItems: await maxItemsPerFetch(),
          });
          if (fetched.ok && fetched.value.status === 'ok' && fetched.value.privateHost) {
            await allowFeedOnOwnNetwork(
              existing.id,
              { ...fetched.value, privateHost: fetched.value.privateHost },
              Date.now(),
            );
            setState({ status: 'idle' });
            onSubscribed(existing);
            return true;
          }
        }
        setState(alreadySubscribed(existing));
        return true;
      }
      setState({ status: 'working', message: 'Fetching the feed…' });
      // The reader typed this host: main may reach it on their own network (that host only).
      const fetched = await getApi().invoke('feeds.fetch', {
        url,
        allowPrivateHost: typedHost,
        maxItems: await maxItemsPerFetch(),
      });
      if (!fetched.ok) {
        if (fetched.error.code === 'not-a-feed') return false;
        setState({ status: 'error', message: fetched.error.message });
        return true;
      }
      if (fetched.value.status !== 'ok') {
        setState({ status: 'error', message: 'The server sent no feed.' });
        return true;
      }
      const moved = fetched.value.movedTo && (await findFeedByUrl(fetched.value.movedTo));
      if (moved && !moved.unsubscribedAt) {
        setState(alreadySubscribed(moved));
        return true;
      }
      const feed = await addFeed(url, fetched.value);
      setState({ status: 'idle' });
      onSubscribed(feed);
      return true;
    },
    [onSubscribed],
  );

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
      const typedHost = new URL(url).hostname;
      try {
        if (await subscribeTo(url, typedHost)) return;
        // Not a feed: it is a web page, so look for the feeds it offers.
        setState({ status: 'working', message: 'Looking for feeds on this page…' });
        const found = await getApi().invoke('feeds.discover', {
          url,
          allowPrivateHost: typedHost,
        });
        if (!found.ok) return setState({ status: 'error', message: found.error.message });
        const { feeds, message } = found.value;
        if (feeds.length === 0) {
          return setState({
            status: 'error',
            message: message ?? 'No feed found at this address.',
          });
        }
        if (feeds.length === 1) {
          if (!(await subscribeTo(feeds[0]!.url, typedHost))) {
            setState({
              status: 'error',
              message: 'That page points to a feed that cannot be read.',
            });
          }
          return;
        }
        setState({ status: 'choose', feeds, typedHost });
      } catch (error) {
        setState({
          status: 'error',
          message: error instanceof Error ? error.message : String(error),
        });
      }
    },
    [subscribeTo],
  );

  // A feed the typed page offers: the typed host's allowance goes along (main honours it only
  // when the feed is on that same host).
  const typedHost = state.status === 'choose' ? state.typedHost : undefined;
  const choose = useCallback(
    async (url: string) => {
      try {
        if (!(await subscribeTo(url, typedHost))) {
          setState({
            status: 'error',
            message: 'That address does not hold a feed Broadsheet can read.',
          });
        }
      } catch (error) {
        setState({
          status: 'error',
          message: error instanceof Error ? error.message : String(error),
        });
      }
    },
    [subscribeTo, typedHost],
  );

  const reset = useCallback(() => setState({ status: 'idle' }), []);
  return { state, subscribe, choose, reset };
}

/** The same words whether the typed address or the one it now redirects to is already held. */
function alreadySubscribed(feed: Feed): SubscribeState {
  return {
    status: 'error',
    message: `You already subscribe to “${feed.customTitle ?? feed.title}”.`,
  };
}

/** No more than the library keeps of a feed: a huge feed brings only its newest items. */
async function maxItemsPerFetch(): Promise<number> {
  return itemsPerFetch((await getSetting('retention')).maxPerFeed);
}
