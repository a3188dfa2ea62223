/**
 * `subscription/list` and `tag/list` as the app's RemoteSubscription and RemoteFolder. Labels
 * are folders (a subscription carries them) or tags (items carry them): FreshRSS says which in
 * `type`; Miniflux has only folders; other servers say nothing, and then a label that some
 * subscription carries is a folder.
 */
import type { AccountService, RemoteFolder, RemoteSubscription } from '../../shared/account-model';
import { resolveWebUrl } from '../../shared/web-url';
import { collapseWhitespace } from '../html/text';
import { unescapeFreshRssFeedTitle } from './freshrss-text';
import { isObject, stringAt } from './greader-json';
import { labelName, labelStreamId } from './stream-id';

export function toRemoteSubscription(
  raw: unknown,
  service: AccountService | undefined,
): RemoteSubscription | undefined {
  if (!isObject(raw)) return undefined;
  const streamId = stringAt(raw, 'id');
  if (!streamId?.startsWith('feed/')) return undefined;
  // `url` is the feed's own address; without it, FreshRSS-style ids embed it (`feed/<url>`).
  const url = resolveWebUrl(stringAt(raw, 'url')) ?? resolveWebUrl(streamId.slice(5));
  if (!url) return undefined;
  const folders = new Set<string>();
  if (Array.isArray(raw.categories)) {
    for (const category of raw.categories) {
      if (!isObject(category)) continue;
      const name = labelName(stringAt(category, 'id') ?? '') ?? stringAt(category, 'label');
      if (name) folders.add(name);
    }
  }
  const title = collapseWhitespace(stringAt(raw, 'title') ?? '');
  const subscription: RemoteSubscription = {
    streamId,
    title: (service === 'freshrss' ? unescapeFreshRssFeedTitle(title) : title) || url,
    url,
    folders: [...folders],
  };
  const siteUrl = resolveWebUrl(stringAt(raw, 'htmlUrl'));
  if (siteUrl) subscription.siteUrl = siteUrl;
  const iconUrl = resolveWebUrl(stringAt(raw, 'iconUrl'));
  if (iconUrl) subscription.iconUrl = iconUrl;
  return subscription;
}

export interface SplitTags {
  folders: RemoteFolder[];
  labels: string[];
  /** Labels whose kind the server did not say (only servers other than FreshRSS/Miniflux). */
  untyped: string[];
}

export function splitTags(rawTags: unknown[], service: AccountService | undefined): SplitTags {
  const folders: RemoteFolder[] = [];
  const labels: string[] = [];
  const untyped: string[] = [];
  const seen = new Set<string>();
  for (const raw of rawTags) {
    if (!isObject(raw)) continue;
    const name = labelName(stringAt(raw, 'id') ?? '');
    if (!name || seen.has(name)) continue;
    seen.add(name);
    const type = stringAt(raw, 'type');
    if (type === 'folder' || service === 'miniflux') folders.push(folder(name));
    else if (type === 'tag') labels.push(name);
    else untyped.push(name);
  }
  return { folders, labels, untyped };
}

export function folder(name: string): RemoteFolder {
  return { id: labelStreamId(name), name };
}
