/**
 * FreshRSS writes a few characters of titles as their fullwidth look-alikes in its API answers
 * (item titles `＆ ＜ ＞`; feed titles also `？ ＼ ／ ， ；`), to keep old clients that did not
 * escape safe. A reader typed the plain ones; they are put back for FreshRSS only, since on
 * other servers a fullwidth character is what the author wrote.
 */
const ITEM_TITLE: Record<string, string> = { '＆': '&', '＜': '<', '＞': '>' };
const FEED_TITLE: Record<string, string> = {
  ...ITEM_TITLE,
  '？': '?',
  '＼': '\\',
  '／': '/',
  '，': ',',
  '；': ';',
};

export function unescapeFreshRssItemTitle(title: string): string {
  return title.replace(/[＆＜＞]/g, (char) => ITEM_TITLE[char] ?? char);
}

export function unescapeFreshRssFeedTitle(title: string): string {
  return title.replace(/[＆＜＞？＼／，；]/g, (char) => FEED_TITLE[char] ?? char);
}
