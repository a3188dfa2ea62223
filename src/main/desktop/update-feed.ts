import { parseWebUrl } from '../../shared/web-url';

/** The environment variable that points an installed app at another update server. */
export const UPDATE_URL_VARIABLE = 'BROADSHEET_UPDATE_URL';

export type UpdateFeed =
  /** The feed electron-builder wrote into the package (resources/app-update.yml). */
  | { kind: 'packaged' }
  /** A generic server: a folder holding latest.yml / latest-mac.yml / latest-linux.yml. */
  | { kind: 'generic'; url: string }
  | { kind: 'refused'; reason: string };

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Where updates come from, decided once at start. Without the variable, the package's own
 * app-update.yml (GitHub releases, or the generic server named at build time). With it, that
 * server instead — https only, because on Linux the AppImage's only check is the sha512 the
 * same server lists, so whoever could alter plain http could hand over any program; http is
 * accepted on the loopback alone, for trying a build against a local folder.
 */
export function updateFeed(value: string | undefined): UpdateFeed {
  if (value === undefined || value.trim() === '') return { kind: 'packaged' };
  const url = parseWebUrl(value.trim());
  if (!url || url.username || url.password)
    return { kind: 'refused', reason: `${UPDATE_URL_VARIABLE} is not a web address.` };
  if (url.protocol !== 'https:' && !LOOPBACK.has(url.hostname))
    return {
      kind: 'refused',
      reason: `${UPDATE_URL_VARIABLE} must be an https address (plain http only on this computer).`,
    };
  return { kind: 'generic', url: url.href };
}
