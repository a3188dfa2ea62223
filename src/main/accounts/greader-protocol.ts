/**
 * The Google Reader API as a sync protocol (sync-protocol.ts): FreshRSS (…/api/greader.php),
 * Miniflux, The Old Reader, BazQux, Inoreader. The wire is greader-client.ts's; this module
 * decides where to sign in (find-api.ts), what a pull asks for, and how each change the reader
 * made becomes the server's writes.
 */
import type { AccountChange, AccountService } from '../../shared/account-model';
import { findApi } from './find-api';
import type { GReaderClient, GReaderSession } from './greader-client';
import { READ, READING_LIST, STARRED, labelStreamId } from './stream-id';
import type { ProtocolSession, ProtocolSnapshot, SyncProtocol } from './sync-protocol';

/** The most ids one list may hold: a first sync's "newest items", and a cap on state lists. */
export const FIRST_SYNC_MAX_NEW = 10_000;
export const MAX_STATE_IDS = 100_000;

/** A Reader API client at one address, requests through the given fetch. */
export type GReaderClientFactory = (options: {
  apiUrl: string;
  service: AccountService;
  fetch: typeof globalThis.fetch;
}) => GReaderClient;

export function createGReaderProtocol(clientFor: GReaderClientFactory): SyncProtocol {
  return {
    signIn: async ({ typed, service, username, password, fetch }) => {
      const { apiUrl, auth } = await findApi({
        typed,
        service,
        username,
        password,
        clientFor: (apiUrl) => clientFor({ apiUrl, service, fetch }),
      });
      return { apiUrl, auth };
    },
    connect: (options) => {
      // One client per connection: it keeps the write token and the folder names per token.
      const client = clientFor(options);
      return { session: (auth) => protocolSession(client.withAuth(auth)) };
    },
  };
}

function protocolSession(session: GReaderSession): ProtocolSession {
  return {
    pull: (request) => pull(session, request),
    fetchItems: (ids) => session.itemContents(ids),
    apply: (change) => apply(session, change),
    requestCount: () => session.requestCount(),
  };
}

/**
 * Ids only: unread, starred and new (since the last pull; the newest on a first one), and with
 * subscriptions the folders and each item label's ids, so labels changed elsewhere reach tags.
 */
async function pull(
  session: GReaderSession,
  { since, subscriptions }: { since?: number; subscriptions: boolean },
): Promise<ProtocolSnapshot> {
  const snapshot: Partial<ProtocolSnapshot> = {};
  if (subscriptions) {
    snapshot.subscriptions = await session.subscriptions();
    const tags = await session.tags();
    snapshot.folders = tags.folders;
    snapshot.labels = [];
    for (const name of tags.labels) {
      const itemIds = await session.itemIds({ stream: labelStreamId(name), max: MAX_STATE_IDS });
      snapshot.labels.push({ name, itemIds });
    }
  }
  const unreadIds = await session.itemIds({
    stream: READING_LIST,
    exclude: READ,
    max: MAX_STATE_IDS,
  });
  const starredIds = await session.itemIds({ stream: STARRED, max: MAX_STATE_IDS });
  const newIds = await session.itemIds(
    since === undefined
      ? { stream: READING_LIST, max: FIRST_SYNC_MAX_NEW }
      : { stream: READING_LIST, since, max: MAX_STATE_IDS },
  );
  return { ...snapshot, unreadIds, starredIds, newIds };
}

/** One change as the server's writes; a subscribe answers with the stream id it created. */
async function apply(session: GReaderSession, change: AccountChange): Promise<string | undefined> {
  switch (change.kind) {
    case 'read':
      return void (await session.editTag(change.itemIds, READ));
    case 'unread':
      return void (await session.editTag(change.itemIds, undefined, READ));
    case 'star':
      return void (await session.editTag(change.itemIds, STARRED));
    case 'unstar':
      return void (await session.editTag(change.itemIds, undefined, STARRED));
    case 'label':
      return void (await session.editTag(change.itemIds, labelStreamId(change.label)));
    case 'unlabel':
      return void (await session.editTag(change.itemIds, undefined, labelStreamId(change.label)));
    case 'subscribe': {
      // A subscribe or unsubscribe the server already holds counts as done (greader-client.ts).
      const { streamId } = await session.quickAdd(change.url);
      if (change.title !== undefined || change.folder !== undefined) {
        await session.editSubscription({
          action: 'edit',
          streamId,
          ...(change.title !== undefined && { title: change.title }),
          ...(change.folder !== undefined && { addLabel: labelStreamId(change.folder) }),
        });
      }
      return streamId;
    }
    case 'unsubscribe':
      return void (await session.editSubscription({
        action: 'unsubscribe',
        streamId: change.streamId,
      }));
    case 'move':
      // Nothing to add and nothing known to remove: already where it should be.
      if (change.to === undefined && change.from === undefined) return undefined;
      return void (await session.editSubscription({
        action: 'edit',
        streamId: change.streamId,
        ...(change.to !== undefined && { addLabel: labelStreamId(change.to) }),
        ...(change.from !== undefined && { removeLabel: labelStreamId(change.from) }),
      }));
    case 'rename':
      return void (await session.editSubscription({
        action: 'edit',
        streamId: change.streamId,
        title: change.title,
      }));
    case 'mark-all-read':
      return void (await session.markAllRead(change.streamId, change.before));
  }
}
