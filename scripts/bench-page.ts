/**
 * What the browser benches do in the app's page and share (bench:ui, bench:rules): waiting for
 * the search index to catch up, and timing "Mark all as read". Driven as a reader would, through
 * the page's own controls.
 */
import type { Page } from '@playwright/test';

/**
 * Waits until the app's search index has caught up with the library, as the search pane says
 * it, and returns how long that took (ms). A library seeded straight into IndexedDB has no
 * index, so the search worker rebuilds it at the next start (~12 s at 100,000 articles), and
 * every start checks it against the articles (~4 s): a figure taken meanwhile measures that
 * work as much as the view (docs/bench/2026-12-06-ui-regression.md). Types a query into
 * "Search articles", waits for its answer with no index progress line, and clears the box.
 */
export async function waitForSearchIndex(page: Page, timeoutMs: number): Promise<number> {
  const start = performance.now();
  const box = page.getByRole('searchbox', { name: 'Search articles' });
  await box.fill('council');
  await page.waitForFunction(
    () => {
      const pane = document.querySelector('.search-pane');
      const count = pane?.querySelector('.article-list-count')?.textContent ?? '';
      return (
        pane !== null &&
        count !== '' &&
        count !== 'Searching…' &&
        pane.querySelector('.search-index-progress') === null
      );
    },
    undefined,
    { timeout: timeoutMs, polling: 100 },
  );
  const waited = performance.now() - start;
  await box.press('Escape');
  await page.locator('#article-list-heading').waitFor();
  return waited;
}

/**
 * Chooses an entry of the list's "Mark all as read" menu and times, in the page, until the
 * status reports how many articles changed (the write is done by then).
 */
export function markAllReadTimed(
  page: Page,
  choice: string,
  timeoutMs: number,
): Promise<{ ms: number; status: string }> {
  return page.evaluate(
    ({ label, timeoutMs }) =>
      new Promise<{ ms: number; status: string }>((resolve, reject) => {
        const anchor = document.querySelector('.menu-anchor');
        const button = anchor?.querySelector<HTMLButtonElement>('button[aria-haspopup="menu"]');
        const status = document.querySelector('.article-list-status');
        if (!button || !status) return reject(new Error('no Mark all as read menu'));
        button.click();
        requestAnimationFrame(() => {
          const item = [...document.querySelectorAll<HTMLElement>('[role="menuitem"]')].find(
            (el) => el.textContent === label,
          );
          if (!item) return reject(new Error(`no menu item ${label}`));
          const before = status.textContent;
          const start = performance.now();
          const observer = new MutationObserver(() => {
            if (status.textContent === before || !status.textContent?.startsWith('Marked')) return;
            observer.disconnect();
            resolve({ ms: performance.now() - start, status: status.textContent });
          });
          observer.observe(status, { childList: true, subtree: true, characterData: true });
          setTimeout(
            () => reject(new Error(`timed out: no status in ${timeoutMs / 1000} s`)),
            timeoutMs,
          );
          item.click();
        });
      }),
    { label: choice, timeoutMs },
  );
}
