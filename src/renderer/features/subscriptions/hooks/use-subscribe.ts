import { useCallback, useState } from 'react';
import type { DiscoveredFeed } from '@shared/contract';
import { itemsPerFetch } from '@shared/sync-model';
import { getApi } from '../../../api/broadsheet-api';
import { findAccountFeedByUrl, subscribeInAccount } from '../../../db/accounts-repository';
import type { Account, Feed } from '../../../db/entities';
import { addFeed, allowFeedOnOwnNetwork, findFeedByUrl } from '../../../db/feeds-repository';
import { getSetting } from '../../../db/settings-repository';
import { errorText } from '../../../i18n/localized-error';
import { useT, type Translator } from '../../../i18n/use-t';
import { reportStorageError } from '../../../lib/storage-errors';
import { normalizeUrl } from '../../../lib/typed-url';
import { syncAccountNow } from '../../../pipeline/account-sync';

export type SubscribeState =
  | { status: 'idle' }
  | { status: 'working'; message: string }
  | { status: 'choose'; feeds: DiscoveredFeed[]; typedHost?: string }
  | { status: 'error'; message: string };

/** A feed queued for an account: its server subscribes and fetches it at the next sync. */
export interface QueuedInAccount {
  account: Account;
  url: string;
  title: string;
}

/**
 * Paste a feed or a site address, get a stored feed with its articles — or a choice when the
 * site offers several feeds, or a message that says what went wrong. Given an account, the
 * address is checked the same way and the subscription is queued for that account's server
 * (which fetches the feed itself) instead of stored on this computer.
 */
