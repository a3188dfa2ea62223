import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { browserDesktopHandlers } from '@main/desktop/desktop-handlers';
import { createLinkQueue, type LinkQueue } from '@main/desktop/link-queue';
import { getDb } from '@renderer/db/database';
import { AddFeedButton } from '@renderer/features/subscriptions/components/add-feed-dialog';
import { RefusedLinksDialog } from '@renderer/features/subscriptions/components/refused-links-dialog';
import { useDeepLinks } from '@renderer/features/subscriptions/hooks/use-deep-links';
import type { FetchFeedResult } from '@shared/contract';
import { click, getByRole, mount, queryAllByRole, waitFor } from '../../../support/dom';
import { emptyLibraryBetweenTests } from '../../../support/fresh-library';
import { emitMainEvent, installMainBridge } from '../../../support/main-bridge';

emptyLibraryBetweenTests();

const FEED_URL = 'https://news.example.org/feed.xml';

/** The page's part as the app composes it: Add feed and the refusal, fed by the links. */
function Harness({ opml }: { opml: (files: File[]) => void }) {
  const links = useDeepLinks();
  if (links.opml) opml(links.opml.files);
  return (
    <>
      <AddFeedButton onSubscribed={() => undefined} online request={links.subscribe} />
      <RefusedLinksDialog refused={links.refused} onDismiss={links.dismissRefused} />
    </>
  );
}

/** Main's real link queue and takeLinks, its nudge delivered as the event. */
function mainWithLinks(): LinkQueue {
  const queue = createLinkQueue(() => emitMainEvent('desktop.linksWaiting', {}));
  const fetched: FetchFeedResult = {
    status: 'ok',
    url: FEED_URL,
    feed: { format: 'rss', title: 'Example News', feedUrl: FEED_URL, items: [] },
  };
  installMainBridge({
    ...browserDesktopHandlers(queue),
    'feeds.fetch': async () => fetched,
  });
  return queue;
}

describe('links the system asked Broadsheet to open', () => {
  it('opens Add feed with a waiting address; nothing is subscribed until the reader says so', async () => {
    const queue = mainWithLinks();
    // A first launch from a link: it waits in main until the page starts.
    queue.push({ kind: 'subscribe', url: FEED_URL });
    const mounted = mount(<Harness opml={() => undefined} />);
    await waitFor(
      () => queryAllByRole(document.body, 'dialog', 'Add a feed').length === 1,
      'Add feed to open',
    );
    const dialog = getByRole<HTMLDialogElement>(document.body, 'dialog', 'Add a feed');
    const address = getByRole<HTMLInputElement>(dialog, 'textbox', 'Feed or site URL');
    expect(address.value).toBe(FEED_URL);
    expect(address.getAttribute('aria-describedby')).toBeTruthy();
    expect(dialog.textContent).toContain('A link asked Broadsheet to add this feed.');
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(await getDb().feeds.count()).toBe(0);

    click(getByRole(dialog, 'button', 'Subscribe'));
    await waitFor(() => !dialog.open, 'the dialog to close');
    expect((await getDb().feeds.toArray()).map((feed) => feed.url)).toEqual([FEED_URL]);
    mounted.unmount();
  });

  it('takes links that arrive while it runs, and says why a refused one was not opened', async () => {
    const queue = mainWithLinks();
    const opened: string[][] = [];
    const mounted = mount(<Harness opml={(files) => opened.push(files.map((f) => f.name))} />);
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
    expect(queryAllByRole(document.body, 'alertdialog')).toHaveLength(0);

    // A second launch hands over a bad link and an OPML file.
    act(() => {
      queue.push({
        kind: 'refused',
        input: 'feed:javascript:alert(1)',
        reason: 'A feed: link must hold a web address (http or https).',
      });
      queue.push({ kind: 'opml', name: 'list.opml', text: '<opml/>' });
    });
    await waitFor(() => queryAllByRole(document.body, 'alertdialog').length === 1, 'the alert');
    const alert = getByRole<HTMLDialogElement>(
      document.body,
      'alertdialog',
      'This link could not be opened',
    );
    expect(alert.open).toBe(true);
    expect(alert.textContent).toContain('A feed: link must hold a web address (http or https).');
    expect(alert.textContent).toContain('feed:javascript:alert(1)');
    expect(opened.at(-1)).toEqual(['list.opml']);

    click(getByRole(alert, 'button', 'OK'));
    await waitFor(() => !alert.open, 'the alert to close');
    // Its close event comes as a task of its own, and the list goes with it.
    await waitFor(() => alert.querySelectorAll('li').length === 0, 'the list to empty');
    mounted.unmount();
  });
});
