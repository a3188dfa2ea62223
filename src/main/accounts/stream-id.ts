/**
 * Stream ids and item categories as the Reader API spells them. Servers write the user either
 * as `-` (FreshRSS) or as the numeric user id (Miniflux: `user/1/label/News`); both mean the
 * same label, so everything leaving this module uses `user/-/…`.
 */

const LABEL = /^user\/[^/]*\/label\/(.+)$/;
const STATE = /^user\/[^/]*\/state\/com\.google\/(.+)$/;

export const READING_LIST = 'user/-/state/com.google/reading-list';
export const READ = 'user/-/state/com.google/read';
export const STARRED = 'user/-/state/com.google/starred';

/** The label's name in `user/…/label/<name>`, else undefined. */
export function labelName(streamId: string): string | undefined {
  return LABEL.exec(streamId)?.[1];
}

/** The state in `user/…/state/com.google/<state>` (read, starred, reading-list…), else undefined. */
export function stateName(streamId: string): string | undefined {
  return STATE.exec(streamId)?.[1];
}

export function labelStreamId(name: string): string {
  return `user/-/label/${name}`;
}
