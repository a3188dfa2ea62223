/**
 * Limits for podcast and video episodes kept offline, shared by the contract (what a call may
 * ask for), main (what it downloads) and the renderer (the setting and its defaults).
 */
const MB = 1024 * 1024;

/** One `episodes.fetch` answer at most: 4 MiB is 5.6 MB of base64 over the browser host. */
export const EPISODE_CHUNK_BYTES = 4 * MB;
/** Default cap for one episode (Settings can change it). */
export const DEFAULT_EPISODE_MAX_BYTES = 200 * MB;
/** Default cap for every kept episode together. */
export const DEFAULT_EPISODES_TOTAL_BYTES = 2048 * MB;
/** The most a setting (and so a call) may allow for one episode: 4 GiB. */
export const MAX_EPISODE_BYTES = 4096 * MB;
/** The most a setting may allow for all episodes together: 100 GiB. */
export const MAX_EPISODES_TOTAL_BYTES = 100 * 1024 * MB;