export function useSubscribe(
  onSubscribed: (feed: Feed) => void,
  onQueued?: (queued: QueuedInAccount) => void,
) {
  const t = useT();
  const [state, setState] = useState<SubscribeState>({ status: 'idle' });

  const queueInAccount = useCallback(
    async (account: Account, url: string, typedHost?: string): Promise<boolean> => {
      const held = await findAccountFeedByUrl(account.id, url);
      if (held) {
        setState(alreadyInAccount(account, held, t));
        return true;
      }
      setState({ status: 'working', message: t('subscriptions.add.checking') });
      // Only to know it is a feed (and where it lives): the server fetches its items itself.
      const fetched = await getApi().invoke('feeds.fetch', {
        url,
        allowPrivateHost: typedHost,
        maxItems: 1,
      });
      if (!fetched.ok) {
        if (fetched.error.code === 'not-a-feed') return false;
        setState({ status: 'error', message: errorText(fetched.error, t) });
        return true;
      }
      if (fetched.value.status !== 'ok') {
        setState({ status: 'error', message: t('subscriptions.add.noFeedSent') });
        return true;
      }
      // This computer may fetch a host on the reader's own network; a server elsewhere cannot.
      const privateHost = fetched.value.privateHost;
      if (privateHost && privateHost !== hostOf(account.serverUrl)) {
        setState({
          status: 'error',
          message: t('subscriptions.add.ownNetworkForAccount', {
            host: privateHost,
            account: account.name,
          }),
        });
        return true;
      }
      const feedUrl = fetched.value.movedTo ?? url;
      const moved = feedUrl !== url && (await findAccountFeedByUrl(account.id, feedUrl));
      if (moved) {
        setState(alreadyInAccount(account, moved, t));
        return true;
      }
      const title = fetched.value.feed.title.trim() || feedUrl;
      await subscribeInAccount(account.id, feedUrl, { title });
      // Sent at once when the server answers; otherwise it waits in the queue for the next sync.
      void syncAccountNow(account.id).catch(reportStorageError);
      setState({ status: 'idle' });
      onQueued?.({ account, url: feedUrl, title });
      return true;
    },
    [onQueued, t],
  );

  const subscribeTo = useCallback(
    async (url: string, typedHost?: string, account?: Account): Promise<boolean> => {
      // An account and this computer may both follow one address: only the account's own count.
      if (account) return queueInAccount(account, url, typedHost);
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
        setState(alreadySubscribed(existing, t));
        return true;
      }
      setState({ status: 'working', message: t('subscriptions.add.fetching') });
      // The reader typed this host: main may reach it on their own network (that host only).
      const fetched = await getApi().invoke('feeds.fetch', {
        url,
        allowPrivateHost: typedHost,
        maxItems: await maxItemsPerFetch(),
      });
      if (!fetched.ok) {
        if (fetched.error.code === 'not-a-feed') return false;
        setState({ status: 'error', message: errorText(fetched.error, t) });
        return true;
      }
      if (fetched.value.status !== 'ok') {
        setState({ status: 'error', message: t('subscriptions.add.noFeedSent') });
        return true;
      }
      const moved = fetched.value.movedTo && (await findFeedByUrl(fetched.value.movedTo));
      if (moved && !moved.unsubscribedAt) {
        setState(alreadySubscribed(moved, t));
        return true;
      }
      const feed = await addFeed(url, fetched.value);
      setState({ status: 'idle' });
      onSubscribed(feed);
      return true;
    },
    [onSubscribed, queueInAccount, t],
  );

  const subscribe = useCallback(
    /**
     * `typed` false: the address came from a link (a web page, another app), not the reader's
     * keyboard, so it earns no allowance for the reader's own network.
     */
    async (input: string, account?: Account, typed = true) => {
      const url = normalizeUrl(input);
      if (!url) {
        setState({
          status: 'error',
          message: t('subscriptions.add.enterAddress'),
        });
        return;
      }
      const typedHost = typed ? new URL(url).hostname : undefined;
      try {
        if (await subscribeTo(url, typedHost, account)) return;
        // Not a feed: it is a web page, so look for the feeds it offers.
        setState({ status: 'working', message: t('subscriptions.add.discovering') });
        const found = await getApi().invoke('feeds.discover', {
          url,
          allowPrivateHost: typedHost,
        });
        if (!found.ok) return setState({ status: 'error', message: errorText(found.error, t) });
        const { feeds, message } = found.value;
        if (feeds.length === 0) {
          return setState({
            status: 'error',
            message: message ?? t('subscriptions.add.noFeedFound'),
          });
        }
        if (feeds.length === 1) {
          if (!(await subscribeTo(feeds[0]!.url, typedHost, account))) {
            setState({
              status: 'error',
              message: t('subscriptions.add.unreadableFeed'),
            });
          }
          return;
        }
        setState({ status: 'choose', feeds, typedHost });
      } catch (error) {
        setState({ status: 'error', message: errorText(error, t) });
      }
    },
    [subscribeTo, t],
  );

  // A feed the typed page offers: the typed host's allowance goes along (main honours it only
  // when the feed is on that same host).
  const typedHost = state.status === 'choose' ? state.typedHost : undefined;
  const choose = useCallback(
    async (url: string, account?: Account) => {
      try {
        if (!(await subscribeTo(url, typedHost, account))) {
          setState({
            status: 'error',
            message: t('subscriptions.add.notAFeed'),
          });
        }
      } catch (error) {
        setState({ status: 'error', message: errorText(error, t) });
      }
    },
    [subscribeTo, typedHost, t],
  );

  const reset = useCallback(() => setState({ status: 'idle' }), []);
  return { state, subscribe, choose, reset };
}

/** The same words whether the typed address or the one it now redirects to is already held. */
function alreadySubscribed(feed: Feed, t: Translator): SubscribeState {
  return {
    status: 'error',
    message: t('subscriptions.add.alreadySubscribed', { feed: feed.customTitle ?? feed.title }),
  };
}

function alreadyInAccount(account: Account, feed: Feed, t: Translator): SubscribeState {
  return {
    status: 'error',
    message: t('subscriptions.add.alreadyInAccount', {
      account: account.name,
      feed: feed.customTitle ?? feed.title,
    }),
  };
}

/** A server address's host as main names a private host: no brackets, lower case. */
function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return undefined;
  }
}

/** No more than the library keeps of a feed: a huge feed brings only its newest items. */
async function maxItemsPerFetch(): Promise<number> {
  return itemsPerFetch((await getSetting('retention')).maxPerFeed);
}
