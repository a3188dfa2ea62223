import { URL_SCHEMES } from './desktop-identity';

export interface ProtocolState {
  /** Whether this executable already handles the scheme. */
  isOurs(scheme: string): boolean;
  /** The name of the application that handles it, '' when none does. */
  handler(scheme: string): string;
}

/**
 * Which of our URL schemes to register at start. `broadsheet:` is ours alone, so it is always
 * (re)claimed. `feed:` is shared by every feed reader: the installer offers it (the package's
 * protocols), and at run time we take it only when no application handles it, so launching
 * Broadsheet never takes feed: links away from a reader the person chose since.
 */
export function protocolsToClaim(state: ProtocolState): string[] {
  return URL_SCHEMES.filter(
    (scheme) => !state.isOurs(scheme) && (scheme === 'broadsheet' || state.handler(scheme) === ''),
  );
}
